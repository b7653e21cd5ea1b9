import { readLabelledShopCode } from '../../shared/shop-code';
import { normalizeText, visibleText } from './dom-text';
import { pageSays } from './landmarks';
import { type ColumnSpec, cellText, findTable } from './table-reader';

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
  if (!codeInput?.isConnected || CONFIRMED.test(text)) {
    if (CONFIRMED.test(text) || hasOk) return { kind: 'confirmed', approvalLink: readApprovalLink(dialog) };
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
  for (const text of candidates) {
    const link = /https:\/\/[^\s"'<>]+/.exec(text)?.[0];
    if (link) return link;
  }
  return undefined;
}

export function classifyError(message: string): 'invalid' | 'limit' | 'already' | 'other' {
  if (/limit|too many/i.test(message)) return 'limit';
  if (/already/i.test(message)) return 'already';
  if (/invalid|incorrect|not (be )?found|does ?n[o']t exist/i.test(message)) return 'invalid';
  return 'other';
}

type ShopColumn = 'name' | 'code' | 'status';
const SHOP_COLUMNS: readonly ColumnSpec<ShopColumn>[] = [
  { key: 'name', header: /^(shop|shop name|tiktok shop|name)$/i },
  { key: 'code', header: /^(shop code|code|shop id|tiktok shop code)$/i },
  { key: 'status', header: /^(status|access status)$/i },
];

/** The shops Business Center lists, each with whether it carries the "Pending approval" tag. */
export function readShopList(doc: Document): { code: string; name?: string; pending: boolean }[] | null {
  const table = findTable(doc, SHOP_COLUMNS, ['name']);
  if (!table.found) return null;
  return table.rows().flatMap((row) => {
    const cells = table.cells(row);
    const code = readLabelledShopCode(cellText(cells.code) || cellText(row))?.code;
    if (!code) return [];
    return [{ code, name: cellText(cells.name) || undefined, pending: /pending approval|pending/i.test(cellText(row)) }];
  });
}

/** The list row of one shop, to open its details (and the Resend Request alert). */
export function findShopRow(doc: Document, code: string): HTMLElement | null {
  for (const row of doc.querySelectorAll<HTMLElement>('tr, [role="row"]')) {
    if (normalizeText(row.textContent).toUpperCase().includes(code)) return row;
  }
  return null;
}
