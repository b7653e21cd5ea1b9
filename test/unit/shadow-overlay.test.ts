// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { scriptPartKey } from '../../extension/script-parts';

const OVERLAY_UI_KEY = scriptPartKey('overlay-ui');

// The background's side of 'loadScriptPart' done here: it puts the views where the injected
// script would (the content-script world's global), or fails as executeScript can.
const background = vi.hoisted(() => ({ asked: 0, fail: false, answer: null as Promise<void> | null }));

vi.mock('../../extension/messaging', () => ({
  sendMessage: async (type: string, data: { part: string }) => {
    if (type !== 'loadScriptPart' || data.part !== 'overlay-ui') throw new Error(`unexpected message ${type}`);
    background.asked++;
    if (background.answer) await background.answer;
    if (background.fail) throw new Error('Cannot access contents of the page.');
    const { overlayUi } = await import('../../extension/ui/overlay-views');
    Object.assign(globalThis, { [OVERLAY_UI_KEY]: overlayUi });
  },
}));

const panel = { title: 'Shop Access Companion: My Services', testId: 'panel' };
let ShadowOverlay: typeof import('../../extension/ui/shadow-host').ShadowOverlay;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.resetModules();
  Reflect.deleteProperty(globalThis, OVERLAY_UI_KEY);
  // The loader's state is the content-script world's (world-shared.ts): a fresh world per test.
  for (const name of ['partsLoading', 'partsFailedAt'])
    Reflect.deleteProperty(globalThis, Symbol.for(`shopAccessCompanion.${name}`));
  Object.assign(background, { asked: 0, fail: false, answer: null });
  ({ ShadowOverlay } = await import('../../extension/ui/shadow-host'));
});
afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
  vi.spyOn(console, 'warn').mockRestore();
});

function overlay() {
  const o = new ShadowOverlay('test-panel', 'display: block;');
  o.placeFloating(document);
  return o;
}

describe('an overlay whose views load on demand', () => {
  it('asks for the views once however many overlays show at once, and draws the latest props', async () => {
    const a = overlay();
    const b = overlay();
    const shown = [
      a.show('HelperPanel', { ...panel, lines: [{ text: 'first' }] }),
      a.show('HelperPanel', { ...panel, lines: [{ text: 'second' }] }),
      b.show('ExpiryChip', { count: 2, windowDays: 15, shopLabel: 'Maple & Moss', href: undefined, onDismiss: () => {} }),
    ];
    expect(await Promise.all(shown)).toEqual([true, true, true]);
    expect(background.asked).toBe(1);
    expect(a.root.textContent).toContain('second');
    expect(a.root.textContent).not.toContain('first');
    expect(b.root.textContent).toContain('Maple & Moss');
    // The stylesheet came with the views.
    expect(a.root.querySelector('style')?.textContent).toContain('{');
  });

  it('draws nothing for an overlay removed before the views arrived', async () => {
    let arrive = () => {};
    background.answer = new Promise((done) => {
      arrive = done;
    });
    const a = overlay();
    const shown = a.show('HelperPanel', { ...panel, lines: [{ text: 'too late' }] });
    a.remove();
    arrive();
    expect(await shown).toBe(false);
    expect(a.attached).toBe(false);
    expect(a.root.textContent).not.toContain('too late');
  });

  it('says in words what failed when the views do not load, asks again only after a while, then replaces the note', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    background.fail = true;
    const a = overlay();
    expect(await a.show('HelperPanel', { ...panel, lines: [{ text: 'hidden' }] })).toBe(false);
    const note = a.root.querySelector('[role="alert"]');
    expect(note?.textContent).toBe(
      "Shop Access Companion could not show this helper here. Reload the page; if it happens again, reload the extension in your browser's extensions page.",
    );
    // Not the browser's own error text.
    expect(a.root.textContent).not.toContain('Cannot access');
    // Every page change would show again: not a request each time.
    await a.show('HelperPanel', { ...panel, lines: [{ text: 'hidden' }] });
    expect(background.asked).toBe(1);
    background.fail = false;
    vi.setSystemTime(Date.now() + 31_000);
    expect(await a.show('HelperPanel', { ...panel, lines: [{ text: 'back' }] })).toBe(true);
    expect(background.asked).toBe(2);
    expect(a.root.querySelector('[role="alert"]')).toBeNull();
    expect(a.root.textContent).toContain('back');
  });
});
