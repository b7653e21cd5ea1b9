import { resolve } from 'node:path';

// `npm start` has already built the extension; say how to load it, then serve the sync server.
const extension = resolve(import.meta.dirname, '../.output/chrome-mv3');
process.stdout.write(`
Shop Access Companion
  Extension built in ${extension}
  Load it into Chromium or Chrome:
    1. open chrome://extensions and turn on "Developer mode";
    2. click "Load unpacked" and choose the folder above;
    3. open Seller Center > My Account > Seller profile > Seller information.
  Or start a browser with it loaded:
    chromium --load-extension=${extension}
  Firefox build: npm run build:firefox (then about:debugging > Load Temporary Add-on).

  Team sync: in another terminal, npm run team -- create --name "My agency" prints an invite link;
  paste it in the extension's dashboard, Settings > Team sync.

Starting the sync server on its embedded SQLite store (DATA_DIR=${process.env.DATA_DIR ?? './data'}); Ctrl+C stops it.
`);

await import('../server/index.ts');
