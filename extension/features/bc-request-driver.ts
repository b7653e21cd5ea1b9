import {
  ADD_SHOP,
  classifyError,
  findButton,
  findCodeInput,
  findDialog,
  findShopRow,
  leafTexts,
  readDialogOutcome,
  typeInto,
} from '../pages/business-center';
import type { RequestOutcome } from '../protocol-types';

/**
 * Drives Business Center's own UI as a person would: Add Shop, paste the code, Request, wait for the
 * confirmation or the error TikTok shows. Nothing here decides what to send; it only sends one.
 */

const STEP_TIMEOUT_MS = 10_000;

/** Resolves with the first truthy value of `probe`, re-tried on every DOM change, or rejects. */
export function waitFor<T>(
  doc: Document,
  probe: () => T | null | undefined | false,
  what: string,
  signal: AbortSignal,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new StoppedError());
    const first = probe();
    if (first) return resolve(first);
    const observer = new MutationObserver(check);
    const poll = setInterval(check, 100);
    const timer = setTimeout(() => finish(() => reject(new Error(`timed out waiting for ${what}`))), timeoutMs);
    const stop = () => finish(() => reject(new StoppedError()));
    signal.addEventListener('abort', stop, { once: true });
    function finish(done: () => void) {
      observer.disconnect();
      clearInterval(poll);
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      done();
    }
    function check() {
      const value = probe();
      if (value) finish(() => resolve(value));
    }
    observer.observe(doc.documentElement, { childList: true, subtree: true, characterData: true, attributes: true });
  });
}

export class DriverError extends Error {}

/** The user left the page (or the page stopped matching): the batch stops at the next step. */
export class StoppedError extends DriverError {
  constructor() {
    super('you left the Shops page, so the batch stopped; what was not confirmed was not recorded as sent');
  }
}

/** Presses a control, unless the helper was stopped in the meantime. */
function press(el: HTMLElement, signal: AbortSignal): void {
  if (signal.aborted) throw new StoppedError();
  el.click();
}

function closeDialog(doc: Document): void {
  const dialog = findDialog(doc);
  if (!dialog) return;
  (
    findButton(dialog, /^(cancel|close|ok)$/i) ??
    dialog.querySelector<HTMLElement>('[aria-label="Close" i], [aria-label="close" i]')
  )?.click();
}

/** Requests access to one shop. An error TikTok shows is returned; a page that does not match throws. */
export async function requestAccess(doc: Document, code: string, signal: AbortSignal): Promise<RequestOutcome> {
  if (findDialog(doc)) throw new DriverError('a dialog is already open on the page; close it first');
  // The page may still be rendering its list when the user clicks in our panel: wait for the button.
  const add = await waitFor(doc, () => findButton(doc, ADD_SHOP), 'the Add Shop button', signal).catch((error) => {
    throw error instanceof StoppedError ? error : new DriverError('no "Add Shop" or "Add TikTok Shop" button on this page');
  });
  press(add, signal);
  const dialog = await waitFor(
    doc,
    () => {
      const d = findDialog(doc);
      return d && findCodeInput(d) ? d : null;
    },
    'the Add Shop dialog',
    signal,
  );
  const input = findCodeInput(dialog) as HTMLInputElement;
  if (signal.aborted) throw new StoppedError();
  typeInto(input, code);
  const request = await waitFor(
    doc,
    () => {
      const button = findButton(dialog, /^(request|send request|submit)$/i);
      return button && !(button as HTMLButtonElement).disabled && button.getAttribute('aria-disabled') !== 'true' ? button : null;
    },
    'the Request button to be enabled',
    signal,
  );
  const before = leafTexts(dialog);
  press(request, signal);
  const outcome = await waitFor(
    doc,
    () => {
      const current = findDialog(doc);
      return current ? readDialogOutcome(current, current.contains(input) ? input : null, before) : null;
    },
    'TikTok to confirm or refuse the request',
    signal,
    20_000,
  );
  if (outcome.kind === 'confirmed') {
    const confirmation = findDialog(doc);
    if (confirmation) findButton(confirmation, /^(ok|done|got it)$/i)?.click();
    return { ok: true, approvalLink: outcome.approvalLink };
  }
  closeDialog(doc);
  return { ok: false, kind: classifyError(outcome.message), error: outcome.message };
}

/** TikTok's Resend flow: open the pending shop, "Resend Request" in its alert, then Resend (e-mail). */
export async function resendRequest(doc: Document, code: string, signal: AbortSignal): Promise<void> {
  const row = await waitFor(doc, () => findShopRow(doc, code), `shop ${code} in the Shops list`, signal).catch((error) => {
    throw error instanceof StoppedError ? error : new DriverError(`shop ${code} is not in the Shops list`);
  });
  press(row.querySelector<HTMLElement>('a, button, td') ?? row, signal);
  const link = await waitFor(doc, () => findButton(doc, /^resend request$/i), 'the "Resend Request" link', signal);
  press(link, signal);
  const dialog = await waitFor(
    doc,
    () => {
      const d = findDialog(doc);
      return d && findButton(d, /^resend$/i) ? d : null;
    },
    'the Resend dialog',
    signal,
  );
  press(findButton(dialog, /^resend$/i) as HTMLElement, signal);
  await waitFor(doc, () => !dialog.isConnected || !findButton(dialog, /^resend$/i), 'the Resend dialog to close', signal);
}
