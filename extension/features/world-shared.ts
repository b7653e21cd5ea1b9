/**
 * One value per content-script world. The seller script and the list helpers injected into the same
 * world later (entrypoints/seller-lists.ts) are separate bundles with their own copies of every
 * module; what must exist once per page (the page watcher, its change count, the per-batch memos)
 * is kept here, on the world's own global, which the page's scripts never see.
 */
export function worldShared<T>(name: string, create: () => T): T {
  const world = globalThis as unknown as Record<symbol, unknown>;
  const key = Symbol.for(`shopAccessCompanion.${name}`);
  if (!(key in world)) world[key] = create();
  return world[key] as T;
}
