import { h, render } from 'preact';
import { BcPanel } from './BcPanel';
import { ExpiryChip } from './ExpiryChip';
import { HelperPanel } from './HelperPanel';
import { OVERLAY_CSS } from './overlay-styles';
import { HelperUnavailable, ShopCodeOverlay } from './ShopCodeOverlay';

/**
 * The overlays' views, built into their own script (entrypoints/overlay-ui.ts) that the background
 * injects into a page's content-script world only when a helper has something to show: Preact and
 * the views are not parsed on every Seller Center and Business Center page (README, "Content
 * scripts stay small"). Content scripts name a view and pass its props; they import only its types.
 */
const VIEWS = { BcPanel, ExpiryChip, HelperPanel, HelperUnavailable, ShopCodeOverlay };

export type ViewName = keyof typeof VIEWS;
export type ViewProps<N extends ViewName> = Parameters<(typeof VIEWS)[N]>[0];

export interface OverlayUi {
  css: string;
  /** Renders the view into `mount` (Preact writes page text as text nodes); null clears it. */
  render<N extends ViewName>(mount: Element, view: { name: N; props: ViewProps<N> } | null): void;
}

export const overlayUi: OverlayUi = {
  css: OVERLAY_CSS,
  render(mount, view) {
    // Each view's props are checked where it is named (ShadowOverlay.show); here they only pass through.
    const component = view ? (VIEWS[view.name] as (props: unknown) => ReturnType<typeof HelperPanel>) : null;
    render(component && view ? h(component, view.props) : null, mount);
  },
};
