import { isTikTokLink } from '../../shared/markets';
import { dateOrderFor, readPageDate } from '../../shared/page-dates';
import { readLabelledShopCode, SHOP_CODE_PATTERN } from '../../shared/shop-code';
import type { PageBatch } from '../features/watch-page';
import type { ListedShop } from '../protocol-types';
import { normalizeText, visibleText } from './dom-text';
import { hasEmptyTable, quietListRoot } from './empty-list';
import { pageSays } from './landmarks';
import { type Completeness, listCompleteness } from './list-completeness';
import { recogniseList } from './list-pages';
import { textPieces } from './text-pieces';
import { BC_SHOPS } from './vocabulary/bc-shops';

/**
 * Business Center > Assets > Shops. Its URL is not documented, so the page is known by its
 * heading (or selected menu item) "Shops" on business.tiktok.com; the Business Center is the org_id.
 * Example: https://business.tiktok.com/manage/assets/shops?org_id=7000000000001
 */
export function isShopsPage(url: URL, doc: Document): boolean {
  if (url.hostname !== 'business.tiktok.com') return false;
  return /\/assets\/shops?\b/i.test(url.pathname) || pageSays(doc, /^(tiktok )?shops$/i);
}

export function orgIdOf(url: URL): string | null {
  const id = url.searchParams.get('org_id');
  return id && /^\d{6,25}$/.test(id) ? id : null;
}

/** A visible button (or button-like element) whose text matches. */
export function findButton(root: ParentNode, text: RegExp): HTMLElement | null {
  for (const el of root.querySelectorAll<HTMLElement>('button, [role="button"], a')) {
    if (text.test(normalizeText(el.textContent)) && isVisible(el)) return el;
  }
  return null;
}

function isVisible(el: HTMLElement): boolean {
  return el.isConnected && !el.closest('[hidden], [aria-hidden="true"]') && el.getClientRects().length > 0;
}

/** "Add Shop", or "Add TikTok Shop" on the welcome page of a Business Center with no shop yet. */
export const ADD_SHOP = /^(\+\s*)?(add (tiktok )?shop|request access to tiktok shop( partners)?)$/i;

/** The open dialog, newest first: role=dialog or aria-modal, visible. */
export function findDialog(doc: Document): HTMLElement | null {
  const dialogs = [
    ...doc.querySelectorAll<HTMLElement>('[role="dialog"], [role="alertdialog"], [aria-modal="true"], dialog[open]'),
  ];
  return dialogs.reverse().find(isVisible) ?? null;
}

/** The shop-code input of the Add Shop dialog: labelled or hinted as a code, else the only text box. */
export function findCodeInput(dialog: Element): HTMLInputElement | null {
  const inputs = [
    ...dialog.querySelectorAll<HTMLInputElement>('input:not([type]), input[type="text"], input[type="search"]'),
  ].filter((i) => !i.readOnly && !i.disabled);
  const hinted = inputs.find((input) => {
    const label = input.id ? dialog.querySelector(`label[for="${CSS.escape(input.id)}"]`)?.textContent : '';
    return /code/i.test(`${input.placeholder} ${input.getAttribute('aria-label') ?? ''} ${label ?? ''}`);
  });
  return hinted ?? (inputs.length === 1 ? (inputs[0] ?? null) : null);
}

/**
 * React keeps its own copy of a controlled input's value; setting `.value` alone is undone on the
 * next render. The native setter plus a bubbling input event is what a person's typing produces.
 */
