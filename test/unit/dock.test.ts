// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { releaseRightEdge, reserveRightEdge } from '../../extension/ui/dock';

const rules = () => [...document.querySelectorAll('style[data-sac-dock]')].map((s) => s.textContent);

afterEach(() => releaseRightEdge(document));

describe('reserving the right edge for the drawer', () => {
  it('narrows the page with one rule, updated in place, and gives the width back', () => {
    reserveRightEdge(document, 380);
    reserveRightEdge(document, 380);
    expect(rules()).toEqual(['html { margin-right: 380px !important; }']);
    reserveRightEdge(document, 300.4);
    expect(rules()).toEqual(['html { margin-right: 300px !important; }']);
    releaseRightEdge(document);
    expect(rules()).toEqual([]);
    // Giving back twice, or what was never taken, is harmless.
    releaseRightEdge(document);
    expect(rules()).toEqual([]);
  });

  it('leaves the page its own styles', () => {
    const own = document.createElement('style');
    own.textContent = 'html { margin-right: 0; }';
    document.head.append(own);
    reserveRightEdge(document, 380);
    releaseRightEdge(document);
    expect(own.isConnected).toBe(true);
    own.remove();
  });
});
