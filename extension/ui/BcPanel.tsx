import { useState } from 'preact/hooks';
import { isWaiting } from '../../shared/access-methods';
import type { ShopAccessRequest } from '../../shared/schemas';
import { sellerApprovalMessage } from '../../shared/seller-approval';
import { businessCenterLabel } from '../../shared/shop-assignment';
import type { BcOverview } from '../protocol-types';
import { accessStatusLabel, type IntakeOutcome, IntakeResult, notFromHere } from './access-requests';
import { copyText } from './clipboard';

/** One code of a batch: waiting its turn, being requested, and what came of it. */
export interface BatchLine {
  code: string;
  state: 'waiting' | 'requesting' | 'sent' | 'refused' | 'queued' | 'skipped' | 'unknown';
  detail?: string;
}

const BATCH_STATE: Record<BatchLine['state'], string> = {
  waiting: 'waiting its turn',
  requesting: 'requesting now...',
  sent: 'sent, pending approval',
  refused: 'not sent',
  queued: 'queued for the next day (daily limit of 20)',
  skipped: 'not requested',
  unknown: 'outcome unknown',
};

export interface BcPanelProps {
  overview: BcOverview;
  busy: string | null;
  notice: string | null;
  intake: IntakeOutcome | null;
  /** What the last reading of the Shops list found: shops gone, or why it could not tell. */
  listNote?: string | null;
  root: ShadowRoot;
  onRequest(codes: string[]): void;
  onResend(code: string): void;
  onIntake(text: string): void;
  /** Forgets a pasted code (a typo, a client who left): it is no longer offered. */
  onRemovePasted(code: string): void;
  /** A batch under way: how many of its requests were tried. */
  progress?: { done: number; total: number } | null;
  batch?: BatchLine[] | null;
  /** Collapsed to a tab at the edge (remembered by the feature); open, a drawer from `top` down. */
  collapsed: boolean;
  /** Collapsed because the page cannot make room for the drawer (it has a minimum width). */
  crowded?: boolean;
  top: number;
  onCollapse(collapsed: boolean): void;
}

