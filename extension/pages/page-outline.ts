import { normalizeText } from './dom-text';

/**
 * The page's structure for a bug report, with no shop data in it: tags, roles, `data-tid` ids,
 * and text masked letter by letter (letters to x, digits to 9). Only words the extension itself
 * looks for (header and label words, status words) are kept as they are, so a report shows which
 * of them the page used.
 */

const MAX_LINES = 1500;
const MAX_DEPTH = 40;
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SAC-BADGE', 'SAC-OVERLAY', 'SVG', 'svg', 'LINK', 'META']);

export function maskText(text: string): string {
  return text.replace(/\p{L}/gu, 'x').replace(/\p{N}/gu, '9');
}

function describe(el: Element): string {
  let out = el.tagName.toLowerCase();
  const role = el.getAttribute('role');
  if (role) out += `[role=${role}]`;
  const tid = el.getAttribute('data-tid') ?? el.getAttribute('data-testid');
  // Ids name the page's parts, but some end in record ids: digits are masked there too.
  if (tid) out += `[data-tid=${tid.replace(/\d{3,}/g, (d) => '9'.repeat(d.length)).slice(0, 80)}]`;
  for (const attr of ['aria-selected', 'aria-current', 'aria-sort', 'hidden', 'aria-hidden']) {
    if (el.hasAttribute(attr)) out += `[${attr}]`;
  }
  return out;
}

function ownText(el: Element, keep: (text: string) => boolean): string {
  const parts: string[] = [];
  for (let child = el.firstChild; child; child = child.nextSibling) {
    if (child.nodeType !== 3) continue;
    const text = normalizeText(child.nodeValue);
    if (text) parts.push(keep(text) ? text : maskText(text));
  }
  const joined = parts.join(' ');
  return joined ? ` "${joined.slice(0, 80)}"` : '';
}

/**
 * The outline of `root`. Runs of siblings built alike (a list's rows) show the first two and a
 * count, so a report of a 500-row list stays short.
 */
export function pageOutline(root: Element, keep: (text: string) => boolean): string {
  const lines: string[] = [];
  const walk = (el: Element, depth: number) => {
    if (lines.length >= MAX_LINES || depth > MAX_DEPTH) return;
    lines.push(`${'  '.repeat(depth)}${describe(el)}${ownText(el, keep)}`);
    let previous = '';
    let run = 0;
    const children = [...el.children].filter((c) => !SKIPPED.has(c.tagName));
    for (const [i, child] of children.entries()) {
      const shape = `${describe(child)}|${child.children.length}`;
      run = shape === previous ? run + 1 : 0;
      previous = shape;
      if (run < 2) walk(child, depth + 1);
      const last =
        i === children.length - 1 ||
        `${describe(children[i + 1] as Element)}|${(children[i + 1] as Element).children.length}` !== shape;
      if (run >= 2 && last) lines.push(`${'  '.repeat(depth + 1)}... ${run - 1} more like the one above`);
    }
  };
  walk(root, 0);
  if (lines.length >= MAX_LINES) lines.push(`... outline cut at ${MAX_LINES} lines`);
  return lines.join('\n');
}
