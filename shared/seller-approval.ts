/**
 * What a seller does with a Business Center's access request, by their situation (seed 004, "Seller
 * Approves Request in Seller Center", four scenarios). The agency sends it with the approval link.
 */
export function sellerApprovalMessage(input: { shopCode: string; businessCenterName?: string; approvalLink?: string }): string {
  const who = input.businessCenterName ? `our Business Center "${input.businessCenterName}"` : 'our Business Center';
  return [
    `Hi, ${who} has requested access to your TikTok Shop (shop code ${input.shopCode}) so we can run Shop Ads for you.`,
    input.approvalLink
      ? `Approve it here: ${input.approvalLink}`
      : 'Approve it from the e-mail TikTok sent you, or from Seller Center > Ads > Account Management > Partner Management.',
    '',
    'What you will see when you open the link:',
    '- If your Business Center is already linked to Seller Center: just click Approve.',
    '- If you have no Business Center yet: enter a Business Center name, choose a time zone, click Approve.',
    '- If you have a Business Center you admin but it is not linked: choose it in the drop-down and click Approve.',
    '- If your Business Center is not listed: you need admin access to it; ask its admin, then choose it and click Approve.',
    '',
    'You can see and remove this access any time under Seller Center > Ads > Account Management > Partner Management.',
  ].join('\n');
}
