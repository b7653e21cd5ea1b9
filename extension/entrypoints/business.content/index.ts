import { defineContentScript } from 'wxt/utils/define-content-script';
import { BUSINESS_CENTER_MATCHES } from '../../../shared/markets';
import { bcShopsPanel } from '../../features/bc-shops-panel';
import { runFeatures } from '../../features/feature';

export default defineContentScript({
  matches: BUSINESS_CENTER_MATCHES,
  runAt: 'document_idle',
  // The announcement would tell the page this extension's id; the runner does not need it (script-life.ts).
  noScriptStartedPostMessage: true,
  main() {
    runFeatures([bcShopsPanel]);
  },
});
