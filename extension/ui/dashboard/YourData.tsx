import { useState } from 'preact/hooks';
import { expiryCalendar } from '../../../shared/expiry-calendar';
import { exportBackup, importBackup, importSummary } from '../../db/backup';
import { db } from '../../db/database';
import { download } from '../download';
import { accessRequestsCsv, authorizationsCsv, shopsCsv } from './table-csv';

const day = () => new Date().toISOString().slice(0, 10);
const CSV = 'text/csv;charset=utf-8';

/** Each file this section saves, and what it says once saved. */
const SAVES: { label: string; save: () => Promise<string> }[] = [
  {
    label: 'Export everything (JSON)',
    async save() {
      download(`shop-access-companion-${day()}.json`, await exportBackup(db), 'application/json');
      return 'Exported everything this browser holds.';
    },
  },
  {
    label: 'Export tables (CSV)',
    async save() {
      download('shops.csv', shopsCsv(await db.shops.toArray()), CSV);
      download('authorizations.csv', authorizationsCsv(await db.authorizations.toArray()), CSV);
      download('access-requests.csv', accessRequestsCsv(await db.accessRequests.toArray()), CSV);
      return 'Saved shops.csv, authorizations.csv and access-requests.csv.';
    },
  },
  {
    label: 'Calendar file (.ics)',
    async save() {
      const all = await db.authorizations.toArray();
      download('partner-expiries.ics', expiryCalendar(all, 'this browser'), 'text/calendar;charset=utf-8');
      return 'Saved partner-expiries.ics: open it with your calendar. It does not update itself; a team calendar link does.';
    },
  },
];

/**
 * Everything this browser holds, to take elsewhere or follow without the extension: one JSON file
 * a fresh browser can import, a CSV per table for a spreadsheet, and the expiries as a calendar
 * file with reminders (a team has its own calendar link, kept up to date, in Team sync).
 */
export function YourData() {
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      setMessage({ text: await work(), ok: true });
    } catch (error) {
      const text =
        error instanceof ImportRefused ? error.message : `That did not work (${String(error)}). Nothing was changed; try again.`;
      setMessage({ text, ok: false });
    } finally {
      setBusy(false);
    }
  };
  return (
    <section data-testid="your-data">
      <h2>Your data</h2>
      <p class="muted">
        Take everything to another browser (export, then import there), open a table in a spreadsheet, or put the expiries in your
        calendar.
      </p>
      <p style={{ display: 'flex', gap: '8px', flexWrap: 'wrap' }}>
        {SAVES.map(({ label, save }) => (
          <button key={label} type="button" disabled={busy} onClick={() => run(save)}>
            {label}
          </button>
        ))}
      </p>
      <label>
        Import an export{' '}
        <input
          type="file"
          accept="application/json,.json"
          disabled={busy}
          onChange={(event) => {
            const input = event.currentTarget as HTMLInputElement;
            const file = input.files?.[0];
            if (!file) return;
            void run(async () => {
              const outcome = await importBackup(db, await file.text());
              input.value = '';
              if (!outcome.ok) throw new ImportRefused(importSummary(outcome));
              return importSummary(outcome);
            });
          }}
        />
      </label>
      {message && (
        <p role={message.ok ? 'status' : 'alert'} data-testid="your-data-message">
          {message.text}
        </p>
      )}
    </section>
  );
}

/** A refused file: its reason, already in words, is the whole message. */
class ImportRefused extends Error {}
