import { describe, expect, it } from 'vitest';
import { parseInviteLink } from '../../shared/sync-protocol';

const CODE = 'inv_AbCdEfGhIjKlMnOpQrStUvWxYz012345-_';

describe('invite links', () => {
  it.each([
    [`https://sync.example.com/join#${CODE}`, 'https://sync.example.com'],
    [`http://127.0.0.1:8787/join#${CODE}`, 'http://127.0.0.1:8787'],
    [`http://localhost:8787/join#${CODE}`, 'http://localhost:8787'],
    [`https://example.com/companion/join#${CODE}`, 'https://example.com/companion'],
    [`  <https://sync.example.com/join#${CODE}>  `, 'https://sync.example.com'],
    [`"https://sync.example.com/join/#${CODE}"`, 'https://sync.example.com'],
  ])('reads %s', (text, serverUrl) => {
    expect(parseInviteLink(text)).toEqual({ serverUrl, code: CODE });
  });

  it.each([
    ['', 'empty'],
    [CODE, 'a bare code (no server)'],
    [`ftp://sync.example.com/join#${CODE}`, 'not http(s)'],
    [`http://sync.example.com/join#${CODE}`, 'plain http to another machine (the token would travel in clear)'],
    [`http://127.0.0.1.example.com/join#${CODE}`, 'a host that only starts like loopback'],
    [`javascript:alert(1)//join#${CODE}`, 'a script URL'],
    ['https://sync.example.com/join#sac_AbCdEfGhIjKlMnOpQrStUvWxYz0123', 'a device token, not an invite'],
    ['https://sync.example.com/join#inv_short', 'a code too short'],
    [`https://sync.example.com/login#${CODE}`, 'not a join link'],
    ['https://seller-us.tiktok.com/profile/seller-profile', 'a page address'],
  ])('refuses %s (%s)', (text) => {
    expect(parseInviteLink(text)).toBeNull();
  });
});
