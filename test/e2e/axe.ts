import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  targets: string[];
  summary: string;
}

/**
 * Serious and critical accessibility violations axe-core finds in a page, or within `include` (CSS
 * selectors, shadow hosts allowed). Injected through the DevTools protocol, as extension pages'
 * policy refuses inline scripts. Open shadow roots are checked; closed ones are out of axe's reach.
 */
export async function axeViolations(page: Page, include?: string[]): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (selectors) => {
    type Result = {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[]; failureSummary?: string }[] }[];
    };
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<Result> } }).axe;
    const context = selectors ? { include: selectors.map((s) => [s]) } : document;
    const result = await axe.run(context, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: v.id,
        impact: v.impact ?? '',
        help: v.help,
        targets: v.nodes.map((n) => JSON.stringify(n.target)),
        summary: v.nodes[0]?.failureSummary ?? '',
      }));
  }, include ?? null);
}

/**
 * Characters of our own interface that a stock font may lack: symbols, dingbats, arrows, shapes,
 * emoji, private-use (icon font) code points, written as text or as CSS `content`. Letters and
 * punctuation of Latin scripts, and the general punctuation block (dashes, quotes, the narrow
 * space Chromium puts before AM/PM), are what every system font has.
 */
export const FONT_SAFE = /^[\t\n\r\u0020-\u007e\u00a0-\u024f\u2000-\u206f]*$/u;

/** Each character outside FONT_SAFE in the text (and pseudo-element content) under `selectors`, with where it was. */
export async function fontUnsafeCharacters(page: Page, selectors: string[] = ['body']): Promise<string[]> {
  return page.evaluate(
    ({ selectors, safe }) => {
      const allowed = new RegExp(safe, 'u');
      const found: string[] = [];
      const check = (text: string, where: string) => {
        for (const ch of text)
          if (!allowed.test(ch)) found.push(`U+${ch.codePointAt(0)?.toString(16).toUpperCase()} in ${where}`);
      };
      const visit = (root: Element | ShadowRoot) => {
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (node.nodeType === Node.TEXT_NODE) {
            if (node.parentElement?.closest('style, script')) continue;
            check(node.textContent ?? '', node.parentElement?.tagName.toLowerCase() ?? 'text');
            continue;
          }
          const element = node as Element;
          for (const pseudo of ['::before', '::after']) {
            const content = getComputedStyle(element, pseudo).content;
            if (content && content !== 'none' && content !== 'normal')
              check(content.replace(/^"|"$/g, ''), `${element.tagName.toLowerCase()}${pseudo}`);
          }
          if (element.shadowRoot) visit(element.shadowRoot);
        }
      };
      for (const selector of selectors) for (const element of document.querySelectorAll(selector)) visit(element);
      return found;
    },
    { selectors, safe: FONT_SAFE.source },
  );
}

/**
 * Presses Tab through the page until focus comes round again: every enabled control must be reached,
 * and each must show where focus is (an outline, as the browser draws for keyboard focus).
 */
export async function keyboardWalk(page: Page, limit = 400): Promise<{ unreached: string[]; unmarked: string[] }> {
  const describe = () =>
    page.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body) return null;
      const style = getComputedStyle(e);
      const id = `${e.tagName.toLowerCase()}|${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40)}|${[...document.querySelectorAll('*')].indexOf(e)}`;
      return { id, marked: style.outlineStyle !== 'none' && style.outlineWidth !== '0px' };
    });
  const seen = new Map<string, boolean>();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const now = await describe();
    if (!now) continue;
    if (seen.has(now.id)) break;
    seen.set(now.id, now.marked);
  }
  const controls = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        'button:not([disabled]), a[href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])',
      ),
    ]
      .filter((e) => e.getClientRects().length > 0)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}|${(e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40)}|${[...document.querySelectorAll('*')].indexOf(e)}`,
      ),
  );
  return {
    unreached: controls.filter((c) => !seen.has(c)),
    unmarked: [...seen].filter(([, marked]) => !marked).map(([id]) => id),
  };
}
