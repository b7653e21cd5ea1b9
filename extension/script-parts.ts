/**
 * Scripts the background injects into a tab's content-script world on a content script's request
 * (`loadScriptPart`), so that every page of the matched hosts does not parse them:
 * 'overlay-ui', Preact and the overlays' views (entrypoints/overlay-ui.ts), with the first overlay
 * a page shows; 'seller-lists', the Seller Center list helpers and their readers
 * (entrypoints/seller-lists.ts), once a page may be a list.
 */
export const SCRIPT_PART_NAMES = ['overlay-ui', 'seller-lists'] as const;

export type ScriptPart = (typeof SCRIPT_PART_NAMES)[number];

/**
 * Where a part leaves its entry point: a symbol-keyed property of the content-script world's global,
 * which the extension's scripts share and the page's scripts never see. A symbol, because a page's
 * element with an id (or a frame with a name) appears on the global under that name in every world.
 */
export const scriptPartKey = (part: ScriptPart): symbol => Symbol.for(`shopAccessCompanion.part.${part}`);

/** Leaves a part's entry point in this world, unless a copy injected earlier did (the runner may use that one already). */
export function providePart(part: ScriptPart, entry: object): void {
  const world = globalThis as unknown as Record<symbol, unknown>;
  world[scriptPartKey(part)] ??= entry;
}
