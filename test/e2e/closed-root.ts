import type { CDPSession, Page } from 'playwright-core';

/**
 * A locator for content in an overlay's CLOSED shadow root, which no script on the page (and no
 * Playwright locator) can reach. It goes the way a person's browser tools do: the DevTools protocol
 * describes the host with `pierce`, resolves its shadow root, and reads it; presses are real input
 * events at the element's place on screen (isTrusted, like a person's), typing is real keystrokes.
 */
type Step = { css: string } | { role: 'button'; name: { source: string; flags: string } | string } | { label: string };

const sessions = new WeakMap<Page, Promise<CDPSession>>();
const session = (page: Page) => {
  let s = sessions.get(page);
  if (!s) {
    s = page.context().newCDPSession(page);
    sessions.set(page, s);
  }
  return s;
};

/**
 * Runs in the page's main world on the closed root's object, which only the DevTools client holds.
 * Plain JavaScript text: a compiled function could carry helpers the page does not have.
 */
const IN_ROOT = `function (steps, op, arg) {
  const matches = (text, name) => typeof name === 'string' ? text === name : new RegExp(name.source, name.flags).test(text);
  let scope = [this];
  for (const step of steps) {
    const next = [];
    for (const el of scope) {
      if (step.css) next.push(...el.querySelectorAll(step.css));
      else if (step.role) {
        for (const b of el.querySelectorAll('button, [role="button"]')) {
          const text = (b.getAttribute('aria-label') || b.textContent || '').replace(/\\s+/g, ' ').trim();
          if (matches(text, step.name)) next.push(b);
        }
      } else {
        for (const named of el.querySelectorAll('[aria-label]')) {
          if ((named.getAttribute('aria-label') || '').includes(step.label)) next.push(named);
        }
        for (const label of el.querySelectorAll('label')) {
          if (!(label.textContent || '').includes(step.label)) continue;
          const control = label.control || label.querySelector('input, textarea, select');
          if (control) next.push(control);
        }
      }
    }
    scope = next;
  }
  const first = scope[0];
  if (op === 'count') return scope.length;
  if (op === 'attrs') return scope.map((e) => e.getAttribute(arg));
  if (!first) return null;
  if (op === 'text') return first.textContent;
  if (op === 'attr') return first.getAttribute(arg);
  if (op === 'checked') return first.checked;
  if (op === 'scriptClick') {
    first.click();
    return true;
  }
  if (op === 'box') {
    first.scrollIntoView({ block: 'center', inline: 'center' });
    const r = first.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2, width: r.width, height: r.height };
  }
  return null;
}`;

export class ClosedRoot {
  constructor(
    private readonly page: Page,
    private readonly host: string,
    private readonly steps: Step[] = [],
  ) {}

  locator(css: string): ClosedRoot {
    return new ClosedRoot(this.page, this.host, [...this.steps, { css }]);
  }

  getByRole(role: 'button', options: { name: string | RegExp }): ClosedRoot {
    const name = typeof options.name === 'string' ? options.name : { source: options.name.source, flags: options.name.flags };
    return new ClosedRoot(this.page, this.host, [...this.steps, { role, name }]);
  }

  getByLabel(label: string): ClosedRoot {
    return new ClosedRoot(this.page, this.host, [...this.steps, { label }]);
  }

  /** The closed shadow root's object id, found through `DOM.describeNode` with `pierce`; null without the host. */
  private async root(): Promise<string | null> {
    const cdp = await session(this.page);
    const { result } = await cdp.send('Runtime.evaluate', { expression: `document.querySelector(${JSON.stringify(this.host)})` });
    if (!result.objectId) return null;
    const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId, pierce: true, depth: 1 });
    const shadow = node.shadowRoots?.[0];
    if (!shadow) return null;
    const { object } = await cdp.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
    return object.objectId ?? null;
  }

  private async run<T>(op: string, arg: string | null = null): Promise<T | null> {
    const objectId = await this.root();
    if (!objectId) return op === 'count' ? (0 as T) : op === 'attrs' ? ([] as T) : null;
    const cdp = await session(this.page);
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId,
      functionDeclaration: IN_ROOT,
      arguments: [{ value: this.steps }, { value: op }, { value: arg }],
      returnByValue: true,
    });
    if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
    return result.value as T;
  }

  /** Waits until at least one element matches (or, with state 'detached', none). */
  async waitFor(options: { timeout?: number; state?: 'attached' | 'detached' } = {}): Promise<void> {
    const deadline = Date.now() + (options.timeout ?? 15_000);
    const want = options.state === 'detached' ? 0 : 1;
    for (;;) {
      const n = (await this.run<number>('count')) ?? 0;
      if (want === 0 ? n === 0 : n >= 1) return;
      if (Date.now() > deadline)
        throw new Error(`closed root ${this.host}: ${JSON.stringify(this.steps)} not ${options.state ?? 'attached'}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async count(): Promise<number> {
    return (await this.run<number>('count')) ?? 0;
  }

  async textContent(options: { timeout?: number } = {}): Promise<string | null> {
    await this.waitFor(options);
    return this.run<string>('text');
  }

  async getAttribute(name: string, options: { timeout?: number } = {}): Promise<string | null> {
    await this.waitFor(options);
    return this.run<string>('attr', name);
  }

  /** The attribute of every match, in order. */
  async allAttributes(name: string): Promise<(string | null)[]> {
    return (await this.run<(string | null)[]>('attrs', name)) ?? [];
  }

  async click(options: { timeout?: number } = {}): Promise<void> {
    await this.waitFor(options);
    const box = await this.run<{ x: number; y: number }>('box');
    if (!box) throw new Error(`closed root ${this.host}: ${JSON.stringify(this.steps)} is gone`);
    await this.page.mouse.click(box.x, box.y);
  }

  /**
   * A click made by a script holding the element (an untrusted event), as a page script would if it
   * ever got a reference: the overlay must ignore it.
   */
  async scriptClick(): Promise<void> {
    await this.waitFor();
    await this.run('scriptClick');
  }

  async check(): Promise<void> {
    if (!(await this.run<boolean>('checked'))) await this.click();
  }

  /** Focuses the field with a real click and types the text as keystrokes would insert it. */
  async fill(text: string): Promise<void> {
    await this.click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.insertText(text);
  }

  /** A picture of the first match, cut from the page's screenshot at its place. */
  async screenshot(options: { path: string }): Promise<void> {
    await this.waitFor();
    const box = await this.run<{ x: number; y: number; width: number; height: number }>('box');
    if (!box) return;
    await this.page.screenshot({
      path: options.path,
      clip: { x: box.x - box.width / 2, y: box.y - box.height / 2, width: box.width, height: box.height },
    });
  }
}
