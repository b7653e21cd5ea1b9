import preact from '@preact/preset-vite';
import { createLogger } from 'vite';
import { defineConfig } from 'wxt';
import { BUSINESS_CENTER_MATCHES, SELLER_CENTER_MATCHES } from './shared/markets';

/**
 * Firefox: a fixed id (storage and the team's device survive a reinstall), and what leaves the
 * browser. Nothing does unless the person joins a team; then the pages' shop records (website
 * content) and the name they give (personally identifying) go to the team's own server, asked for
 * at Join (extension/platform/data-consent.ts).
 */
export const GECKO = {
  id: 'shop-access-companion@shopaccess.app',
  strict_min_version: '140.0',
  data_collection_permissions: { required: ['none'], optional: ['websiteContent', 'personallyIdentifyingInfo'] },
};

/** Vite's logger without Rollup's notes on dependencies' comments (zod's): they say nothing a person can act on. */
function quietAboutDependencies() {
  const logger = createLogger('warn');
  const warn = logger.warn.bind(logger);
  logger.warn = (message, options) => {
    if (message.includes('contains an annotation that Rollup cannot interpret') && message.includes('node_modules/')) return;
    warn(message, options);
  };
  return logger;
}

// https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: 'extension',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({
    plugins: [preact()],
    // Chromium refuses a content script that is not valid UTF-8; keep the output ASCII (CI checks it).
    esbuild: { charset: 'ascii' },
    build: {
      target: 'chrome120',
      minify: process.env.SAC_NO_MINIFY ? false : 'esbuild',
    },
    customLogger: quietAboutDependencies(),
  }),
  hooks: {
    // What a person needs after a build: where the extension is and how to load it.
    'build:done': (wxt) => {
      const where = wxt.config.outDir;
      const how =
        wxt.config.browser === 'firefox'
          ? 'Firefox: about:debugging > This Firefox > Load Temporary Add-on > its manifest.json'
          : 'Chromium: chrome://extensions > Developer mode > Load unpacked > this folder';
      wxt.logger.success(`Extension built in ${where}\n  Load it in ${how}`);
    },
  },
  manifest: ({ browser }) => ({
    name: 'Shop Access Companion',
    description: 'Shop codes, access requests and partner expiries for TikTok Shop sellers and agencies.',
    // alarms: the daily expiry check; notifications: the expiry reminders; scripting and the
    // content scripts' own hosts: the overlays' views, injected where a helper shows one. README: "Permissions".
    permissions: ['storage', 'alarms', 'notifications', 'scripting'],
    host_permissions: [...SELLER_CENTER_MATCHES, ...BUSINESS_CENTER_MATCHES],
    action: { default_title: 'Shop Access Companion' },
    ...(browser === 'firefox' ? { browser_specific_settings: { gecko: GECKO } } : {}),
  }),
});
