import type { Shop } from './schemas';

/**
 * Agencies work for many clients from several Business Centers: a shop may be assigned to the
 * Business Centers that should request it. Unassigned (the default), every Business Center may.
 */
export function requestedFrom(shop: Pick<Shop, 'businessCenters'>, orgId: string): boolean {
  return assignedTo(shop.businessCenters, orgId);
}

/** The one rule for captured shops and pasted codes alike: no list of Business Centers means all of them. */
export function assignedTo(orgIds: readonly string[] | undefined, orgId: string): boolean {
  return orgIds === undefined || orgIds.includes(orgId);
}

/**
 * Whether this browser tells its person about a shop. A shop with an owner notifies only in the
 * owner's browsers, so a team of ten does not get ten of every reminder; a browser outside any
 * team (nobody else would be told) and a shop without owner always notify.
 */
export function notifiesHere(shop: Pick<Shop, 'owner'> | undefined, memberId: string | null): boolean {
  if (!shop?.owner || memberId === null) return true;
  return shop.owner.memberId === memberId;
}

/** The Business Centers a shop is assigned to, as a person reads it. */
export function assignmentLabel(shop: Pick<Shop, 'businessCenters'>, nameOf: (orgId: string) => string): string {
  if (shop.businessCenters === undefined) return 'All Business Centers';
  if (shop.businessCenters.length === 0) return 'No Business Center';
  return shop.businessCenters.map(nameOf).join(', ');
}

/** A Business Center as a person reads it: its name once seen, with the id that tells two alike apart. */
export function businessCenterLabel(orgId: string, name?: string): string {
  return name ? `${name} (${orgId})` : `Business Center ${orgId}`;
}
