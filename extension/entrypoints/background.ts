import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { storage } from 'wxt/utils/storage';
import { authorizationId } from '../../shared/authorization-badge';
import { quotaDay } from '../../shared/quota';
import { notifiesHere } from '../../shared/shop-assignment';
import {
  accessLostNews,
  businessCenterRemovedNews,
  NEWS_COLLECTIONS,
  type News,
  newsFromTeam,
  partnerClosedNews,
} from '../background/change-news';
import { checkExpiryAlerts } from '../background/expiry-alerts';
import { clearHelperReports, helperReports, saveHelperReport } from '../background/helper-reports';
import { handle } from '../background/message-door';
import { dashboardPathFor } from '../background/notification-target';
import { injectScriptPart } from '../background/script-injection';
import { readSettings, writeSettings } from '../background/settings-store';
import { shopTeamState } from '../background/shop-team-state';
import { startSyncRunner } from '../background/sync-runner';
import { claimForPlan, claimMadeByHand, releaseClaim } from '../background/team-quota';
import { refreshToolbarBadge } from '../background/toolbar-badge';
import {
  addIntake,
  applyShopList,
  bcOverview,
  claimKeyOf,
  claimKeys,
  planRequests,
  recordRequestOutcome,
  recordResend,
  removeIntake,
} from '../db/access-requests';
import { expiringSoon, markRenewal, recordAuthorizations, recordLinkAuthorization } from '../db/authorizations';
import { resolveCurrentShop } from '../db/current-shop';
import { db } from '../db/database';
import { recordPartnerAccess, recordTspRequests } from '../db/requests';
import { recordShopCapture } from '../db/shops';
import { TEAM_AUDIT_PAGE } from '../messaging';

const EXPIRY_ALARM = 'expiry-check';
/** Where each host's My Services page was last seen, so the chip elsewhere can link to it. */
const myServicesUrls = storage.defineItem<Record<string, string>>('local:myServicesUrls', { fallback: {} });

/** This browser's team member id, or null outside a team: decides which shops' news it tells. */
let memberIdHere: () => Promise<string | null> = async () => null;

async function runExpiryCheck(): Promise<number> {
  const settings = await readSettings();
  await refreshToolbarBadge(db, settings.urgentDays);
  return checkExpiryAlerts(
    db,
    settings.alertDays,
    async (id, title, message) => {
      await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message });
    },
    new Date(),
    await memberIdHere(),
  );
}

/** A change worth a notification (access lost, a partner closed), each shown once by its id; a shop with an owner only in the owner's browsers. */
async function notifyChanges(news: News[]): Promise<void> {
  const memberId = await memberIdHere();
  for (const n of news) {
    if (!notifiesHere(await db.shops.get(n.shopCode), memberId)) continue;
    // Told once per browser, whether this browser read the page or a teammate's change arrived.
    const key = `news|${n.id}`;
    if (await db.sentAlerts.get(key)) continue;
    const shown = await browser.notifications
      .create(n.id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title: n.title, message: n.message })
      .then(() => true)
      .catch(() => false);
    // Only what was shown counts as told: a failed one is tried again with the next news.
    if (shown) await db.sentAlerts.put({ id: key, authorizationId: n.id, threshold: -1, sentAt: Date.now() });
  }
}

