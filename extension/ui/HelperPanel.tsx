import { useState } from 'preact/hooks';
import { copyText } from './clipboard';

export interface PanelLine {
  text: string;
  tone?: 'ok' | 'warn';
  /** A ready text the line offers to copy (a message to send), with the button's words. */
  copy?: { label: string; text: string; onCopied?: () => void };
  /** A step only the person may take (the page's own scripts cannot press it), with the button's words. */
  action?: { label: string; run: () => void };
}

/** The helper's own corner panel on a page it works on: what it read, and what it could not do. */
export function HelperPanel({ title, lines, testId }: { title: string; lines: PanelLine[]; testId: string }) {
  const [open, setOpen] = useState(true);
  const [copied, setCopied] = useState<string | null>(null);
  const warn = lines.some((l) => l.tone === 'warn');
  if (!open) return null;
  return (
    <div class={warn ? 'sac warn floating' : 'sac floating'} role="status" data-testid={testId}>
      <span class="brand">{title}</span>
      {lines.map((line) => (
        <p key={line.text} class={line.tone === 'warn' ? '' : 'muted'}>
          {line.tone === 'warn' ? <strong>{line.text}</strong> : line.text}
          {line.copy && (
            <>
              {' '}
              <button
                type="button"
                onClick={async (event) => {
                  // The panel's root is open: the page's scripts can reach this button, but not press it for real.
                  if (!event.isTrusted) return;
                  const root = (event.currentTarget as HTMLElement).getRootNode() as ShadowRoot;
                  const copy = line.copy as NonNullable<PanelLine['copy']>;
                  const ok = await copyText(copy.text, root);
                  setCopied(ok ? line.text : null);
                  if (ok) copy.onCopied?.();
                }}
              >
                {copied === line.text ? 'Copied: send it to the partner' : line.copy.label}
              </button>
            </>
          )}
          {line.action && (
            <>
              {' '}
              <button
                type="button"
                onClick={(event) => {
                  if (event.isTrusted) (line.action as NonNullable<PanelLine['action']>).run();
                }}
              >
                {line.action.label}
              </button>
            </>
          )}
        </p>
      ))}
      <button type="button" class="link" onClick={() => setOpen(false)}>
        Hide
      </button>
    </div>
  );
}
