import { describe, expect, it } from 'vitest';
import { problemsOf, refusal } from '../../extension/background/message-door';
import { MESSAGE_RULES, type MessageName } from '../../extension/message-schemas';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ROOT = `chrome-extension://${ID}/`;
const page = { id: ID, url: `${ROOT}dashboard.html`, tab: { id: 3 } };
const contentScript = { id: ID, url: 'https://seller-us.tiktok.com/profile/seller-profile', tab: { id: 4 } };
const otherExtension = { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzz/x.html' };
const names = Object.keys(MESSAGE_RULES) as MessageName[];

describe("the background's one door", () => {
  it.each(names.filter((n) => MESSAGE_RULES[n].from === 'extension'))('refuses %s from a content script', (name) => {
    expect(refusal(name, undefined, contentScript, ID, ROOT)).toContain("only from the extension's own pages");
  });

  it.each(names)('refuses %s from another extension', (name) => {
    expect(refusal(name, undefined, otherExtension, ID, ROOT)).toContain('only from this extension');
  });

  it('takes a privileged message from the extension page, and says in words what is wrong with bad data', () => {
    expect(refusal('teamInvite', { role: 'admin' }, page, ID, ROOT)).toBeNull();
    expect(refusal('syncJoin', { invite: ' ', name: 'Ana', label: 'laptop' }, page, ID, ROOT)).toBe('Paste the invite link.');
    expect(refusal('syncJoin', { invite: 'https://x/join#inv_1', name: '', label: 'laptop' }, page, ID, ROOT)).toBe(
      'Say who you are, as your team will see it.',
    );
  });

  it('takes the messages helpers use from a content script, validated', () => {
    expect(refusal('getSettings', undefined, contentScript, ID, ROOT)).toBeNull();
    expect(refusal('bcOverview', { orgId: '7000000000001' }, contentScript, ID, ROOT)).toBeNull();
    expect(refusal('bcOverview', { orgId: '../../x' }, contentScript, ID, ROOT)).toContain('Business Center id');
    expect(
      refusal('planRequests', { orgId: '7000000000001', codes: Array(501).fill('USLCQPEV3N') }, contentScript, ID, ROOT),
    ).not.toBeNull();
  });

  it('a page whose address merely contains the extension root is still a content script', () => {
    const spoof = { id: ID, url: `https://evil.example/?${ROOT}`, tab: { id: 5 } };
    expect(refusal('teamMembers', undefined, spoof, ID, ROOT)).not.toBeNull();
  });

  it('names the field each problem concerns, for the form to mark it', () => {
    expect(problemsOf(MESSAGE_RULES.saveSettings.data, { urgentDays: 40, noticeDays: 30, alertDays: [1] })).toEqual({
      message: 'The urgent window must not be longer than the notice window: make it shorter, or the notice window longer.',
      fields: {
        urgentDays: 'The urgent window must not be longer than the notice window: make it shorter, or the notice window longer.',
      },
    });
    expect(
      problemsOf(MESSAGE_RULES.saveSettings.data, { urgentDays: 1.5, noticeDays: 30, alertDays: [Number.NaN] })?.fields,
    ).toEqual({
      urgentDays: 'Use a whole number of days from 0 to 365.',
      alertDays: 'Use a whole number of days from 0 to 365.',
    });
  });
});
