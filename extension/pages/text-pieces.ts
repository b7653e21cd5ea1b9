import { normalizeText } from './dom-text';

/**
 * Page text read with its element boundaries. React renders no whitespace between elements, so
 * `textContent` runs a shop code into the next cell ("USLCAB12CDUnited States"); every text node
 * here is its own piece, and joined text puts a space between pieces.
 */
export interface Piece {
  text: string;
  /** The element that holds the text node. */
  element: Element;
}

/** Never page text: scripts, styles, templates, hidden parts, and the extension's own overlays. */
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SAC-BADGE', 'SAC-OVERLAY', 'svg', 'SVG']);

function skip(el: Element): boolean {
  return SKIPPED.has(el.tagName) || el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true';
}

/** Each non-blank text node under `root`, in document order, normalised. */
export function textPieces(root: Element): Piece[] {
  const out: Piece[] = [];
  collect(root, out);
  return out;
}

/** A recursive walk over children: in Chromium it is faster than a TreeWalker with a JS filter. */
function collect(node: Element, out: Piece[]): void {
  for (let child = node.firstChild; child; child = child.nextSibling) {
    if (child.nodeType === 3) {
      const value = child.nodeValue;
      if (value && /\S/.test(value)) out.push({ text: normalizeText(value), element: node });
    } else if (child.nodeType === 1 && !skip(child as Element)) collect(child as Element, out);
  }
}

/** The text of `el` with a space at every element boundary. */
export function boundedText(el: Element | null | undefined): string {
  if (!el) return '';
  // Most cells hold one text node: read it without building pieces (this runs for every cell of a re-render).
  const only = el.firstChild;
  if (only && only === el.lastChild && only.nodeType === 3) return normalizeText(only.nodeValue);
  const pieces = textPieces(el);
  if (pieces.length === 1) return (pieces[0] as Piece).text;
  return pieces.map((p) => p.text).join(' ');
}
