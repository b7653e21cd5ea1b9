/**
 * Finding things on TikTok's pages by what they say, not by their (hashed, changing) class names.
 * Shadow roots are not entered, so the extension's own overlays are never read back as page text.
 */

export function normalizeText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

/** Text as a person reads it: ignores script/style and the hidden parts a page keeps in the DOM. */
export function visibleText(el: Element): string {
  // biome-ignore lint/performance/useDomNodeTextContent: innerText is wanted, it leaves out what CSS hides
  if (el instanceof HTMLElement && el.innerText !== undefined && el.isConnected) return normalizeText(el.innerText);
  return normalizeText(el.textContent);
}

/**
 * Elements whose own text is a label matching `label` (e.g. /^shop code$/i), ignoring a trailing
 * colon. Text-node based, so "<b>Shop code</b>" and "Shop code:" both match; deepest element wins.
 */
export function findLabels(root: ParentNode, label: RegExp): Element[] {
  const found: Element[] = [];
  const doc = (root as Node).ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root as Node, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = normalizeText(node.nodeValue).replace(/\s*[:\uFF1A]\s*$/, '');
    if (text.length === 0 || text.length > 60) continue;
    const parent = node.parentElement;
    if (!parent || isIgnored(parent)) continue;
    if (label.test(text) && !found.includes(parent)) found.push(parent);
  }
  return found;
}

function isIgnored(el: Element): boolean {
  return el.closest('script, style, noscript, template, [hidden], [aria-hidden="true"]') !== null;
}

/**
 * The places a labelled value is usually put, nearest first: the matching <td> for a table header
 * (and nothing else), the <dd> for a <dt>, the label's next siblings, an element labelled by it,
 * then its ancestors, whose text is read with the label removed.
 */
export function valueCandidates(label: Element, maxAncestors = 3): Element[] {
  const out: Element[] = [];
  const push = (el: Element | null | undefined) => {
    if (el && !out.includes(el) && !isIgnored(el)) out.push(el);
  };
  const cell = label.closest('dt, th');
  if (cell?.tagName === 'TH') {
    const row = cell.parentElement;
    // A row header's value is beside it; a column header's is under it, in the first data row.
    if (row?.querySelector('td')) {
      push(cell.nextElementSibling);
      return out;
    }
    const index = row ? Array.prototype.indexOf.call(row.children, cell) : -1;
    const dataRow = [...(cell.closest('table')?.querySelectorAll('tr') ?? [])].find((tr) => tr !== row && tr.querySelector('td'));
    if (index >= 0 && dataRow) push(dataRow.children[index]);
    return out;
  }
  if (cell) push(cell.nextElementSibling);
  let sibling = label.nextElementSibling;
  for (let i = 0; sibling && i < 2; i++, sibling = sibling.nextElementSibling) push(sibling);
  if (label.id) for (const el of label.ownerDocument.querySelectorAll(`[aria-labelledby~="${CSS.escape(label.id)}"]`)) push(el);
  let ancestor = label.parentElement;
  for (let i = 0; ancestor && i < maxAncestors; i++, ancestor = ancestor.parentElement) {
    if (ancestor === label.ownerDocument.body) break;
    push(ancestor);
  }
  return out;
}

/** The text of `container` without the label's own text, so "Shop code USLC..." reads as the value. */
export function textWithout(container: Element, label: Element): string {
  const text = visibleText(container);
  if (!container.contains(label)) return text;
  const labelText = visibleText(label);
  return normalizeText(text.replace(labelText, ' '));
}

/** The deepest element under `root` whose text contains `needle` (case-insensitive). */
export function deepestHolding(root: Element, needle: string): Element {
  const target = needle.toUpperCase();
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if ((node.nodeValue ?? '').toUpperCase().includes(target) && node.parentElement) return node.parentElement;
  }
  return root;
}

export function firstMatch(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const el = root.querySelector(selector);
    if (el) return el;
  }
  return null;
}

/** What a page draws right after a value to act on it (a copy icon, a small button): no words of its own. */
function isValueControl(el: Element): boolean {
  if (el.tagName === 'SAC-OVERLAY' || el.tagName === 'SAC-BADGE') return false;
  const acts =
    ['BUTTON', 'I', 'IMG', 'A'].includes(el.tagName) ||
    el.tagName.toLowerCase() === 'svg' ||
    el.getAttribute('role') === 'button' ||
    el.hasAttribute('title') ||
    el.hasAttribute('aria-label');
  if (!acts) return false;
  const text = (el.textContent ?? '').trim();
  // A button right after a value acts on it ("Copy", "Edit"); a titled span with words is the next field.
  if (el.tagName === 'BUTTON' || el.getAttribute('role') === 'button') return text.length <= 20;
  return text.length <= 2 || (text.length <= 20 && VALUE_ACTION.test(text));
}

/** What a page's small control beside a value says it does. */
const VALUE_ACTION = /^(copy|copied|edit)\b/i;

/** The last of the controls right after `element` (the page's copy icon beside a code), or `element` itself: an overlay goes after them, not between. */
export function afterItsControls(element: Element): Element {
  let last = element;
  for (let next = element.nextElementSibling; next && isValueControl(next); next = next.nextElementSibling) last = next;
  return last;
}
