import { loadScriptPart } from '../features/script-part-loader';
import type { OverlayUi } from './overlay-views';

/** The overlay views (Preact and the panels), injected into this frame with the first overlay it shows. */
export const loadOverlayUi = (): Promise<OverlayUi> => loadScriptPart<OverlayUi>('overlay-ui');
