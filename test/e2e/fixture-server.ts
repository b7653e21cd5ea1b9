import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const FIXTURES = resolve(import.meta.dirname, '../fixtures');

/** The TikTok hosts the fixtures answer for; Chromium maps each to this server. */
export const FIXTURE_HOSTS = [
  'seller-us.tiktok.com',
  'seller-uk.tiktok.com',
  'seller-de.tiktok.com',
  'seller-ph.tiktok.com',
  'seller.tiktokglobalshop.com',
  'business.tiktok.com',
];

/** A self-signed certificate made once per machine: TikTok is served over https, and so are fixtures. */
function certificate(): { key: Buffer; cert: Buffer } {
  const dir = join(tmpdir(), 'sac-fixture-cert');
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  if (!existsSync(cert)) {
    mkdirSync(dir, { recursive: true });
    const san = FIXTURE_HOSTS.map((h) => `DNS:${h}`).join(',');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '365',
        '-subj',
        '/CN=tiktok-fixtures',
        '-addext',
        `subjectAltName=${san}`,
      ],
      { stdio: 'ignore' },
    );
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}

/**
 * Which fixture answers a URL. Seller information has its own pages (per layout); every other
 * Seller Center path gets the single-page app, which routes in the browser as TikTok's does.
 */
function sellerCenterFile(url: URL): string {
  const named = url.searchParams.get('fixture');
  if (url.pathname === '/tsp/manage') {
    const page = url.searchParams.get('tab') === 'requests' ? 'my-request' : 'my-services';
    return named && /^[a-z-]+$/.test(named) ? `seller-center/${page}-${named}.html` : `seller-center/${page}.html`;
  }
  if (url.pathname === '/ads/account/partner-management') return 'seller-center/partner-management.html';
  if (url.pathname.startsWith('/services/market/custom-authorize/')) return 'seller-center/authorize.html';
  if (url.pathname === '/profile/seller-profile') {
    if (named && /^[a-z-]+$/.test(named)) return `seller-center/seller-information-${named}.html`;
    return url.searchParams.get('tab') === 'seller_information_old'
      ? 'seller-center/seller-information-old.html'
      : 'seller-center/seller-information-new.html';
  }
  return 'seller-center/seller-center-app.html';
}

export interface FixtureServer {
  port: number;
  /** Chromium's --host-resolver-rules value sending every fixture host to this server. */
  resolverRules: string;
  close(): Promise<void>;
}

export async function startFixtureServer(): Promise<FixtureServer> {
  const server: Server = createServer(certificate(), (req, res) => {
    const url = new URL(req.url ?? '/', `https://${req.headers.host ?? 'localhost'}`);
    let file: string;
    if (url.pathname.startsWith('/__fixtures/')) file = url.pathname.slice('/__fixtures/'.length);
    else if (url.hostname.startsWith('seller')) file = sellerCenterFile(url);
    else if (url.hostname === 'business.tiktok.com') file = 'business-center/shops.html';
    else file = 'not-found.html';
    const path = resolve(FIXTURES, file);
    if (!path.startsWith(FIXTURES) || !existsSync(path)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('no fixture');
      return;
    }
    const type = path.endsWith('.js') ? 'text/javascript' : 'text/html; charset=utf-8';
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(readFileSync(path));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    resolverRules: FIXTURE_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', '),
    close: () => new Promise((done) => server.close(() => done())),
  };
}
