/**
 * The same records rendered through the markups TikTok's pages (or another release of them) could
 * use. Each markup takes a header per column and the rows as cell texts; cells may hold a little
 * markup of their own (a tag, a code under a name). Nothing here knows what the records mean.
 */

export interface Table {
  headers: string[];
  rows: string[][];
  /** Which column is the record's title line in markups that show one (cards, list items). */
  titleColumn: number;
  /** Columns whose label cards and lists leave out (a status tag, say). */
  unlabelled?: number[];
}

export type Markup = (t: Table) => string;

const row = (cells: string[], tag = 'td') => `<tr>${cells.map((c) => `<${tag}>${c}</${tag}>`).join('')}</tr>`;
const sortable = (h: string) =>
  `<span class="arco-table-th-item-title">${h}</span><span class="arco-table-sorter"><span class="arco-table-sorter-icon"><svg viewBox="0 0 8 8"><path d="M0 0"/></svg></span><i aria-hidden="true">\u25B2</i></span>`;

export const MARKUPS: Record<string, Markup> = {
  'table with thead': (t) =>
    `<table><thead>${row(t.headers, 'th')}</thead><tbody>${t.rows.map((r) => row(r)).join('')}</tbody></table>`,
  'table without thead': (t) => `<table><tbody>${row(t.headers, 'th')}${t.rows.map((r) => row(r)).join('')}</tbody></table>`,
  'header cells written as td': (t) => `<table><tbody>${row(t.headers)}${t.rows.map((r) => row(r)).join('')}</tbody></table>`,
  'headers wrapped with sort icons': (t) =>
    `<table><thead>${row(t.headers.map(sortable), 'th')}</thead><tbody>${t.rows.map((r) => row(r)).join('')}</tbody></table>`,
  'fixed header in its own table': (t) =>
    `<div class="arco-table"><div class="arco-table-header"><table><colgroup></colgroup><thead>${row(
      t.headers.map(sortable),
      'th',
    )}</thead></table></div><div class="arco-table-body"><table><colgroup></colgroup><tbody>${t.rows
      .map((r) => row(r))
      .join('')}</tbody></table></div></div>`,
  'ARIA grid of divs': (t) =>
    `<div role="grid"><div role="rowgroup"><div role="row">${t.headers
      .map((h) => `<div role="columnheader">${h}</div>`)
      .join('')}</div></div><div role="rowgroup">${t.rows
      .map((r) => `<div role="row">${r.map((c) => `<div role="gridcell">${c}</div>`).join('')}</div>`)
      .join('')}</div></div>`,
  'div rows with a header row': (t) =>
    `<div class="list"><div class="list-head">${t.headers.map((h) => `<div>${h}</div>`).join('')}</div>${t.rows
      .map((r) => `<div class="list-row">${r.map((c) => `<div><span>${c}</span></div>`).join('')}</div>`)
      .join('')}</div>`,
  'Arco list items with inline labels': (t) =>
    `<ul class="arco-list">${t.rows
      .map(
        (r) =>
          `<li class="arco-list-item"><div class="arco-list-item-main"><div class="title">${r[t.titleColumn]}</div><div class="desc">${r
            .map((c, i) =>
              i === t.titleColumn
                ? ''
                : t.unlabelled?.includes(i)
                  ? `<span class="tag">${c}</span>`
                  : `<span>${t.headers[i]}: ${c}</span>`,
            )
            .join('')}</div></div><div class="arco-list-item-action"><a>Renew</a></div></li>`,
      )
      .join('')}</ul>`,
  'cards with label/value pairs': (t) =>
    `<div class="cards">${t.rows
      .map(
        (r) =>
          `<div class="card"><div class="card-head"><h4>${r[t.titleColumn]}</h4>${(t.unlabelled ?? [])
            .map((i) => `<span class="tag">${r[i]}</span>`)
            .join('')}</div><div class="card-body">${r
            .map((c, i) =>
              i === t.titleColumn || t.unlabelled?.includes(i)
                ? ''
                : `<div class="kv"><div class="k">${t.headers[i]}</div><div class="v">${c}</div></div>`,
            )
            .join('')}</div><div class="card-foot"><button>Renew</button><button>Cancel</button></div></div>`,
      )
      .join('')}</div>`,
  'dl groups': (t) =>
    `<section>${t.rows
      .map((r) => `<dl class="record">${r.map((c, i) => `<dt>${t.headers[i]}</dt><dd>${c}</dd>`).join('')}</dl>`)
      .join('')}</section>`,
};

/** The page around a list: navigation, a heading or tab, a note with a date of its own, as pages have. */
export function pageAround(list: string, options: { heading?: string; tabs?: string[]; shopHeader?: string } = {}): string {
  const tabs = options.tabs?.length
    ? `<div role="tablist">${options.tabs.map((t, i) => `<div role="tab" aria-selected="${i === 0}">${t}</div>`).join('')}</div>`
    : '';
  return `<header role="banner"><div class="logo">TikTok Shop</div><div data-tid="m4b_avatar">${options.shopHeader ?? ''}</div></header><nav><a>Home</a><a>Orders</a><a>Products</a><a>Apps &amp; Services</a></nav><main>${
    options.heading ? `<h2>${options.heading}</h2>` : ''
  }${tabs}<p class="tip">Last updated 2026-11-20. Services expiring within 15 days are listed under Show More.</p>${list}</main>`;
}
