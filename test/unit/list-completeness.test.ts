// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { listCompleteness } from '../../extension/pages/list-completeness';

/** A list of three records, with `around` beside it: a pager, a search box, a total... */
function page(around: string, rowAttrs = ''): Element[] {
  document.body.innerHTML = `<main><h1>My Services</h1><table><tbody>
    <tr ${rowAttrs}><td>Service A</td></tr><tr ${rowAttrs}><td>Service B</td></tr><tr ${rowAttrs}><td>Service C</td></tr>
  </tbody></table>${around}</main>`;
  return [...document.querySelectorAll('tr')];
}

describe('a list is complete only when nothing says otherwise', () => {
  it.each([
    ['nothing around it', ''],
    [
      'a pager on its only page',
      '<ul role="navigation"><li aria-current="page">1</li><li><button disabled>Next</button></li></ul>',
    ],
    ['a total equal to the rows', '<div>Total 3</div>'],
    ['"1-3 of 3"', '<span>1-3 of 3</span>'],
    ['an empty search box', '<input type="search" placeholder="Search services">'],
    ['a grid that says 3 rows and a header', '<div role="grid" aria-rowcount="4"></div>'],
  ])('complete: %s', (_what, around) => {
    expect(listCompleteness(document, page(around))).toEqual({ complete: true });
  });

  it.each([
    [
      'a next page',
      '<nav aria-label="Pagination"><a href="?p=2">2</a><button aria-label="Next page">›</button></nav>',
      'next page',
    ],
    ['page 2 shown', '<ul><li><a href="?p=1">1</a></li><li aria-current="page">2</li></ul>', 'page 2'],
    ['a Show more', '<button>Show more</button>', 'Show more'],
    ['a Load more link', '<a href="#">Load more services</a>', 'Load more'],
    ['a search typed', '<input type="search" value="Analytics">', 'searched for "Analytics"'],
    ['a filter applied', '<span>Status: Active</span><button>Clear filters</button>', 'filter'],
    ['a loading state', '<div aria-busy="true"></div>', 'loading'],
    ['"Loading..."', '<div>Loading...</div>', 'loading'],
    ['a total above the rows', '<div>Total 45</div>', 'Total 45'],
    ['"1-3 of 12"', '<span>1-3 of 12</span>', '1-3 of 12'],
    ['12 results', '<p>12 results</p>', '12 results'],
    ['a grid of 40 rows', '<div role="grid" aria-rowcount="41"></div>', '40 rows'],
  ])('not complete: %s', (_what, around, why) => {
    const judged = listCompleteness(document, page(around));
    expect(judged.complete).toBe(false);
    expect(judged.complete ? '' : judged.why).toContain(why);
  });

  it('rows placed absolutely one under the other are a virtual list', () => {
    const judged = listCompleteness(document, page('', 'style="position: absolute; top: 40px"'));
    expect(judged).toEqual({ complete: false, why: 'the list draws only the rows in view' });
  });

  it("never reads the extension's own overlays", () => {
    const rows = page('<sac-overlay><button>Show more</button><div>Total 99</div></sac-overlay>');
    expect(listCompleteness(document, rows)).toEqual({ complete: true });
  });
});
