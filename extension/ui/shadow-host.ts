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

  /** Shows the view once the views are here; resolves with whether it is shown (false: removed meanwhile, or they did not load). */
  show<N extends ViewName>(name: N, props: ViewProps<N>): Promise<boolean> {
    this.wanted = { name, props };
    return loadOverlayUi().then(
      (ui) => {
        const view = this.wanted;
        if (!view) return false;
        if (!this.drawnBy) this.mountPoint.replaceChildren();
        this.style.textContent ||= ui.css;
        this.drawnBy = ui;
        ui.render(this.mountPoint, view as never);
        return true;
      },
      (error: Error) => {
        if (this.wanted && !this.drawnBy) this.mountPoint.replaceChildren(cannotShow());
        console.warn('[Shop Access Companion] the overlay views did not load', error);
        return false;
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

/**
 * Said where the overlay would be, in plain DOM styled inline (the overlay's stylesheet came with
 * the views that did not): what happened and what to do, not the browser's error.
 */
function cannotShow(): HTMLElement {
  const note = document.createElement('p');
  note.setAttribute('role', 'alert');
  note.setAttribute(
    'style',
    'all: initial; display: block; max-width: 360px; margin: 4px 0; padding: 6px 10px; border: 1px solid #fdba74; border-radius: 6px; background: #fff7ed; color: #7c2d12; font: 13px/1.4 system-ui, sans-serif;',
  );
  note.textContent =
    "Shop Access Companion could not show this helper here. Reload the page; if it happens again, reload the extension in your browser's extensions page.";
  return note;
}
