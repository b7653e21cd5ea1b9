import type { PartnerAccessRow } from '../protocol-types';

/** Seller Center > Ads > Account Management > Partner Management: one Business Center with access, or asking. */
export function toPartnerRow(values: Partial<Record<keyof PartnerAccessRow, string>>): PartnerAccessRow | null {
  const businessCenterName = values.businessCenterName ?? '';
  if (!businessCenterName) return null;
  const id = values.businessCenterId?.match(/\d{6,25}/)?.[0];
  return {
    businessCenterName,
    businessCenterId: id,
    ...(values.permission ? { permission: values.permission } : {}),
    status: values.status ?? '',
  };
}
