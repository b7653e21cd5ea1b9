import type { BadgeTone, BadgeView } from '../../shared/authorization-badge';

export const TONES: Record<BadgeTone, string> = {
  expired: 'background:#fee2e2;color:#991b1b;border-color:#fca5a5',
  today: 'background:#dc2626;color:#fff;border-color:#b91c1c',
  urgent: 'background:#ffedd5;color:#9a3412;border-color:#fdba74',
  notice: 'background:#fef9c3;color:#854d0e;border-color:#fde047',
  ok: 'background:#dcfce7;color:#166534;border-color:#86efac',
  inactive: 'background:#f3f4f6;color:#374151;border-color:#d1d5db',
  unreadable: 'background:#f5f3ff;color:#5b21b6;border-color:#c4b5fd;border-style:dashed',
};

const BASE =
  ':host{all:initial;display:inline-block;margin-left:6px;vertical-align:middle}' +
  'span{font:600 11px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;border:1px solid;border-radius:999px;padding:0 7px;white-space:nowrap}' +
  Object.entries(TONES)
    .map(([tone, css]) => `.${tone}{${css}}`)
    .join('');

/**
 * A small badge in a table row. Plain DOM in an open shadow root rather than a Preact tree: a page
 * may hold hundreds of rows, and the badge's text is set with textContent, so it is always text.
 */
let shared: CSSStyleSheet | null | undefined;

/** One constructed stylesheet adopted by every badge: parsing a <style> per badge costs a 500-row page dearly. */
function sharedSheet(): CSSStyleSheet | null {
  if (shared === undefined) {
    try {
      shared = new CSSStyleSheet();
      shared.replaceSync(BASE);
    } catch {
      shared = null;
    }
  }
  return shared;
}

export function createRowBadge(helper: string): HTMLElement {
  const host = document.createElement('sac-badge');
  host.setAttribute('data-sac-helper', helper);
  const root = host.attachShadow({ mode: 'open' });
  const sheet = sharedSheet();
  if (sheet) root.adoptedStyleSheets = [sheet];
  else {
    const style = document.createElement('style');
    style.textContent = BASE;
    root.append(style);
  }
  root.append(document.createElement('span'));
  return host;
}

export function renderRowBadge(host: HTMLElement, view: BadgeView): void {
  const span = host.shadowRoot?.querySelector('span');
  if (!span) return;
  // A class per tone from the one shared sheet: no style attribute to parse per badge.
  span.textContent = view.label;
  span.className = view.tone;
  span.title = view.title;
  host.setAttribute('data-tone', view.tone);
}

export function badgeLabel(host: Element): string {
  return host.shadowRoot?.querySelector('span')?.textContent ?? '';
}
