import { z } from 'zod';
import { BusinessCenterSchema, SHARED_RECORD_SCHEMAS, ShopCodeSchema } from '../../shared/schemas';
import type { CompanionDb } from './database';

/** Marks a file as this extension's export, so any other JSON is refused by name. */
export const BACKUP_FORMAT = 'shop-access-companion-export';
export const BACKUP_VERSION = 1;
/** Far above any real export (10,000 authorizations are about 4 MB), small enough to read in a page. */
export const BACKUP_MAX_BYTES = 50 * 1024 * 1024;

const IntakeCodeSchema = z.object({
  code: ShopCodeSchema,
  addedAt: z.number(),
  orgIds: z.array(z.string().max(30)).max(1000).optional(),
});

/**
 * What an export holds: every record a person would miss in a new browser. Not kept: the team's
 * device token and sync bookkeeping (a new browser joins afresh) and which reminders were shown.
 */
const TABLES = {
  ...SHARED_RECORD_SCHEMAS,
  businessCenters: BusinessCenterSchema,
  intakeCodes: IntakeCodeSchema,
} as const;
export type BackupTable = keyof typeof TABLES;
export const BACKUP_TABLES = Object.keys(TABLES) as BackupTable[];

const TABLE_LABELS: Record<BackupTable, string> = {
  shops: 'shops',
  authorizations: 'partner authorizations',
  tspRequests: 'partner requests',
  partnerAccess: 'Business Centers with access',
  accessRequests: 'access requests',
  businessCenters: 'Business Centers',
  intakeCodes: 'pasted shop codes',
};
const SINGULAR: Record<BackupTable, string> = {
  shops: 'shop',
  authorizations: 'partner authorization',
  tspRequests: 'partner request',
  partnerAccess: 'Business Center with access',
  accessRequests: 'access request',
  businessCenters: 'Business Center',
  intakeCodes: 'pasted shop code',
};
const counted = (n: number, table: BackupTable) => `${n} ${n === 1 ? SINGULAR[table] : TABLE_LABELS[table]}`;

export type ImportOutcome = { ok: true; added: Record<BackupTable, number>; kept: number } | { ok: false; reason: string };

export async function exportBackup(db: CompanionDb, now: number = Date.now()): Promise<string> {
  const tables: Partial<Record<BackupTable, unknown[]>> = {};
  await db.transaction(
    'r',
    BACKUP_TABLES.map((t) => db.table(t)),
    async () => {
      for (const t of BACKUP_TABLES) tables[t] = await db.table(t).toArray();
    },
  );
  return JSON.stringify({ format: BACKUP_FORMAT, version: BACKUP_VERSION, exportedAt: now, tables }, null, 1);
}

/** A zod issue as a sentence: where in the file, and what is wrong there. */
function where(table: BackupTable, index: number, issue: z.core.$ZodIssue | undefined): string {
  const field = issue?.path.length ? ` (field "${issue.path.join('.')}")` : '';
  return `record ${index + 1} of the ${TABLE_LABELS[table]}${field} is not valid: ${issue?.message ?? 'unreadable'}`;
}

/** Checks the whole file before anything is written: a file with one bad record imports nothing. */
export function readBackup(text: string): { ok: true; tables: Record<BackupTable, unknown[]> } | { ok: false; reason: string } {
  if (text.length > BACKUP_MAX_BYTES) {
    return { ok: false, reason: `This file is larger than ${BACKUP_MAX_BYTES / 1024 / 1024} MB; an export is far smaller.` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'This file is not JSON. Choose a file made by "Export everything".' };
  }
  const head = z.object({ format: z.string(), version: z.number(), tables: z.record(z.string(), z.unknown()) }).safeParse(parsed);
  if (!head.success || head.data.format !== BACKUP_FORMAT) {
    return { ok: false, reason: 'This is not an export of Shop Access Companion. Choose a file made by "Export everything".' };
  }
  if (head.data.version > BACKUP_VERSION) {
    return {
      ok: false,
      reason: `This export was made by a newer version of the extension (format ${head.data.version}). Update the extension, then import it.`,
    };
  }
  const tables = {} as Record<BackupTable, unknown[]>;
  for (const table of BACKUP_TABLES) {
    const rows = head.data.tables[table] ?? [];
    if (!Array.isArray(rows)) return { ok: false, reason: `The ${TABLE_LABELS[table]} in this file are not a list.` };
    const schema = TABLES[table] as z.ZodType;
    const valid: unknown[] = [];
    for (const [i, row] of rows.entries()) {
      const checked = schema.safeParse(row);
      if (!checked.success) return { ok: false, reason: `Nothing was imported: ${where(table, i, checked.error.issues[0])}.` };
      valid.push(checked.data);
    }
    tables[table] = valid;
  }
  return { ok: true, tables };
}

/**
 * Adds what the export holds and this browser does not. A record this browser already has is kept
 * as it is here (it may be newer than the file); in a team, what is added reaches the team like any
 * change. One transaction: a failure adds nothing.
 */
export async function importBackup(db: CompanionDb, text: string): Promise<ImportOutcome> {
  const read = readBackup(text);
  if (!read.ok) return read;
  const added = Object.fromEntries(BACKUP_TABLES.map((t) => [t, 0])) as Record<BackupTable, number>;
  let kept = 0;
  await db.transaction(
    'rw',
    BACKUP_TABLES.map((t) => db.table(t)),
    async () => {
      for (const t of BACKUP_TABLES) {
        const table = db.table(t);
        const keyPath = table.schema.primKey.keyPath as string;
        // A record twice in the file (an edited export): its last copy.
        const byKey = new Map((read.tables[t] as Record<string, unknown>[]).map((r) => [r[keyPath] as string, r]));
        const rows = [...byKey.values()];
        const present = new Set((await table.bulkGet(rows.map((r) => r[keyPath] as string))).flatMap((r, i) => (r ? [i] : [])));
        const fresh = rows.filter((_, i) => !present.has(i));
        if (fresh.length > 0) await table.bulkAdd(fresh);
        added[t] = fresh.length;
        kept += present.size;
      }
    },
  );
  return { ok: true, added, kept };
}

/** What an import did, in words. */
export function importSummary(outcome: ImportOutcome): string {
  if (!outcome.ok) return outcome.reason;
  const parts = BACKUP_TABLES.filter((t) => outcome.added[t] > 0).map((t) => counted(outcome.added[t], t));
  const added = parts.length > 0 ? `Imported ${parts.join(', ')}.` : 'Nothing new to import.';
  if (outcome.kept === 0) return added;
  return outcome.kept === 1
    ? `${added} 1 record was already here and kept as it is.`
    : `${added} ${outcome.kept} records were already here and kept as they are.`;
}
