import { browser } from 'wxt/browser';

/** Firefox's optional data collection types this extension declares (wxt.config.ts GECKO). */
type DataCollection = { data_collection?: string[] };

function declaredOptional(): string[] {
  // Only Firefox's manifest declares data collection (wxt.config.ts); other builds ask nothing here.
  if (!import.meta.env.FIREFOX) return [];
  const manifest = browser.runtime.getManifest() as {
    browser_specific_settings?: { gecko?: { data_collection_permissions?: { optional?: string[] } } };
  };
  return manifest.browser_specific_settings?.gecko?.data_collection_permissions?.optional ?? [];
}

/**
 * Asks Firefox about the declared data types: `request` prompts (only within a user action), and
 * `contains` tells whether consent still holds. True where the browser keeps no such consent.
 */
function askFirefox(question: 'request' | 'contains'): Promise<boolean> {
  const wanted = declaredOptional();
  const permissions = browser.permissions as unknown as Record<
    typeof question,
    ((p: DataCollection) => Promise<boolean>) | undefined
  >;
  const ask = permissions[question];
  if (wanted.length === 0 || !ask) return Promise.resolve(true);
  // Called at once, not after an await: Firefox prompts only within the click that asked.
  return ask.call(permissions, { data_collection: wanted }).catch((error: unknown) => {
    // Firefox 140-141 read the manifest key but know no optional data types in this API yet.
    if (/data_collection/.test(String(error))) return true;
    throw error;
  });
}

/**
 * Asks Firefox for consent to send the team's records to its server (Chromium keeps none: Join's
 * own summary is the consent there). Call it from the click itself. True when sending is allowed.
 */
export const consentToShareWithTeam = (): Promise<boolean> => askFirefox('request');

/**
 * Whether the consent given at Join still holds: Firefox lets a person withdraw it later in the
 * add-on's settings, and then nothing may leave the browser until it is given again.
 */
export const consentStillHeld = (): Promise<boolean> => askFirefox('contains');

export const CONSENT_WITHDRAWN =
  "Firefox no longer allows sending your records to the team (the add-on's data collection permission was withdrawn): nothing is sent. Your changes are kept; allow it again in the add-on's permissions, then press Sync now.";

export const CONSENT_REFUSED =
  'Firefox was not allowed to send your records to the team: nothing was sent. Press Join team again and choose Allow to join.';
