/**
 * Scripts the background injects into a tab's content-script world on a content script's request
 * (`loadScriptPart`), so that every page of the matched hosts does not parse them. Each leaves its
 * entry point on the world's global object under its key: the extension's scripts share that
 * global, the page's own scripts never see it.
 */
export const SCRIPT_PARTS = {
  /** Preact and the overlays' views (entrypoints/overlay-ui.ts), with the first overlay a page shows. */
  'overlay-ui': '__shopAccessCompanionOverlayUi',
  /** The Seller Center list helpers and their readers (entrypoints/seller-lists.ts), once a page may be a list. */
  'seller-lists': '__shopAccessCompanionSellerLists',
} as const;

export type ScriptPart = keyof typeof SCRIPT_PARTS;

export const SCRIPT_PART_NAMES = Object.keys(SCRIPT_PARTS) as [ScriptPart, ...ScriptPart[]];
