/** The dashboard's views, in the order of its tab bar (the first opens by default). */
export const TABS = [
  'Overview',
  'Shops',
  'What changed',
  'Authorizations',
  'Partner requests',
  'Access requests',
  'Settings',
  'Diagnostics',
] as const;

export type Tab = (typeof TABS)[number];
