import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { UpgradeWebSocket } from 'hono/ws';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../server/app';
import { openApiDocument } from '../../server/openapi';
import { openSqliteStore } from '../../server/store/sqlite';

/** `GET /v1/members/:id`, `/calendar/<secret>.ics` and `/calendar/{secret}.ics` name the same route. */
const normal = (method: string, path: string) =>
  `${method.toUpperCase()} ${path.replace(/:[a-z]+|<[a-z]+>(\.[a-z]+)?|\{[a-z]+\}(\.[a-z]+)?/gi, ':param')}`;

/** Every `METHOD /path` the README's route table names (`POST`/`DELETE /x` is two). */
function readmeRoutes(): string[] {
  const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
  const table = readme.split('\n').filter((line) => /^\|\s*`(GET|POST|PUT|PATCH|DELETE)/.test(line));
  const routes: string[] = [];
  for (const row of table) {
    const first = row.split('|')[1] ?? '';
    for (const group of first.matchAll(/((?:`?(?:GET|POST|PUT|PATCH|DELETE)`?\/?)+)\s*`?(\/[^\s`?]*)/g)) {
      const methods = (group[1] ?? '').match(/GET|POST|PUT|PATCH|DELETE/g) ?? [];
      for (const method of methods) routes.push(normal(method, group[2] ?? ''));
    }
  }
  return routes.sort();
}

function appRoutes(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'sac-routes-'));
  const store = openSqliteStore(dir);
  const app = createApp({
    store,
    // The live route is mounted only where the server can upgrade sockets; the table lists it.
    upgradeWebSocket: (() => async () => {}) as unknown as UpgradeWebSocket,
  });
  const served = app.routes.filter((r) => r.method !== 'ALL').map((r) => normal(r.method, r.path));
  void store.close();
  rmSync(dir, { recursive: true, force: true });
  return [...new Set(served)].sort();
}

describe("the README's route table and the OpenAPI document", () => {
  it('name exactly the routes the app serves', () => {
    const served = appRoutes();
    expect(served.length).toBeGreaterThan(20);
    expect(readmeRoutes()).toEqual(served);
  });

  it('OpenAPI describes every route the app serves, and no other', () => {
    const doc = openApiDocument('http://127.0.0.1:8787') as { paths: Record<string, Record<string, unknown>> };
    const described = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => normal(method, path)));
    expect([...new Set(described)].sort()).toEqual(appRoutes());
  });
});
