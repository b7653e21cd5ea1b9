import { browser } from 'wxt/browser';
import { sendMessage } from '../messaging';
import { isShopsPage, orgIdOf, readBusinessCenterName, readShops } from '../pages/business-center';
import { pageOutline } from '../pages/page-outline';
import { isVocabularyWord } from '../pages/vocabulary';
import { BC_SHOPS } from '../pages/vocabulary/bc-shops';
import type { BcOverview } from '../protocol-types';
import type { IntakeOutcome } from '../ui/access-requests';
import type { BatchLine } from '../ui/BcPanel';
import { pageFits, releaseRightEdge, reserveRightEdge, topBarBottom } from '../ui/dock';
import { ShadowOverlay } from '../ui/shadow-host';
import { DriverError, requestAccess, resendRequest } from './bc-request-driver';
import type { Feature } from './feature';
import { asApplied, settledApply } from './list-loss';
import { watchPage } from './watch-page';

/**
 * Business Center > Assets > Shops: the shop codes this Business Center has not requested yet, one
 * click (or one batch, within the day's 20) to request them through TikTok's own dialog, every
 * request tracked from the Shops list until approved, and TikTok's Resend flow for those that wait.
 */
/** The drawer's width, reserved beside the page while it is open. */
const DRAWER_WIDTH = 380;
/** Whether the person collapsed the drawer, for every Business Center page after. */
const COLLAPSED_KEY = 'bcPanelCollapsed';

