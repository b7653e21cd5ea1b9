import { useEffect } from 'preact/hooks';
import { storage } from 'wxt/utils/storage';
import { accessChanges, describeEvent } from '../../db/changes';
import { db } from '../../db/database';
import { useLiveQuery } from '../use-live-query';

/** When this person last looked at what changed: later changes are marked new. */
export const changesSeenAt = storage.defineItem<number>('local:changesSeenAt', { fallback: 0 });

/**
 * What happened to access, newest first: services no longer listed, Business Centers removed or
 * added, access lost, requests withdrawn, permissions changed. New since the last visit is marked.
 */
export function WhatChanged({ shopCode }: { shopCode?: string }) {
  const seen = useLiveQuery(() => changesSeenAt.getValue()).value;
  const changes = useLiveQuery(() => accessChanges(db)).value?.filter((c) => shopCode === undefined || c.shopCode === shopCode);
  // Opening the view is looking at it: the next visit marks only what comes after. One shop's
  // page shows only part of what changed, so it leaves the mark where it was.
  useEffect(() => {
    if (changes !== undefined && shopCode === undefined) void changesSeenAt.setValue(Date.now());
  }, [changes !== undefined]);
  if (!changes || seen === undefined) return <p class="muted">Loading...</p>;
  if (changes.length === 0) {
    return (
      <p class="empty">
        Nothing has changed yet. Losses are noticed when a complete list (My Services, Partner Management, Business Center Shops)
        no longer shows what it showed before.
      </p>
    );
  }
  const fresh = changes.filter((c) => c.at > seen).length;
  return (
    <section data-testid="what-changed">
      <p>{fresh > 0 ? `${fresh} new since your last visit.` : 'Nothing new since your last visit.'}</p>
      <table>
        <thead>
          <tr>
            <th>When</th>
            <th>Shop</th>
            <th>What</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {changes.slice(0, 300).map((c) => (
            <tr key={`${c.kind}|${c.subject}|${c.at}|${c.event}`} data-event={c.event} class={c.at > seen ? 'new' : ''}>
              <td class="muted">
                {new Date(c.at).toLocaleString()}
                {c.at > seen ? ' (new)' : ''}
              </td>
              <td class="code">{c.shopCode}</td>
              <td>
                {c.subject} <span class="muted">{c.kind}</span>
              </td>
              <td>{describeEvent(c)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