export function typeInto(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
  input.focus();
  if (setter) setter.call(input, value);
  else input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

const CONFIRMED = /request(s)? (has been |have been |was )?sent|sent successfully|request submitted|successfully/i;
const ERROR = /invalid|incorrect|not (be )?found|does ?n[o']t exist|already|limit|too many|wrong|failed|error|try again|unable/i;

export type DialogOutcome = { kind: 'confirmed'; approvalLink?: string } | { kind: 'error'; message: string } | null;

/** The short leaf texts of a dialog; taken before Request so help text is never read as an error. */
export function leafTexts(root: Element): Set<string> {
  const out = new Set<string>();
  for (const el of root.querySelectorAll('[role="alert"], [aria-live], p, div, span, label')) {
    if (el.children.length === 0) out.add(normalizeText(el.textContent));
  }
  return out;
}

/** What the Add Shop dialog shows now: the confirmation (with its link), an error, or nothing yet. */
export function readDialogOutcome(
  dialog: Element,
  codeInput: Element | null,
  before: ReadonlySet<string> = new Set(),
): DialogOutcome {
  const text = visibleText(dialog);
  const hasOk = findButton(dialog, /^(ok|done|got it)$/i) !== null;
  // A success message already there when Request was pressed (a page's script can write one) is
  // not TikTok's answer: then only a new line saying so counts.
  const saidBefore = CONFIRMED.test([...before].join(' '));
  const saysSent = saidBefore
    ? [...leafTexts(dialog)].some((line) => !before.has(line) && CONFIRMED.test(line))
    : CONFIRMED.test(text);
  if (saysSent || (!codeInput?.isConnected && hasOk && !saidBefore)) {
    return { kind: 'confirmed', approvalLink: readApprovalLink(dialog) };
  }
  for (const line of leafTexts(dialog)) {
    if (line && line.length < 300 && !before.has(line) && ERROR.test(line)) return { kind: 'error', message: line };
  }
  return null;
}

export function readApprovalLink(root: Element): string | undefined {
  const candidates = [
    ...[...root.querySelectorAll<HTMLInputElement>('input')].map((i) => i.value),
    ...[...root.querySelectorAll<HTMLAnchorElement>('a[href]')].map((a) => a.href),
    root.textContent ?? '',
  ];
  // Only TikTok's own links are kept and later offered to the seller: a page could show any.
  for (const text of candidates) {
    for (const [link] of text.matchAll(/https:\/\/[^\s"'<>]+/g)) if (isTikTokLink(link)) return link;
  }
  return undefined;
}

export function classifyError(message: string): 'invalid' | 'limit' | 'already' | 'other' {
  if (/limit|too many/i.test(message)) return 'limit';
  if (/already/i.test(message)) return 'already';
  if (/invalid|incorrect|not (be )?found|does ?n[o']t exist/i.test(message)) return 'invalid';
  return 'other';
}

/** A listed shop's code: its code field, else any piece of the record shaped like a code, read on its own. */
function codeOf(values: { code?: string }, record: Element): string | undefined {
  const field = values.code ? readLabelledShopCode(values.code)?.code : undefined;
  if (field) return field;
  for (const piece of textPieces(record)) {
    const code = readLabelledShopCode(piece.text)?.code;
    if (code && SHOP_CODE_PATTERN.test(code)) return code;
  }
  return undefined;
}

/**
 * The shops Business Center lists, each with whether it carries the "Pending approval" tag; null
 * when no list of shops is recognised. Rows that show no code (names only) are left out.
 */
export function readShopList(url: URL, doc: Document, batch: PageBatch): ListedShop[] | null {
  return readShops(url, doc, batch)?.shops ?? null;
}

/** The Shops list and whether it shows every shop (only then can a shop be missing from it). */
export function readShops(url: URL, doc: Document, batch: PageBatch): { shops: ListedShop[]; completeness: Completeness } | null {
  const found = recogniseList(url, doc, batch, BC_SHOPS, [BC_SHOPS]);
  if (found.state !== 'match') return saysNoShops(doc) ? { shops: [], completeness: listCompleteness(doc, []) } : null;
  const records = found.set.records();
  const shops = records.flatMap((record) => {
    const { values } = found.plan.read(record);
    const code = codeOf(values, record);
    if (!code) return [];
    const pending = /pending/i.test(values.status ?? '') || textPieces(record).some((p) => /^pending( approval)?$/i.test(p.text));
    // A code shown under the name is part of the name's cell: the name is what remains.
    const name = values.name?.replace(code, ' ').replace(/\s+/g, ' ').trim();
    // Business Center has no market of its own: an ambiguous numeric date stays unread.
    const requested = values.requestedAt ? readPageDate(values.requestedAt, dateOrderFor(undefined)) : null;
    return [{ code, name: name || undefined, pending, ...(requested?.ok ? { requestedAt: requested.at } : {}) }];
  });
  return { shops, completeness: listCompleteness(doc, records) };
}

/** The list row of one shop, to open its details (and the Resend Request alert): a row holding the code as its own text. */
export function findShopRow(doc: Document, code: string): HTMLElement | null {
  for (const row of doc.querySelectorAll<HTMLElement>('tr, [role="row"], li, [role="listitem"], [data-code]')) {
    if (textPieces(row).some((p) => p.text.toUpperCase() === code || readLabelledShopCode(p.text)?.code === code)) return row;
  }
  return null;
}

/** Names Business Center gives its own id; anything else near the id is not taken for the name. */
const ORG_NAME_TIDS = /(^|[._-])(org|bc|business_?center)[._-]?name([._-]|$)/i;
const ID_LINE = /^(business center |bc )?id\s*[:\uFF1A]?\s*(\d{6,25})$/i;

/**
 * The Business Center's name as its own page shows it: an element whose test id says it is the
 * Business Center's name, else the short text beside "ID: <org_id>" in the same small block (the
 * account switcher shows both). Null when neither is there: the panel then shows the id alone.
 */
export function readBusinessCenterName(doc: Document, orgId: string): string | null {
  for (const el of doc.querySelectorAll<HTMLElement>('[data-tid]')) {
    if (!ORG_NAME_TIDS.test(el.dataset.tid ?? '')) continue;
    const name = normalizeText(el.textContent);
    if (plausibleName(name, orgId)) return name;
  }
  for (const el of doc.querySelectorAll<HTMLElement>(
    'header, nav, [role="banner"], [role="menu"], [role="navigation"], aside, div',
  )) {
    if (el.children.length > 8) continue;
    const pieces = textPieces(el).map((p) => p.text);
    if (pieces.length < 2 || pieces.length > 4) continue;
    const idAt = pieces.findIndex((t) => ID_LINE.exec(t)?.[2] === orgId || t === orgId);
    if (idAt < 0) continue;
    const name = pieces.find((t, i) => i !== idAt && plausibleName(t, orgId));
    if (name) return name;
  }
  return null;
}

function plausibleName(text: string, orgId: string): boolean {
  return text.length >= 2 && text.length <= 100 && !text.includes(orgId) && !/^(id|business center|switch|settings)$/i.test(text);
}

/**
 * An empty Shops list says so where the list would be: the welcome page ("Add TikTok Shops to
 * promote ..." beside its Add TikTok Shop button), or a table whose headers are the Shops list's
 * (a Shop code column) holding only "No data" / "No shops". Anything else that is not a list
 * (a "No data" card elsewhere, an error, a spinner drawn as an icon, shops shown by name only)
 * reads as nothing: marking every shop lost on a guess would notify the whole team.
 */
const WELCOME = /^add tiktok shops? to promote\b/i;
const SHOP_CODE_HEADER = /^(tiktok )?shop code$/i;

function saysNoShops(doc: Document): boolean {
  const root = quietListRoot(doc);
  if (!root) return false;
  const pieces = textPieces(root);
  // A code, or a row of any kind, means there are shops: this is not the empty state.
  if (pieces.some((p) => SHOP_CODE_PATTERN.test(p.text))) return false;
  const welcome = pieces.some((p) => WELCOME.test(p.text));
  const addButton = [...root.querySelectorAll('button, [role="button"], a')].some((b) =>
    ADD_SHOP.test(normalizeText(b.textContent)),
  );
  if (welcome && addButton) return true;
  return hasEmptyTable(root, (headers) => headers.some((h) => SHOP_CODE_HEADER.test(h)));
}
