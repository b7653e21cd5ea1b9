import { useState } from 'preact/hooks';
import { sendMessage } from '../../messaging';
import type { Settings } from '../../settings';
import { FormField, fieldErrorsOf } from '../form-field';

/** Badge thresholds and reminder days; the background validates and says what is wrong. */
export function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved(s: Settings): void }) {
  const [draft, setDraft] = useState({
    urgentDays: String(settings.urgentDays),
    noticeDays: String(settings.noticeDays),
    alertDays: settings.alertDays.join(', '),
  });
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const submit = async (event: Event) => {
    event.preventDefault();
    setProblems({});
    try {
      const saved = await sendMessage('saveSettings', {
        urgentDays: Number(draft.urgentDays),
        noticeDays: Number(draft.noticeDays),
        alertDays: draft.alertDays
          .split(/[\s,]+/)
          .filter(Boolean)
          .map(Number),
      });
      onSaved(saved);
      setMessage({ text: 'Saved.', error: false });
    } catch (error) {
      setProblems(fieldErrorsOf(error));
      setMessage({ text: `Not saved: ${error instanceof Error ? error.message : String(error)}`, error: true });
    }
  };
  const field = (key: keyof typeof draft, label: string) => (
    <FormField
      id={`settings-${key}`}
      label={label}
      value={draft[key]}
      error={problems[key]}
      onInput={(value) => setDraft({ ...draft, [key]: value })}
    />
  );
  return (
    <form onSubmit={submit} data-testid="settings">
      {field('urgentDays', 'Urgent within (days)')}
      {field('noticeDays', 'Notice within (days)')}
      {field('alertDays', 'Remind at (days before)')}
      <button type="submit">Save</button>
      {message && (
        <p class={message.error ? 'error' : 'muted'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      <p class="muted">
        Urgent defaults to 15 days, TikTok's own near-expiration window. Reminders are sent once per authorization and threshold;
        0 is the day of expiry.
      </p>
    </form>
  );
}
