import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allFieldVersions, keptFieldVersions } from '../../server/sync/field-versions';
import { mergeMutation, type StoredRecord } from '../../server/sync/merge';

const record = (version: number, fields: Record<string, unknown>, fieldVersions: Record<string, number>): StoredRecord => ({
  collection: 'shops',
  id: 'S1',
  version,
  deleted: false,
  fields,
  fieldVersions,
});

describe('field versions as stores keep them', () => {
  it('keeps nothing for a record written whole', () => {
    expect(keptFieldVersions(record(7, { name: 'A', code: 'X' }, { name: 7, code: 7 }))).toEqual({});
  });

  it('keeps older fields and cleared ones, and gives the whole map back', () => {
    const full = { name: 9, code: 4, note: 9 };
    const kept = keptFieldVersions(record(9, { name: 'B', code: 'X' }, full));
    // note was cleared at 9: not in the fields, so its version must be kept to stop a stale value coming back.
    expect(kept).toEqual({ code: 4, note: 9 });
    expect(allFieldVersions({ name: 'B', code: 'X' }, 9, kept)).toEqual(full);
  });

  it('keeps a cleared field whose name an object already has (constructor, toString)', () => {
    expect(keptFieldVersions(record(5, { name: 'A' }, { name: 5, constructor: 5, toString: 5 }))).toEqual({
      constructor: 5,
      toString: 5,
    });
  });

  it('reads a map kept whole by an earlier release as it is', () => {
    expect(allFieldVersions({ name: 'A' }, 5, { name: 3 })).toEqual({ name: 3 });
  });

  it('round-trips every map the merge can make', () => {
    const name = fc.constantFrom('a', 'b', 'c', 'd');
    const change = fc.record({
      set: fc.dictionary(name, fc.integer({ min: 0, max: 3 })),
      unset: fc.uniqueArray(name, { maxLength: 2 }),
      base: fc.nat(40),
    });
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 12 }), (changes) => {
        let current: StoredRecord | null = null;
        let seq = 0;
        for (const c of changes) {
          seq++;
          const { write } = mergeMutation(
            current,
            {
              mutationId: `m${seq}`,
              collection: 'shops',
              id: 'S1',
              op: 'upsert',
              baseVersion: current ? c.base : 0,
              fields: c.set,
              unset: c.unset,
            },
            seq,
          );
          if (!write) continue;
          // What a store reads back is what the merge wrote, field by field.
          const back = allFieldVersions(write.fields, write.version, keptFieldVersions(write));
          expect(back).toEqual(write.fieldVersions);
          current = { ...write, fieldVersions: back };
        }
      }),
      { seed: 20261204, numRuns: 300 },
    );
  });
});
