import { type ComponentChild, render } from 'preact';

/**
 * An overlay in an open shadow root: page CSS cannot reach in, tests can. Content is rendered by
 * Preact, which writes page-derived strings as text nodes, never as HTML.
 */
export class ShadowOverlay {
  readonly host: HTMLElement;
  private readonly mountPoint: HTMLElement;

  constructor(
    readonly helper: string,
    css: string,
    hostStyle: string,
  ) {
    this.host = document.createElement('sac-overlay');
    this.host.setAttribute('data-sac-helper', helper);
    this.host.setAttribute('style', `all: initial; ${hostStyle}`);
    const root = this.host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = css;
    this.mountPoint = document.createElement('div');
    root.append(style, this.mountPoint);
  }

  get root(): ShadowRoot {
    return this.host.shadowRoot as ShadowRoot;
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