export default defineBackground(() => {
  // A teammate's browser saw a loss: this browser tells it too when the shop is its owner's (or has none).
  const sync = startSyncRunner(
    db,
    (collection, rows) => notifyChanges(newsFromTeam(collection, rows, Date.now())),
    NEWS_COLLECTIONS,
  );
  // A reminder or a change is acted on in the dashboard: the click opens the view that holds it.
  browser.notifications.onClicked.addListener((id) => {
    void browser.tabs.create({ url: browser.runtime.getURL(dashboardPathFor(id) as '/dashboard.html') });
    void browser.notifications.clear(id);
  });
  memberIdHere = async () => (await sync.status()).connection?.memberId ?? null;
  // The MV3 worker can be stopped at any moment: every handler reads and writes Dexie or
  // extension storage, never state kept only in memory.
  handle('captureShop', (capture) => recordShopCapture(db, capture));
  handle('shopTeamState', (data) =>
    shopTeamState(db, (collection, id, waitMs) => sync.recordTeamState(collection, id, waitMs), data),
  );

  handle('resolveShop', (query) => resolveCurrentShop(db, query.host, query.headerText));

  handle('shopSummary', async (query) => {
    const [shop, settings, urls] = await Promise.all([
      resolveCurrentShop(db, query.host, query.headerText),
      readSettings(),
      myServicesUrls.getValue(),
    ]);
    const soon = shop ? (await expiringSoon(db, new Date(), settings.urgentDays, shop.shopCode)).length : 0;
    return { shop, expiringSoon: soon, windowDays: settings.urgentDays, myServicesUrl: urls[query.host] };
  });

  handle('recordAuthorizations', async (input) => {
    const saved = await recordAuthorizations(db, input.shopCode, input.rows, input.order, Date.now(), input.complete === true);
    const url = new URL(input.pageUrl);
    await myServicesUrls.setValue({ ...(await myServicesUrls.getValue()), [url.host]: input.pageUrl });
    await runExpiryCheck();
    await notifyChanges((saved.closed ?? []).map(partnerClosedNews));
    return { stored: saved.stored, gone: saved.gone.map((a) => a.serviceName), back: saved.back.map((a) => a.serviceName) };
  });

  handle('recordTspRequests', (input) => recordTspRequests(db, input.shopCode, input.rows));

  handle('recordPartnerAccess', async (input) => {
    const saved = await recordPartnerAccess(db, input.shopCode, input.rows, Date.now(), input.complete === true);
    await notifyChanges(saved.gone.map(businessCenterRemovedNews));
    return {
      stored: input.rows.length,
      gone: saved.gone.map((a) => a.businessCenterName),
      added: saved.added.map((a) => a.businessCenterName),
      addedKeys: saved.added.map((a) => a.businessCenterId ?? a.businessCenterName),
    };
  });

  handle('pageStarted', async (_, sender) => {
    if (sender.tab?.id !== undefined) await clearHelperReports(sender.tab.id);
  });
  handle('reportHelper', async (report, sender) => {
    if (sender.tab?.id !== undefined) await saveHelperReport(sender.tab.id, report);
  });
  handle('helperReports', (data) => helperReports(data.tabId));
  browser.tabs.onRemoved.addListener((tabId) => void clearHelperReports(tabId));
  handle('runExpiryCheck', async () => ({ notified: await runExpiryCheck() }));
  handle('getSettings', () => readSettings());
  handle('loadScriptPart', (data, sender) => injectScriptPart(sender, data.part));
  handle('saveSettings', async (data) => {
    const settings = await writeSettings(data);
    await runExpiryCheck();
    return settings;
  });

  handle('bcOverview', (data) => bcOverview(db, data.orgId));
  handle('planRequests', async (input) => {
    const plan = await planRequests(db, input.orgId, input.codes);
    return claimForPlan(db, await sync.teamRequester(), input.orgId, plan);
  });
  handle('releaseClaims', async (input) => {
    await releaseClaim(await sync.teamRequester(), input.orgId, input.day, input.count);
  });
  handle('recordRequestOutcome', async (input) => {
    // Who sent it, as the team knows them (the name given when joining); unknown outside a team.
    const record = await recordRequestOutcome(db, input.orgId, input.code, input.outcome, await sync.memberName());
    if (!input.outcome.ok && record.status !== 'queued') {
      const bc = await db.businessCenters.get(input.orgId);
      const keys = await claimKeys(db, input.orgId, [input.code]);
      await releaseClaim(await sync.teamRequester(), input.orgId, quotaDay(Date.now(), bc?.quotaTimeZone), 1, keys);
    }
  });
  handle('applyShopList', async (input) => {
    const { changed, lost, madeByHandToday } = await applyShopList(
      db,
      input.orgId,
      input.shops,
      Date.now(),
      input.complete === true,
      input.name,
    );
    const bc = await db.businessCenters.get(input.orgId);
    // Requests made by hand today used the Business Center's quota: the team's shared count learns it too.
    if (madeByHandToday.length > 0) {
      const day = quotaDay(Date.now(), bc?.quotaTimeZone);
      await claimMadeByHand(
        await sync.teamRequester(),
        input.orgId,
        day,
        madeByHandToday.map((r) => claimKeyOf(r, r.shopCode)),
      );
    }
    await notifyChanges(lost.filter((r) => r.status === 'approved').map(accessLostNews));
    return { changed, lost: lost.map((r) => r.shopCode) };
  });
  handle('recordResend', (input) => recordResend(db, input.orgId, input.code, input.via));
  handle('markRenewalAsked', (input) => markRenewal(db, authorizationId(input.shopCode, input), 'asked'));
  handle('addIntake', (data) => addIntake(db, data.text, Date.now(), data.orgId));
  handle('removeIntake', (data) => removeIntake(db, data.code, data.orgId));
  handle('recordLinkAuthorization', async (input) => {
    const record = await recordLinkAuthorization(db, input);
    await runExpiryCheck();
    return { expiresAt: record.expiresAt as number };
  });

  handle('syncStatus', () => sync.status());
  handle('syncJoin', (data) => sync.join(data));
  handle('syncLeave', () => sync.leave());
  handle('syncKeepMine', async (data) => {
    await sync.keepMine(data.index);
    return sync.status();
  });
  handle('teamMembers', () => sync.teamCall((server) => server.v1.members.$get()));
  handle('teamAudit', (data) =>
    sync.teamCall((server) =>
      server.v1.audit.$get({ query: { before: String(data.before ?? Number.MAX_SAFE_INTEGER), limit: String(TEAM_AUDIT_PAGE) } }),
    ),
  );
  handle('teamRemoveMember', (data) =>
    sync.teamCall((server) => server.v1.members[':id'].$delete({ param: { id: data.memberId } })),
  );
  handle('teamInvite', (data) => sync.teamCall((server) => server.v1.invites.$post({ json: { role: data.role, maxUses: 1 } })));
  handle('teamCalendar', (data) =>
    data.action === 'rotate'
      ? sync.teamCall((server) => server.v1.calendar.$post())
      : sync.teamCall((server) => server.v1.calendar.$delete()),
  );
  handle('teamInvites', () => sync.teamCall((server) => server.v1.invites.$get()));
  handle('teamRevokeInvite', (data) =>
    sync.teamCall((server) => server.v1.invites[':id'].$delete({ param: { id: data.inviteId } })),
  );
  handle('teamBrowserInvite', () => sync.teamCall((server) => server.v1.invites.browser.$post()));
  handle('syncNow', async () => {
    await sync.syncNow();
    return sync.status();
  });

  // At browser start and at least twice a day; alarms survive the worker being stopped.
  browser.runtime.onStartup.addListener(() => void runExpiryCheck());
  browser.runtime.onInstalled.addListener(() => void runExpiryCheck());
  void browser.alarms.get(EXPIRY_ALARM).then((existing) => {
    if (!existing) void browser.alarms.create(EXPIRY_ALARM, { delayInMinutes: 1, periodInMinutes: 12 * 60 });
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === EXPIRY_ALARM) void runExpiryCheck();
  });
});
