import { loadOverlayUi } from './overlay-loader';
import type { OverlayUi, ViewName, ViewProps } from './overlay-views';

/** Events a page's script could fake to press, tick or type in an overlay. */
const INPUT_EVENTS = ['click', 'input', 'change', 'submit', 'keydown', 'keyup', 'pointerdown', 'mousedown'];

/**
 * An overlay in a shadow root: page CSS cannot reach in. Content is rendered by Preact, which
 * writes page-derived strings as text nodes, never as HTML; Preact and the views load with the
 * first overlay a page shows (overlay-views.ts), so `show` draws a moment later than it is called. An overlay that shows what the page
 * itself does not (stored records: a client list, codes, approval links) is `closed`: no script
 * of the page can read it (`host.shadowRoot` is null to them), and it acts only on events the
 * browser made from a person's input (`isTrusted`), never on events a script dispatched.
 */
export class ShadowOverlay {
  readonly host: HTMLElement;
  private readonly mountPoint: HTMLElement;
  private readonly shadow: ShadowRoot;
  private readonly style: HTMLStyleElement;
  /** What the overlay should show once the views are here (the latest `show`, or nothing after `remove`). */
  private wanted: { name: ViewName; props: unknown } | null = null;
  private drawnBy: OverlayUi | null = null;

  constructor(
    readonly helper: string,
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
    this.style = document.createElement('style');
    this.mountPoint = document.createElement('div');
    this.shadow.append(this.style, this.mountPoint);
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

  show<N extends ViewName>(name: N, props: ViewProps<N>): void {
    this.wanted = { name, props };
    void loadOverlayUi().then(
      (ui) => {
        const view = this.wanted;
        if (!view) return;
        this.style.textContent ||= ui.css;
        this.drawnBy = ui;
        ui.render(this.mountPoint, view as never);
      },
      // Said in the overlay's place, in plain DOM (text only): the views themselves did not come.
      (error: Error) => {
        if (this.wanted)
          this.mountPoint.textContent = `Shop Access Companion: helper unavailable here (${error.message}). Reload the page.`;
      },
    );
  }

  get attached(): boolean {
    return this.host.isConnected;
  }

  remove(): void {
    this.wanted = null;
    this.drawnBy?.render(this.mountPoint, null);
    this.host.remove();
  }
}
