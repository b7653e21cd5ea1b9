import { useState } from 'preact/hooks';

export interface PanelLine {
  text: string;
  tone?: 'ok' | 'warn';
}

/** The helper's own corner panel on a page it works on: what it read, and what it could not do. */
export function HelperPanel({ title, lines, testId }: { title: string; lines: PanelLine[]; testId: string }) {
  const [open, setOpen] = useState(true);
  const warn = lines.some((l) => l.tone === 'warn');
  if (!open) return null;
  return (
    <div class={warn ? 'sac warn floating' : 'sac floating'} role="status" data-testid={testId}>
      <span class="brand">{title}</span>
      {lines.map((line) => (
        <p key={line.text} class={line.tone === 'warn' ? '' : 'muted'}>
          {line.tone === 'warn' ? <strong>{line.text}</strong> : line.text}
        </p>
      ))}
      <button type="button" class="link" onClick={() => setOpen(false)}>
        Hide
      </button>
    </div>
  );
}
