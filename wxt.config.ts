import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

// https://wxt.dev/api/config.html
export default defineConfig({
  srcDir: 'extension',
  vite: () => ({
    plugins: [preact()],
    // Chromium refuses a content script that is not valid UTF-8; keep the output ASCII (CI checks it).
    esbuild: { charset: 'ascii' },
    build: { target: 'chrome120', minify: process.env.SAC_NO_MINIFY ? false : 'esbuild' },
  }),
  manifest: {
    name: 'Shop Access Companion',
    description: 'Shop codes, access requests and partner expiries for TikTok Shop sellers and agencies.',
    // Content scripts run only on the hosts they match; the background needs no host access.
    // alarms: the daily expiry check; notifications: the expiry reminders.
    permissions: ['storage', 'alarms', 'notifications'],
    action: { default_title: 'Shop Access Companion' },
  },
});
