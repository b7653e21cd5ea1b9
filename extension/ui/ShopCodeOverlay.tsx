import { useState } from 'preact/hooks';
import { agencyMessage } from '../../shared/agency-message';
import type { ShopCapture } from '../../shared/schemas';
import type { ShopTeamState } from '../protocol-types';
import { copyText } from './clipboard';

export type SaveState =
  | { kind: 'saving' }
  | { kind: 'saved'; created: boolean; team?: ShopTeamState }
  | { kind: 'error'; message: string };

interface Props {
  shop: ShopCapture;
  save: SaveState;
  root: ShadowRoot;
}

/** Beside the shop code on Seller information: what was read, whether it was kept, and two copies. */
export function ShopCodeOverlay({ shop, save, root }: Props) {
  const [copied, setCopied] = useState<string | null>(null);
  const copy = async (what: string, text: string) => {
    setCopied((await copyText(text, root)) ? what : 'Copy failed: select the code by hand');
  };
  return (
    <div class={save.kind === 'error' ? 'sac error' : lostToTeam(save) ? 'sac warn' : 'sac'}>
      <span class="code" data-testid="sac-shop-code" title="Shop code read by Shop Access Companion">
        {shop.shopCode}
      </span>
      {!shop.standardCode && <span class="muted">(unusual format)</span>}
      <button type="button" onClick={() => copy('Code copied', shop.shopCode)}>
        Copy code
      </button>
      <button type="button" onClick={() => copy('Message copied', agencyMessage(shop))}>
        Copy message for agency
      </button>
      <span class="muted" role="status" data-testid="sac-status">
        {copied ?? saveText(save)}
      </span>
    </div>
  );
}

const lostToTeam = (save: SaveState) =>
  save.kind === 'saved' && (save.team?.kind === 'overruled' || save.team?.kind === 'setAside');

function saveText(save: SaveState): string {
  if (save.kind === 'saving') return 'Saving...';
  if (save.kind === 'error') return `Not saved: ${save.message}`;
  const here = save.created ? 'Saved to your shops' : 'Up to date in your shops';
  const team = save.team;
  if (!team || team.kind === 'solo') return here;
  if (team.kind === 'shared') return `${here} and your team's`;
  if (team.kind === 'waiting') {
    return team.why
      ? "Saved in this browser; your team's server is not answering. It is sent when the server is back."
      : 'Saved in this browser; sharing it with your team...';
  }
  if (team.kind === 'setAside') {
    return "Saved in this browser, but your team's server refused it. See Team sync in the dashboard's Settings.";
  }
  const who = team.by ? `${team.by}'s earlier edit` : "a teammate's earlier edit";
  return `Your team keeps the name "${team.name ?? '(none)'}" (${who}). To keep this page's name, use Keep mine in the dashboard's Settings.`;
}

interface UnavailableProps {
  title: string;
  detail: string;
  tried: string[];
  onDismiss(): void;
  /** For "Copy page outline": the page's structure with every value masked, for a bug report. */
  outline?: () => string;
  root?: ShadowRoot;
}

/** The visible "helper unavailable here" state: the page did not match what the helper looks for. */
export function HelperUnavailable({ title, detail, tried, onDismiss, outline, root }: UnavailableProps) {
  const [copied, setCopied] = useState<string | null>(null);
  const copyOutline = async () => {
    if (!outline) return;
    const ok = await copyText(outline(), root);
    setCopied(ok ? 'Page outline copied: paste it into a bug report. Shop names, codes and dates are masked.' : 'Copy failed.');
  };
  return (
    <div class="sac warn floating" role="status" data-testid="sac-unavailable">
      <span class="brand">Shop Access Companion</span>
      <p>
        <strong>{title}</strong>
      </p>
      <p class="muted">{detail}</p>
      <ul>
        {tried.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {outline && (
        <button type="button" onClick={copyOutline}>
          Copy page outline
        </button>
      )}
      <button type="button" class="link" onClick={onDismiss}>
        Dismiss
      </button>
      {copied && (
        <p class="muted" role="status">
          {copied}
        </p>
      )}
    </div>
  );
}
