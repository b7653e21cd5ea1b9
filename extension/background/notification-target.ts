/**
 * Where a click on one of the extension's notifications takes the person: a reminder to the
 * authorizations (where the renewal message is ready to copy), a change to What changed.
 */
export function dashboardPathFor(notificationId: string): string {
  if (notificationId.startsWith('expiry|')) return '/dashboard.html?tab=Authorizations';
  return '/dashboard.html?tab=What%20changed';
}
