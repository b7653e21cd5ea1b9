import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const files = (dir: string): string[] =>
  readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    return statSync(join(ROOT, path)).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
const importsOf = (path: string) =>
  [...readFileSync(join(ROOT, path), 'utf8').matchAll(/^(?:import|export)[^;]*?from '([^']+)'/gms)].map((m) => {
    const spec = m[1] as string;
    // Packages by name; the project's own modules by their path from the root.
    return spec.startsWith('.') ? relative(ROOT, resolve(ROOT, path, '..', spec)) : spec;
  });

/**
 * What runs beside TikTok's pages (helpers, page readers, overlays) and the message protocol they
 * share with the background import no background or database code: they talk by message only,
 * and the protocol's types and schemas live in modules that hold no implementation.
 */
describe('layering', () => {
  const contentSide = [
    ...files('extension/features'),
    ...files('extension/pages'),
    ...files('extension/ui').filter((f) => !f.startsWith('extension/ui/dashboard')),
    'extension/messaging.ts',
    'extension/tab-messaging.ts',
    'extension/message-schemas.ts',
    'extension/protocol-types.ts',
    'extension/script-parts.ts',
  ];

  it.each(contentSide)('%s imports nothing from the background, the database or sync', (path) => {
    const forbidden = importsOf(path).filter((target) => /^extension\/(background|db|sync)\//.test(target));
    expect(forbidden).toEqual([]);
  });

  it('the protocol modules import only shared rules, schemas and each other', () => {
    for (const path of ['extension/message-schemas.ts', 'extension/protocol-types.ts', 'extension/messaging.ts']) {
      for (const target of importsOf(path)) {
        if (!target.startsWith('extension/') && !target.startsWith('shared/')) continue;
        expect(target, path).toMatch(
          /^(shared\/|extension\/(message-schemas|protocol-types|script-parts|settings|settings-schema)$)/,
        );
      }
    }
  });
});
