// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { afterItsControls } from '../../extension/pages/dom-text';

const value = (html: string) => {
  document.body.innerHTML = html;
  return document.getElementById('code') as Element;
};

describe("an overlay's place beside a value", () => {
  it("goes after the page's copy icon or buttons, not between them and the value", () => {
    expect(
      afterItsControls(value('<div><span id="code">USLCQPEV3N</span><span title="Copy">&#x2398;</span></div>')).getAttribute(
        'title',
      ),
    ).toBe('Copy');
    const el = value(
      '<div><span id="code">USLCQPEV3N</span><button aria-label="Copy"><svg></svg></button><i class="x"></i></div>',
    );
    expect(afterItsControls(el).tagName).toBe('I');
  });

  it('steps over a worded copy button too (the newer Seller information layout)', () => {
    const el = value('<div><span id="code">USLCQPEV3N</span><button aria-label="Copy shop code">Copy</button></div>');
    expect(afterItsControls(el).tagName).toBe('BUTTON');
    const link = value('<div><span id="code">USLCQPEV3N</span><a href="#">Copy</a><span role="button">Edit name</span></div>');
    expect(afterItsControls(link).textContent).toBe('Edit name');
  });

  it('stays right after the value when what follows has words (the next field, a label)', () => {
    const el = value('<div><span id="code">USLCQPEV3N</span><span title="Region">United States</span></div>');
    expect(afterItsControls(el).id).toBe('code');
    expect(afterItsControls(value('<div><span id="code">USLCQPEV3N</span></div>')).id).toBe('code');
  });

  it('does not step over its own overlay', () => {
    const el = value('<div><span id="code">USLCQPEV3N</span><span title="Copy">c</span><sac-overlay></sac-overlay><i></i></div>');
    expect(afterItsControls(el).getAttribute('title')).toBe('Copy');
  });
});
