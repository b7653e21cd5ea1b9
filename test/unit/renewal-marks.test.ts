import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { markRenewal, recordAuthorizations } from '../../extension/db/authorizations';
import { CompanionDb } from '../../extension/db/database';
import { renewalState } from '../../shared/renewal';

const NOW = Date.UTC(2026, 11, 4, 12);
let db: CompanionDb;
let id: string;
beforeEach(async () => {
  db = new CompanionDb(`renewal-${Math.random()}`);
  const row = {
    serviceName: 'Ads management',
    partner: 'Growth Partners Ltd',
    status: 'Active',
    authorizedAt: '2026-01-02',
    expiresAt: '2026-12-16',
  };
  await recordAuthorizations(db, 'GBGBLCRKQTEX', [row], 'day-first', NOW, true);
  id = ((await db.authorizations.toArray())[0] as { id: string }).id;
});
afterEach(async () => {
  await db.delete();
});

const events = async () =>
  ((await db.authorizations.get(id))?.history ?? []).map((h) => h.event).filter((e) => e.startsWith('renewal'));

describe('renewal steps a person marks', () => {
  it('counts an ask once while it waits, and a new ask after the link came starts the next cycle', async () => {
    expect(await markRenewal(db, id, 'asked', NOW)).toBe(true);
    // A second copy of the message (or a page script pressing the button) is not news.
    await markRenewal(db, id, 'asked', NOW + 1000);
    expect(await events()).toEqual(['renewal_asked']);
    expect((await db.authorizations.get(id))?.renewal?.askedAt).toBe(NOW);
    await markRenewal(db, id, 'link_received', NOW + 2000);
    expect(renewalState((await db.authorizations.get(id)) as never, NOW + 2000)).toBe('link_received');
    await markRenewal(db, id, 'asked', NOW + 3000);
    const after = await db.authorizations.get(id);
    expect(renewalState(after as never, NOW + 3000)).toBe('asked');
    expect(after?.renewal?.linkReceivedAt).toBeUndefined();
    expect(await events()).toEqual(['renewal_asked', 'renewal_link_received', 'renewal_asked']);
  });

  it('says when there is no such authorization', async () => {
    expect(await markRenewal(db, 'GBGBLCRKQTEX|nothing|nobody', 'asked', NOW)).toBe(false);
  });
});
