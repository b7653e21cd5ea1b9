import { type Duration, readDuration } from '../../shared/durations';
import { findLabels, normalizeText, visibleText } from './dom-text';

/**
 * The page a partner's authorization link opens (seed 000, "Authorize the service"): the seller
 * reviews the installation information (shops, duration, contact) and the permissions, then
 * presses Confirm. We cannot see it: it is recognised by what it says, never by its markup.
 */
export interface LinkAuthorization {
  serviceName: string;
  partner: string;
  duration: Duration;
  confirm: HTMLElement;
}

const ROUTE = /\/(custom-)?authori[sz]e\b|\/authorization-link\b/i;
const HEADING = /\bauthori[sz]e (the |this )?(service|app|partner)\b|\bservice authori[sz]ation\b/i;
const DURATION_LABEL = /^(duration|authori[sz]ation (duration|period)|validity( period)?|valid for|service period)$/i;
const SERVICE_LABEL = /^(service( name)?|app( name)?)$/i;
const PARTNER_LABEL = /^(partner( name)?|provider|service provider|developer)$/i;

/** Whether this looks like the authorization-link page: its route, or a heading that says so. */
export function isAuthorizationLinkHint(url: URL, doc: Document): boolean {
  if (ROUTE.test(url.pathname)) return true;
  return [...doc.querySelectorAll('h1, h2, h3, [role="heading"]')].some((h) => HEADING.test(normalizeText(h.textContent)));
}

/** The value a label names: a select's chosen option, an input's value, or the text beside the label. */
function labelledValue(label: Element): string {
  const scope = label.closest('tr, li, dl > div, [role="row"], div') ?? label.parentElement;
  if (!scope) return '';
  const select = scope.querySelector('select');
  if (select) return normalizeText(select.selectedOptions[0]?.textContent ?? select.value);
  const checked = scope.querySelector<HTMLInputElement>('input[type="radio"]:checked');
  if (checked) return normalizeText(checked.closest('label')?.textContent ?? checked.value);
  const labelText = normalizeText(label.textContent);
  return visibleText(scope)
    .replace(labelText, '')
    .replace(/^\s*[:\uFF1A]\s*/, '')
    .trim();
}

function labelled(doc: Document, label: RegExp): string {
  for (const found of findLabels(doc.body, label)) {
    const value = labelledValue(found);
    if (value) return value;
  }
  return '';
}

/** What the page offers to authorize, or what could not be found (said on the page, nothing recorded). */
export function readAuthorizationLink(doc: Document): { found: LinkAuthorization } | { missing: string[] } {
  const serviceName = labelled(doc, SERVICE_LABEL);
  const partner = labelled(doc, PARTNER_LABEL);
  const duration = readDuration(labelled(doc, DURATION_LABEL));
  const confirm = [...doc.querySelectorAll<HTMLElement>('button, [role="button"]')].find((b) =>
    /^(confirm|authori[sz]e|confirm authori[sz]ation)$/i.test(normalizeText(b.textContent)),
  );
  const missing = [
    ...(serviceName ? [] : ['the service name']),
    ...(partner ? [] : ['the partner']),
    ...(duration ? [] : ['one readable duration (such as "1 year")']),
    ...(confirm ? [] : ['a Confirm button']),
  ];
  if (missing.length > 0 || !duration || !confirm) return { missing };
  return { found: { serviceName, partner, duration, confirm } };
}
