// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { leafTexts, readApprovalLink, readDialogOutcome } from '../../extension/pages/business-center';
import { isTikTokLink } from '../../shared/markets';

/** The Add Shop dialog as TikTok's page holds it; a page script may have written into it. */
function dialog(html: string): { root: HTMLElement; input: HTMLInputElement } {
  document.body.innerHTML = `<div role="dialog"><label>Shop code</label><input value="USLCQPEV3N">${html}<button>Request</button></div>`;
  return {
    root: document.querySelector('[role="dialog"]') as HTMLElement,
    input: document.querySelector('input') as HTMLInputElement,
  };
}

describe("what the Business Center driver believes (a page's script can write anything)", () => {
  it('a success message already there when Request was pressed is not a confirmation', () => {
    const { root, input } = dialog('<p>Request sent successfully</p>');
    const before = leafTexts(root);
    expect(readDialogOutcome(root, input, before)).toBeNull();
    // TikTok's own answer, new after the press, still counts.
    root.insertAdjacentHTML('beforeend', '<div role="alert">Your request has been sent</div>');
    expect(readDialogOutcome(root, input, before)).toMatchObject({ kind: 'confirmed' });
  });

  it('a planted success message does not turn a vanished input into a confirmation', () => {
    const { root, input } = dialog('<p>Request sent successfully</p><button>OK</button>');
    const before = leafTexts(root);
    input.remove();
    expect(readDialogOutcome(root, input, before)).toBeNull();
  });

  it('keeps only TikTok links as approval links', () => {
    const { root } = dialog(
      '<input value="https://evil.example/approve?x=1"><a href="https://business.tiktok.com.evil.example/a">a</a><input value="https://business.tiktok.com/approve/shop?token=1">',
    );
    expect(readApprovalLink(root)).toBe('https://business.tiktok.com/approve/shop?token=1');
    const { root: only } = dialog('<input value="https://evil.example/approve?x=1">');
    expect(readApprovalLink(only)).toBeUndefined();
  });

  it.each([
    ['https://business.tiktok.com/approve', true],
    ['https://tiktok.com/x', true],
    ['https://seller.tiktokshop.com/x', true],
    ['http://business.tiktok.com/approve', false],
    ['https://business.tiktok.com.evil.example/x', false],
    ['https://eviltiktok.com/x', false],
    ['javascript:alert(1)', false],
    ['not a link', false],
  ])('isTikTokLink(%s) is %s', (link, expected) => {
    expect(isTikTokLink(link)).toBe(expected);
  });
});
