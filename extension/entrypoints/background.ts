import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { storage } from 'wxt/utils/storage';
import { quotaDay } from '../../shared/quota';
import { checkExpiryAlerts } from '../background/expiry-alerts';
import { clearHelperReports, helperReports, saveHelperReport } from '../background/helper-reports';
import { readSettings, writeSettings } from '../background/settings-store';
import { shopTeamState } from '../background/shop-team-state';
import { startSyncRunner } from '../background/sync-runner';
import { claimForPlan, releaseClaim } from '../background/team-quota';
import { refreshToolbarBadge } from '../background/toolbar-badge';
import { addIntake, applyShopList, bcOverview, planRequests, recordRequestOutcome, recordResend } from '../db/access-requests';
import { expiringSoon, recordAuthorizations } from '../db/authorizations';
import { resolveCurrentShop } from '../db/current-shop';
import { db } from '../db/database';
import { recordPartnerAccess, recordTspRequests } from '../db/requests';
import { recordShopCapture } from '../db/shops';
import {
  AuthorizationRowsSchema,
  CalendarActionSchema,
  HelperReportSchema,
  IntakeSchema,
  JoinSchema,
  OrgSchema,
  OutcomeSchema,
  PageShopQuerySchema,
  PartnerAccessRowsSchema,
  PlanSchema,
  ReleaseClaimsSchema,
  RemoveMemberSchema,
  ResendSchema,
  ShopListSchema,
  TeamInviteSchema,
  TspRequestRowsSchema,
} from '../message-schemas';
import { onMessage } from '../messaging';

const EXPIRY_ALARM = 'expiry-check';
/** Where each host's My Services page was last seen, so the chip elsewhere can link to it. */
const myServicesUrls = storage.defineItem<Record<string, string>>('local:myServicesUrls', { fallback: {} });

async function runExpiryCheck(): Promise<number> {
  const settings = await readSettings();
  await refreshToolbarBadge(db, settings.urgentDays);
  return checkExpiryAlerts(db, settings.alertDays, async (id, title, message) => {
    await browser.notifications.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title, message });
  });
}

