/**
 * Where the overlay views' script leaves its entry point: a property of the content-script world's
 * global object, which the extension's scripts share and the page's own scripts never see.
 */
export const OVERLAY_UI_KEY = '__shopAccessCompanionOverlayUi';
