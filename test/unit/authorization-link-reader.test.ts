// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { isAuthorizationLinkHint, readAuthorizationLink } from '../../extension/pages/authorization-link';

/**
 * The authorization-link page is one we cannot see: the reader must agree on the page however it
 * is built (rows of spans, a table, a definition list; a select, radios or plain text) and say
 * what it could not find instead of guessing.
 */
const ROWS = `<h1>Authorize the service</h1>
  <div><span>Service name</span><span>Ads management</span></div>
  <div><span>Partner</span><span>Growth Partners Ltd</span></div>
  <div><span>Authorized shops</span><span><label><input type="checkbox" checked> Maple &amp; Moss Home</label></span></div>
  <div><span>Duration</span><select><option>6 months</option><option selected>1 year</option></select></div>
  <button type="button">Confirm</button>`;

const TABLE = `<h2>Service authorization</h2><table><tbody>
  <tr><td>App name</td><td>Ads management</td></tr>
  <tr><td>Service provider</td><td>Growth Partners Ltd</td></tr>
  <tr><td>Authorization period</td><td><label><input type="radio" name="d"> 6 months</label><label><input type="radio" name="d" checked> 1 year</label></td></tr>
  </tbody></table><div role="button">Confirm authorization</div>`;

const LIST = `<h3>Authorise this partner</h3><dl>
  <div><dt>Service</dt><dd>Ads management</dd></div>
  <div><dt>Developer</dt><dd>Growth Partners Ltd</dd></div>
  <div><dt>Valid for</dt><dd>1 year</dd></div></dl><button>Authorise</button>`;

describe('the authorization-link page, built three ways', () => {
  for (const [name, html] of [
    ['rows with a select', ROWS],
    ['a table with radios', TABLE],
    ['a definition list with text', LIST],
  ] as const) {
    it(`reads the service, the partner and the duration chosen from ${name}`, () => {
      document.body.innerHTML = `<main>${html}</main>`;
      const read = readAuthorizationLink(document);
      expect('found' in read).toBe(true);
      if (!('found' in read)) return;
      expect(read.found).toMatchObject({ serviceName: 'Ads management', partner: 'Growth Partners Ltd' });
      expect(read.found.duration).toEqual({ amount: 1, unit: 'year' });
      expect(isAuthorizationLinkHint(new URL('https://seller-us.tiktok.com/somewhere/else'), document)).toBe(true);
    });
  }

  it('says what it could not find, and finds no duration in "Permanent"', () => {
    document.body.innerHTML = `<main>${ROWS.replace('<option selected>1 year</option>', '<option selected>Permanent</option>').replace('Confirm', 'Next')}</main>`;
    expect(readAuthorizationLink(document)).toEqual({
      missing: ['one readable duration (such as "1 year")', 'a Confirm button'],
    });
  });

  it('is not taken for the page elsewhere: no route, no heading that says so', () => {
    document.body.innerHTML = '<main><h1>My Services</h1></main>';
    expect(isAuthorizationLinkHint(new URL('https://seller-us.tiktok.com/tsp/manage'), document)).toBe(false);
    expect(isAuthorizationLinkHint(new URL('https://seller-us.tiktok.com/services/market/custom-authorize/123'), document)).toBe(
      true,
    );
  });
});
