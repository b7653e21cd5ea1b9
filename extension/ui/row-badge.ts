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

/**
 * A small badge in a list record: one light-DOM element with its label as text (`textContent`, so
 * always text), styled by one stylesheet adopted by the document. Not a shadow root per badge: in a
 * 500-row list that keeps re-rendering, 500 shadow trees made every style and layout pass of the
 * page's own table markedly slower (bench/storm-ratio.ts). The label is what the page itself shows
 * (days left from its own dates), so a page script reading it learns nothing it does not know.
 */
const CSS =
  // !important: a page's own rules (`td *`, say) must not restyle the badge.
  'sac-badge[data-sac-helper]{all:initial!important;display:inline-block!important;margin-left:6px!important;vertical-align:middle!important;' +
  'font:600 11px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif!important;border:1px solid!important;border-radius:999px!important;' +
  'padding:0 7px!important;white-space:nowrap!important}' +
  Object.entries(TONES)
    .map(([tone, css]) => `sac-badge[data-sac-helper][data-tone="${tone}"]{${css.replace(/;/g, '!important;')}!important}`)
    .join('');

const adoptedBy = new WeakSet<Document>();

function adoptStyles(doc: Document): void {
  if (adoptedBy.has(doc)) return;
  adoptedBy.add(doc);
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  } catch {
    const style = doc.createElement('style');
    style.textContent = CSS;
    (doc.head ?? doc.documentElement).append(style);
  }
}

export function createRowBadge(helper: string): HTMLElement {
  adoptStyles(document);
  const host = document.createElement('sac-badge');
  host.setAttribute('data-sac-helper', helper);
  return host;
}

export function renderRowBadge(host: HTMLElement, view: BadgeView): void {
  host.textContent = view.label;
  host.title = view.title;
  host.setAttribute('data-tone', view.tone);
}