export const bcShopsPanel: Feature = {
  id: 'bc-shops-panel',
  hosts: (url) => url.hostname === 'business.tiktok.com',
  include: (url, doc) =>
    isShopsPage(url, doc) ? { state: 'match' } : { state: 'no', why: 'not Business Center > Assets > Shops' },
  unavailable: {
    overlay: 'bc-shops-panel',
    title: 'Business Center Shops: helper unavailable here',
    detail: 'This looks like Assets > Shops, but its list could not be recognised.',
  },
  outline: (doc) => pageOutline(doc.body, isVocabularyWord([BC_SHOPS])),
  init({ signal, document, url, report }) {
    // The client list, codes and approval links are the agency's: no script of TikTok's page may read or press them.
    const panel = new ShadowOverlay('bc-shops-panel', 'display: block;', { closed: true });
    let overview: BcOverview | null = null;
    let busy: string | null = null;
    let notice: string | null = null;
    let intake: IntakeOutcome | null = null;
    let listSignature = '';
    const applying = settledApply(0);
    /** What the last reading of the Shops list found: shops gone, or why it could not tell. */
    let listNote: string | null = null;
    let orgId: string | null = null;

    let progress: { done: number; total: number } | null = null;
    /** The last batch, one line per code: what became of each, kept in sight until the next. */
    let batch: BatchLine[] | null = null;
    let collapsed = false;
    void browser.storage.local
      .get(COLLAPSED_KEY)
      .then((stored) => {
        collapsed = stored[COLLAPSED_KEY] === true;
        render();
      })
      .catch(() => {});
    /** Opened by the person on this page: it stays open even where the page cannot make room for it. */
    let openedHere = false;
    const collapse = (value: boolean) => {
      collapsed = value;
      openedHere = !value;
      // Not remembered when the extension was reloaded under this page: the drawer still does as asked here.
      void browser.storage.local.set({ [COLLAPSED_KEY]: value }).catch(() => {});
      render();
    };

    let onShopsPage = false;
    const render = () => {
      if (signal.aborted || !overview || !onShopsPage) return;
      panel.placeFloating(document);
      // Open, the drawer sits beside the page (which is narrowed by its width), below any bar
      // the page pins to the top; collapsed, the page has its whole width back.
      if (collapsed) releaseRightEdge(document);
      else reserveRightEdge(document, DRAWER_WIDTH);
      // A page that will not get narrower (a minimum width) would keep its right part under the
      // drawer: then it starts as a tab, until the person opens it.
      const crowded = !collapsed && !openedHere && !pageFits(document);
      if (crowded) releaseRightEdge(document);
      const shown = panel.show('BcPanel', {
        overview,
        busy,
        progress,
        batch,
        notice,
        intake,
        listNote,
        collapsed: collapsed || crowded,
        crowded,
        top: collapsed || crowded ? 0 : topBarBottom(document, panel.host),
        onCollapse: collapse,
        root: panel.root,
        onRequest: requestCodes,
        onResend: resend,
        onIntake: addIntake,
        onRemovePasted: (code: string) => void sendMessage('removeIntake', { code, orgId: orgId ?? undefined }).then(refresh),
      });
      // No drawer came (its views did not load): the page gets its width back.
      void shown.then((drawn) => {
        if (!drawn && !collapsed) releaseRightEdge(document);
      });
    };
    const refresh = async () => {
      if (!orgId) return;
      overview = await sendMessage('bcOverview', { orgId });
      render();
    };
    const guarded = (work: () => Promise<void>) => {
      if (busy) return;
      notice = null;
      void work()
        .catch((error) => {
          notice =
            error instanceof DriverError
              ? `Helper unavailable here: ${error.message}. Nothing more was sent.`
              : `Stopped: ${String(error)}`;
        })
        .finally(async () => {
          busy = null;
          progress = null;
          // A batch that stopped says so against each code it did not finish.
          batch =
            batch?.map((line) =>
              line.state === 'requesting'
                ? { ...line, state: 'unknown' as const, detail: 'stopped before TikTok answered: check the Shops list' }
                : line.state === 'waiting'
                  ? { ...line, state: 'skipped' as const, detail: 'the batch stopped before it' }
                  : line,
            ) ?? null;
          await refresh();
        });
    };

    const requestCodes = (codes: string[]) =>
      guarded(async () => {
        const org = orgId as string;
        const plan = await sendMessage('planRequests', { orgId: org, codes });
        batch = [
          ...plan.sendNow.map((code) => ({ code, state: 'waiting' as const })),
          ...plan.queued.map((code) => ({ code, state: 'queued' as const })),
          ...plan.skipped.map((s) => ({ code: s.code, state: 'skipped' as const, detail: s.reason })),
        ];
        const mark = (code: string, state: BatchLine['state'], detail?: string) => {
          batch = (batch ?? []).map((line) => (line.code === code ? { code, state, detail } : line));
        };
        const lines: string[] = [];
        if (plan.teamNote) lines.push(plan.teamNote);
        else if (plan.queued.length) lines.push(`${plan.queued.length} queued for the next day (daily limit of 20).`);
        if (plan.skipped.length) lines.push(plan.skipped.map((s) => `${s.code}: ${s.reason}`).join('; '));
        let sent = 0;
        let attempted = 0;
        try {
          for (const [i, code] of plan.sendNow.entries()) {
            busy = `Requesting ${code} (${i + 1} of ${plan.sendNow.length})...`;
            progress = { done: i, total: plan.sendNow.length };
            mark(code, 'requesting');
            render();
            attempted++;
            const outcome = await requestAccess(document, code, signal);
            // What TikTok answered is shown before it is recorded: a failed record must not hide a sent request.
            const atLimit = !outcome.ok && outcome.kind === 'limit';
            mark(code, outcome.ok ? 'sent' : atLimit ? 'queued' : 'refused', outcome.ok ? undefined : outcome.error);
            await sendMessage('recordRequestOutcome', { orgId: org, code, outcome });
            if (outcome.ok) sent++;
            if (atLimit) {
              const rest = plan.sendNow.slice(i + 1);
              for (const later of rest) mark(later, 'queued');
              if (rest.length) await sendMessage('planRequests', { orgId: org, codes: rest });
              lines.push(`TikTok says the daily limit is reached: ${code} and ${rest.length} more wait for the next day.`);
              break;
            }
          }
        } finally {
          // Requests claimed from the team but never tried go back to the team.
          const unused = plan.sendNow.length - attempted;
          if (unused > 0) await sendMessage('releaseClaims', { orgId: org, day: plan.day, count: unused }).catch(() => {});
        }
        notice = [`${sent} request(s) sent.`, ...lines].join(' ');
      });

    const resend = (code: string) =>
      guarded(async () => {
        busy = `Resending the request for ${code}...`;
        render();
        await resendRequest(document, code, signal);
        await sendMessage('recordResend', { orgId: orgId as string, code, via: 'email' });
        notice = `Request for ${code} resent by e-mail.`;
      });

    const addIntake = (text: string) =>
      void sendMessage('addIntake', { text, orgId: orgId ?? undefined }).then(async (result) => {
        intake = result;
        await refresh();
      });

    watchPage(document, signal, (watch) => {
      const here = url();
      onShopsPage = isShopsPage(here, document);
      if (!onShopsPage) return;
      const org = orgIdOf(here);
      if (!org) {
        report('unavailable', ['no org_id in the address']);
        panel.placeFloating(document);
        void panel.show('HelperUnavailable', {
          title: 'Business Center not identified',
          detail:
            'This looks like Assets > Shops, but the address has no org_id, so requests cannot be counted against the right Business Center.',
          tried: ['org_id in the URL'],
          onDismiss: () => panel.remove(),
        });
        return;
      }
      if (org !== orgId) {
        orgId = org;
        listSignature = '';
        void refresh();
      }
      report('active', [`Business Center ${org}`]);
      // The page's own list is the truth about pending and approved shops: re-read it when it changes.
      const read = readShops(here, document, watch.batch);
      const name = readBusinessCenterName(document, org) ?? undefined;
      const signature = JSON.stringify([read, name]);
      // No list now, or a batch of ours under way: a whole list read before must not be applied late.
      if (!read || busy) {
        if (applying.waiting) {
          applying.cancel();
          listSignature = '';
        }
      } else if (signature !== listSignature) {
        listSignature = signature;
        const { completeness } = read;
        applying.schedule(completeness.complete, async (settled) => {
          const applied = asApplied(completeness, settled);
          const outcome = await sendMessage('applyShopList', {
            orgId: org,
            name,
            shops: read.shops,
            ...(applied.complete ? { complete: true } : { complete: false, incompleteWhy: applied.why }),
          });
          if (signal.aborted) return;
          listNote = applied.complete
            ? outcome.lost.length > 0
              ? `No longer in the Shops list: ${outcome.lost.join(', ')}.`
              : null
            : `Not every shop is shown (${applied.why}): nothing is marked lost until the whole list is seen.`;
          await refresh();
        });
      }
    });
    signal.addEventListener('abort', () => {
      // Left before the list settled: what it showed is still kept, as a partial list that marks nothing lost.
      applying.leave();
      panel.remove();
      releaseRightEdge(document);
    });
  },
};