/** The agency's panel on Business Center > Assets > Shops. Every value from a page or a paste is text. */
export function BcPanel(props: BcPanelProps) {
  const { overview, busy, notice, intake } = props;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [paste, setPaste] = useState('');
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (key: string, text: string) => setCopied((await copyText(text, props.root)) ? key : null);
  const toggle = (code: string) => {
    const next = new Set(selected);
    if (next.has(code)) next.delete(code);
    else next.add(code);
    setSelected(next);
  };
  const now = Date.now();
  const { quota } = overview;
  const queued = overview.requests.filter((r) => r.status === 'queued');
  const tracked = overview.requests.filter((r) => r.status !== 'queued');
  if (props.collapsed) {
    return (
      <div class="sac bc tab" data-testid="bc-panel" data-docked="collapsed">
        <button type="button" aria-expanded="false" onClick={() => props.onCollapse(false)}>
          Shop Access Companion: {overview.candidates.length} to request
        </button>
        {props.crowded && (
          <span class="muted" data-testid="bc-crowded">
            {' '}
            This page cannot make room beside it; opened, the panel covers its right side.
          </span>
        )}
      </div>
    );
  }
  return (
    <div class="sac bc drawer" data-testid="bc-panel" data-docked="open" style={{ top: `${props.top}px` }}>
      <div class="drawer-head">
        <span class="brand">Shop Access Companion</span>
        <button type="button" class="link" aria-expanded="true" onClick={() => props.onCollapse(true)}>
          Collapse
        </button>
      </div>
      <p class="muted" data-testid="bc-name">
        {businessCenterLabel(overview.orgId, overview.name)}
      </p>
      <p data-testid="bc-quota">
        <strong>
          Today: {quota.used} of {quota.limit} requests used
        </strong>
        {quota.limitReached ? ' (TikTok says the daily limit is reached)' : ''}. Day ends at 00:00 {quota.timeZone}; counted for
        everyone using this Business Center from this browser.
      </p>
      {busy && (
        <p role="status" data-testid="bc-busy">
          {busy}
          {props.progress && (
            <progress
              max={props.progress.total}
              value={props.progress.done}
              aria-label={`${props.progress.done} of ${props.progress.total} requests tried`}
            />
          )}
        </p>
      )}
      {props.batch && props.batch.length > 0 && (
        <ul class="bc-list" data-testid="bc-batch" aria-label="This batch, one line per code">
          {props.batch.map((line) => (
            <li key={line.code} data-code={line.code} data-state={line.state}>
              <span class="code">{line.code}</span>{' '}
              <span class={line.state === 'refused' || line.state === 'unknown' ? 'error' : 'muted'}>
                {BATCH_STATE[line.state]}
                {line.detail ? `: ${line.detail}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
      {props.listNote && (
        <p role="status" data-testid="bc-list-note" class="warn-text">
          {props.listNote}
        </p>
      )}
      {notice && (
        <p role="status" data-testid="bc-notice">
          <strong>{notice}</strong>
        </p>
      )}
      <h4>Not requested yet ({overview.candidates.length})</h4>
      {overview.elsewhere > 0 && (
        <p class="muted" data-testid="bc-elsewhere">
          {overview.elsewhere} shop(s) are assigned to other Business Centers and not offered here (dashboard, Shops).
        </p>
      )}
      {overview.candidates.length === 0 ? (
        <p class="muted">Every shop code you know has been requested. Paste more below.</p>
      ) : (
        <ul class="bc-list" data-testid="bc-candidates">
          {overview.candidates.map((c) => (
            <li key={c.code} data-code={c.code}>
              <label>
                <input type="checkbox" checked={selected.has(c.code)} onChange={() => toggle(c.code)} />{' '}
                <span class="code">{c.code}</span> <span class="muted">{c.name ?? (c.source === 'pasted' ? 'pasted' : '')}</span>
              </label>
              <button type="button" disabled={busy !== null} onClick={() => props.onRequest([c.code])}>
                Request access
              </button>
              {c.source === 'pasted' && (
                <button
                  type="button"
                  class="link"
                  aria-label={`Remove pasted code ${c.code}`}
                  onClick={() => props.onRemovePasted(c.code)}
                >
                  Remove
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p>
        <button type="button" disabled={busy !== null || selected.size === 0} onClick={() => props.onRequest([...selected])}>
          Request selected ({selected.size})
        </button>{' '}
        <button
          type="button"
          class="link"
          onClick={() => setSelected(new Set(overview.candidates.map((c) => c.code)))}
          disabled={overview.candidates.length === 0}
        >
          Select all
        </button>
      </p>
      {queued.length > 0 && (
        <>
          <h4>Queued for the next day ({queued.length})</h4>
          <ul class="bc-list" data-testid="bc-queued">
            {queued.map((r) => (
              <li key={r.id} data-code={r.shopCode}>
                <span class="code">{r.shopCode}</span> <span class="muted">waits for {r.queuedFor}</span>
                <button
                  type="button"
                  disabled={busy !== null || quota.remaining === 0}
                  onClick={() => props.onRequest([r.shopCode])}
                >
                  Send now
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>Requests ({tracked.length})</h4>
      <ul class="bc-list" data-testid="bc-requests">
        {tracked.map((r) => (
          <RequestRow key={r.id} request={r} now={now} copied={copied} copy={copy} busy={busy} onResend={props.onResend} />
        ))}
      </ul>
      <h4>Paste shop codes</h4>
      <textarea
        aria-label="Paste shop codes"
        rows={3}
        value={paste}
        placeholder="An e-mail, a spreadsheet column, a list..."
        onInput={(e) => setPaste((e.target as HTMLTextAreaElement).value)}
      />
      <p>
        <button
          type="button"
          onClick={() => {
            props.onIntake(paste);
            setPaste('');
          }}
        >
          Add codes
        </button>
      </p>
      {intake && <IntakeResult intake={intake} testId="bc-intake" />}
    </div>
  );
}

interface RowProps {
  request: ShopAccessRequest;
  now: number;
  copied: string | null;
  busy: string | null;
  copy(key: string, text: string): void;
  onResend(code: string): void;
}

function RequestRow({ request: r, now, copied, copy, busy, onResend }: RowProps) {
  // One clock for both: the label and the Resend offer never disagree about "waiting".
  const waiting = isWaiting(r, now);
  const status = accessStatusLabel(r, now);
  return (
    <li
      data-code={r.shopCode}
      data-status={r.status}
      data-lost={r.lostAt === undefined ? 'no' : 'yes'}
      data-waiting={waiting ? 'yes' : 'no'}
    >
      <span class="code">{r.shopCode}</span>{' '}
      <span class={r.status === 'failed' || r.lostAt !== undefined ? 'error' : 'muted'}>{status}</span>
      {r.byHand && (
        <span class="muted" data-testid="bc-by-hand">
          {' '}
          ({notFromHere(r)})
        </span>
      )}
      {r.lastError && <span class="error"> - TikTok said: {r.lastError}</span>}
      {r.resends.length > 0 && (
        <span class="muted">
          {' '}
          - resent {r.resends.length}x, last {new Date(r.resends.at(-1)?.at ?? 0).toLocaleString()}
        </span>
      )}
      <br />
      {r.status === 'pending' && r.lostAt === undefined && (
        <button
          type="button"
          onClick={() => copy(`msg:${r.shopCode}`, sellerApprovalMessage({ shopCode: r.shopCode, approvalLink: r.approvalLink }))}
        >
          {copied === `msg:${r.shopCode}` ? 'Copied' : 'Copy message for seller'}
        </button>
      )}{' '}
      {r.status === 'pending' && r.lostAt === undefined && r.approvalLink && (
        <button type="button" onClick={() => copy(`link:${r.shopCode}`, r.approvalLink ?? '')}>
          {copied === `link:${r.shopCode}` ? 'Copied' : 'Copy link'}
        </button>
      )}{' '}
      {waiting && (
        <button type="button" disabled={busy !== null} onClick={() => onResend(r.shopCode)}>
          Resend
        </button>
      )}
    </li>
  );
}
