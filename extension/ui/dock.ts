/**
 * A side drawer beside the page rather than over it. The page's own flow is narrowed by the
 * drawer's width (a margin on its root), so TikTok's tables and buttons move left instead of
 * sitting under the drawer. Bars the page pins to the top of the viewport do not move with a
 * margin, so the drawer starts below the lowest such bar at the right edge.
 */

const DOCK_ATTRIBUTE = 'data-sac-dock';
/** Our own style element per page: one the page planted with the same attribute is never taken for it. */
const reserved = new WeakMap<Document, HTMLStyleElement>();

/** Narrows the page by `width` pixels on the right; calling it again only updates the width. */
export function reserveRightEdge(doc: Document, width: number): void {
  let style = reserved.get(doc);
  if (!style?.isConnected) {
    style = doc.createElement('style');
    style.setAttribute(DOCK_ATTRIBUTE, '');
    (doc.head ?? doc.documentElement).append(style);
    reserved.set(doc, style);
  }
  const rule = `html { margin-right: ${Math.round(width)}px !important; }`;
  if (style.textContent !== rule) style.textContent = rule;
}

/** Whether the page's content fits the width it is given: nothing runs past it to the right. */
export function pageFits(doc: Document): boolean {
  const root = doc.documentElement;
  return root.scrollWidth <= root.clientWidth + 1;
}

/** Gives the page its full width back. */
export function releaseRightEdge(doc: Document): void {
  reserved.get(doc)?.remove();
  reserved.delete(doc);
}

/** Where the drawer may start: below any bar the page pins to the top at the right edge, at most a third down. */
export function topBarBottom(doc: Document, own: Element): number {
  const view = doc.defaultView;
  if (!view) return 0;
  const limit = view.innerHeight / 3;
  let bottom = 0;
  // Probe down the right edge, where the drawer will be, for pinned elements that are not ours.
  for (let y = 2; y < limit; y += 12) {
    const hits = doc.elementsFromPoint(Math.max(0, view.innerWidth - 24), y);
    for (const hit of hits) {
      if (hit === own || own.contains(hit) || hit === doc.documentElement || hit === doc.body) continue;
      const pinned = pinnedAncestor(hit, view);
      if (!pinned) continue;
      // Bars start at the top or right under another; a dialog's mask covering the page is not one.
      const box = pinned.getBoundingClientRect();
      if (box.top <= bottom + 1 && box.height < limit) bottom = Math.max(bottom, box.bottom);
    }
  }
  return Math.min(Math.max(0, Math.round(bottom)), Math.round(limit));
}

function pinnedAncestor(element: Element, view: Window): Element | null {
  for (let e: Element | null = element; e && e !== e.ownerDocument.body; e = e.parentElement) {
    const position = view.getComputedStyle(e).position;
    if (position === 'fixed' || position === 'sticky') return e;
  }
  return null;
}
