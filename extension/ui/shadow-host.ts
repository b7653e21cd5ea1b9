import { type ComponentChild, render } from 'preact';

/** Events a page's script could fake to press, tick or type in an overlay. */
const INPUT_EVENTS = ['click', 'input', 'change', 'submit', 'keydown', 'keyup', 'pointerdown', 'mousedown'];

/**
 * An overlay in a shadow root: page CSS cannot reach in. Content is rendered by Preact, which
 * writes page-derived strings as text nodes, never as HTML. An overlay that shows what the page
 * itself does not (stored records: a client list, codes, approval links) is `closed`: no script
 * of the page can read it (`host.shadowRoot` is null to them), and it acts only on events the
 * browser made from a person's input (`isTrusted`), never on events a script dispatched.
 */
export class ShadowOverlay {
  readonly host: HTMLElement;
  private readonly mountPoint: HTMLElement;
  private readonly shadow: ShadowRoot;

  constructor(
    readonly helper: string,
    css: string,
    hostStyle: string,
    options: { closed?: boolean } = {},
  ) {
    this.host = document.createElement('sac-overlay');
    this.host.setAttribute('data-sac-helper', helper);
    this.host.setAttribute('style', `all: initial; ${hostStyle}`);
    this.shadow = this.host.attachShadow({ mode: options.closed ? 'closed' : 'open' });
    if (options.closed) {
      for (const type of INPUT_EVENTS) {
        this.shadow.addEventListener(
          type,
          (event) => {
            if (!event.isTrusted) event.stopImmediatePropagation();
          },
          { capture: true },
        );
      }
    }
    const style = document.createElement('style');
    style.textContent = css;
    this.mountPoint = document.createElement('div');
    this.shadow.append(style, this.mountPoint);
  }

  get root(): ShadowRoot {
    return this.shadow;
  }

  /** Places the overlay right after `anchor`, moving it if the page re-rendered around it. */
  placeAfter(anchor: Element): void {
    if (anchor.nextSibling !== this.host) anchor.after(this.host);
  }

  /** Pins the overlay to the viewport, for states that have no anchor on the page. */
  placeFloating(doc: Document): void {
    if (this.host.parentNode !== doc.documentElement) doc.documentElement.append(this.host);
  }

  render(content: ComponentChild): void {
    render(content, this.mountPoint);
  }

  get attached(): boolean {
    return this.host.isConnected;
  }

  remove(): void {
    render(null, this.mountPoint);
    this.host.remove();
  }
}
