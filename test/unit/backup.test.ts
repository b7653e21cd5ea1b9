import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addIntake, recordRequestOutcome } from '../../extension/db/access-requests';
import { recordAuthorizations } from '../../extension/db/authorizations';
import { BACKUP_TABLES, exportBackup, importBackup, importSummary } from '../../extension/db/backup';
import { CompanionDb } from '../../extension/db/database';
import { recordShopCapture } from '../../extension/db/shops';

const NOW = Date.UTC(2026, 11, 4, 12);
let source: CompanionDb;
let fresh: CompanionDb;

beforeEach(async () => {
  source = new CompanionDb(`backup-source-${Math.random()}`);
  fresh = new CompanionDb(`backup-fresh-${Math.random()}`);
  await recordShopCapture(
    source,
    { shopCode: 'USLCQPEV3N', name: 'Maple & Moss Home', region: 'US', sellerType: 'local', standardCode: true },
    NOW,
  );
  await recordAuthorizations(
    source,
    'USLCQPEV3N',
    [
      {
        serviceName: 'Ads management',
        partner: 'Growth Partners Ltd',
        status: 'Active',
        authorizedAt: '2026-01-02',
        expiresAt: '2026-12-16',
      },
    ],
    'month-first',
    NOW,
    true,
  );
  await recordRequestOutcome(source, '7000000000001', 'GBGBLCRKQTEX', { ok: true }, 'Ana', NOW);
  await addIntake(source, 'MXMXLCVFLL4L', NOW, '7000000000001');
});
afterEach(async () => {
  await source.delete();
  await fresh.delete();
});

const everything = async (db: CompanionDb) =>
  Object.fromEntries(await Promise.all(BACKUP_TABLES.map(async (t) => [t, await db.table(t).toArray()] as const)));

describe('export and import of everything', () => {
  it('gives a fresh browser the same records, and queues them for the team like any change', async () => {
    const text = await exportBackup(source, NOW);
    const outcome = await importBackup(fresh, text);
    expect(outcome).toMatchObject({
      ok: true,
      kept: 0,
      added: { shops: 1, authorizations: 1, accessRequests: 1, intakeCodes: 1 },
    });
    expect(await everything(fresh)).toEqual(await everything(source));
    expect(importSummary(outcome)).toBe('Imported 1 shop, 1 partner authorization, 1 access request, 1 pasted shop code.');
    // Shared records reach the team once joined: they wait in the outbox like captured ones.
    expect((await fresh.outbox.toArray()).map((e) => e.key).sort()).toEqual(
      (await source.outbox.toArray()).map((e) => e.key).sort(),
    );
  });

  it('keeps what this browser already has as it is, and says so', async () => {
    await recordShopCapture(
      fresh,
      { shopCode: 'USLCQPEV3N', name: 'Renamed here', region: 'US', sellerType: 'local', standardCode: true },
      NOW + 1,
    );
    const outcome = await importBackup(fresh, await exportBackup(source, NOW));
    expect(outcome).toMatchObject({ ok: true, kept: 1, added: { shops: 0, authorizations: 1 } });
    expect((await fresh.shops.get('USLCQPEV3N'))?.name).toBe('Renamed here');
    expect(importSummary(outcome)).toContain('1 record was already here and kept as it is.');
  });

  it.each([
    ['not JSON', 'hello', 'This file is not JSON.'],
    ['some other JSON', '{"shops": []}', 'This is not an export of Shop Access Companion.'],
    [
      'a newer format',
      JSON.stringify({ format: 'shop-access-companion-export', version: 9, exportedAt: 1, tables: {} }),
      'made by a newer version of the extension (format 9)',
    ],
  ])('refuses %s, with the reason, and changes nothing', async (_what, text, reason) => {
    const outcome = await importBackup(fresh, text);
    expect(outcome.ok).toBe(false);
    expect(importSummary(outcome)).toContain(reason);
    expect(Object.values(await everything(fresh)).flat()).toEqual([]);
  });

  it('refuses a file with one bad record, naming it, and imports none of the good ones', async () => {
    const file = JSON.parse(await exportBackup(source, NOW));
    file.tables.authorizations.push({ ...file.tables.authorizations[0], id: 'other', expiresAt: 'soon' });
    const outcome = await importBackup(fresh, JSON.stringify(file));
    expect(importSummary(outcome)).toMatch(
      /^Nothing was imported: record 2 of the partner authorizations \(field "expiresAt"\) is not valid: /,
    );
    expect(Object.values(await everything(fresh)).flat()).toEqual([]);
    expect(await fresh.outbox.count()).toBe(0);
  });

  it('takes the last copy of a record the file holds twice', async () => {
    const file = JSON.parse(await exportBackup(source, NOW));
    file.tables.shops.push({ ...file.tables.shops[0], name: 'Second copy' });
    expect(await importBackup(fresh, JSON.stringify(file))).toMatchObject({ ok: true, added: { shops: 1 } });
    expect((await fresh.shops.get('USLCQPEV3N'))?.name).toBe('Second copy');
  });
});