export default defineBackground(() => {
  const sync = startSyncRunner(db);
  // The MV3 worker can be stopped at any moment: every handler reads and writes Dexie or
  // extension storage, never state kept only in memory.
  onMessage('captureShop', ({ data }) => recordShopCapture(db, data));
  onMessage('shopTeamState', ({ data }) =>
    shopTeamState(db, (collection, id, waitMs) => sync.recordTeamState(collection, id, waitMs), data),
  );

  onMessage('resolveShop', ({ data }) => {
    const query = PageShopQuerySchema.parse(data);
    return resolveCurrentShop(db, query.host, query.headerText);
  });

  onMessage('shopSummary', async ({ data }) => {
    const query = PageShopQuerySchema.parse(data);
    const [shop, settings, urls] = await Promise.all([
      resolveCurrentShop(db, query.host, query.headerText),
      readSettings(),
      myServicesUrls.getValue(),
    ]);
    const soon = shop ? (await expiringSoon(db, new Date(), settings.urgentDays, shop.shopCode)).length : 0;
    return { shop, expiringSoon: soon, windowDays: settings.urgentDays, myServicesUrl: urls[query.host] };
  });

  onMessage('recordAuthorizations', async ({ data }) => {
    const input = AuthorizationRowsSchema.parse(data);
    const stored = await recordAuthorizations(db, input.shopCode, input.rows, input.order);
    const url = new URL(input.pageUrl);
    await myServicesUrls.setValue({ ...(await myServicesUrls.getValue()), [url.host]: input.pageUrl });
    await runExpiryCheck();
    return { stored };
  });

  onMessage('recordTspRequests', ({ data }) => {
    const input = TspRequestRowsSchema.parse(data);
    return recordTspRequests(db, input.shopCode, input.rows);
  });

  onMessage('recordPartnerAccess', async ({ data }) => {
    const input = PartnerAccessRowsSchema.parse(data);
    await recordPartnerAccess(db, input.shopCode, input.rows);
    return { stored: input.rows.length };
  });

  onMessage('pageStarted', ({ sender }) => {
    if (sender.tab?.id !== undefined) return clearHelperReports(sender.tab.id);
  });
  onMessage('reportHelper', ({ data, sender }) => {
    if (sender.tab?.id !== undefined) return saveHelperReport(sender.tab.id, HelperReportSchema.parse(data));
  });
  onMessage('helperReports', ({ data }) => helperReports(data.tabId));
  browser.tabs.onRemoved.addListener((tabId) => void clearHelperReports(tabId));
  onMessage('runExpiryCheck', async () => ({ notified: await runExpiryCheck() }));
  onMessage('getSettings', () => readSettings());
  onMessage('saveSettings', async ({ data }) => {
    const settings = await writeSettings(data);
    await runExpiryCheck();
    return settings;
  });

  onMessage('bcOverview', ({ data }) => bcOverview(db, OrgSchema.parse(data).orgId));
  onMessage('planRequests', async ({ data }) => {
    const input = PlanSchema.parse(data);
    const plan = await planRequests(db, input.orgId, input.codes);
    return claimForPlan(db, await sync.teamRequester(), input.orgId, plan);
  });
  onMessage('releaseClaims', async ({ data }) => {
    const input = ReleaseClaimsSchema.parse(data);
    await releaseClaim(await sync.teamRequester(), input.orgId, input.day, input.count);
  });
  onMessage('recordRequestOutcome', async ({ data }) => {
    const input = OutcomeSchema.parse(data);
    // Who sent it, as the team knows them (the name given when joining); unknown outside a team.
    const record = await recordRequestOutcome(db, input.orgId, input.code, input.outcome, await sync.memberName());
    if (!input.outcome.ok && record.status !== 'queued') {
      const bc = await db.businessCenters.get(input.orgId);
      await releaseClaim(await sync.teamRequester(), input.orgId, quotaDay(Date.now(), bc?.quotaTimeZone));
    }
  });
  onMessage('applyShopList', async ({ data }) => {
    const input = ShopListSchema.parse(data);
    return { changed: await applyShopList(db, input.orgId, input.shops) };
  });
  onMessage('recordResend', ({ data }) => {
    const input = ResendSchema.parse(data);
    return recordResend(db, input.orgId, input.code, input.via);
  });
  onMessage('addIntake', ({ data }) => addIntake(db, IntakeSchema.parse(data).text));

  onMessage('syncStatus', () => sync.status());
  onMessage('syncJoin', ({ data }) => sync.join(JoinSchema.parse(data)));
  onMessage('syncLeave', () => sync.leave());
  onMessage('syncKeepMine', async ({ data }) => {
    await sync.keepMine(Number(data.index));
    return sync.status();
  });
  onMessage('teamMembers', () => sync.teamCall((server) => server.v1.members.$get()));
  onMessage('teamRemoveMember', ({ data }) =>
    sync.teamCall((server) => server.v1.members[':id'].$delete({ param: { id: RemoveMemberSchema.parse(data).memberId } })),
  );
  onMessage('teamInvite', ({ data }) =>
    sync.teamCall((server) => server.v1.invites.$post({ json: { role: TeamInviteSchema.parse(data).role, maxUses: 1 } })),
  );
  onMessage('teamCalendar', ({ data }) =>
    CalendarActionSchema.parse(data).action === 'rotate'
      ? sync.teamCall((server) => server.v1.calendar.$post())
      : sync.teamCall((server) => server.v1.calendar.$delete()),
  );
  onMessage('teamBrowserInvite', () => sync.teamCall((server) => server.v1.invites.browser.$post()));
  onMessage('syncNow', async () => {
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
