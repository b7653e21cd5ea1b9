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
 * Asks Firefox for consent to send the team's records to its server, where the browser keeps such
 * consent (Chromium has none: Join's own summary is the consent there). Must be called from the
 * click itself: Firefox only prompts within a user action. Resolves true when sending is allowed.
 */
export async function consentToShareWithTeam(): Promise<boolean> {
  const wanted = declaredOptional();
  const permissions = browser.permissions as unknown as {
    request?(p: DataCollection): Promise<boolean>;
    contains?(p: DataCollection): Promise<boolean>;
  };
  if (wanted.length === 0 || !permissions.request) return true;
  try {
    return await permissions.request({ data_collection: wanted });
  } catch (error) {
    // Firefox 140-141 read the manifest key but cannot ask for optional data types yet.
    if (/data_collection/.test(String(error))) return true;
    throw error;
  }
}

/**
 * Whether the consent given at Join still holds: Firefox lets a person withdraw it later in the
 * add-on's settings, and then nothing may leave the browser until it is given again.
 */
export async function consentStillHeld(): Promise<boolean> {
  const wanted = declaredOptional();
  const permissions = browser.permissions as unknown as { contains?(p: DataCollection): Promise<boolean> };
  if (wanted.length === 0 || !permissions.contains) return true;
  try {
    return await permissions.contains({ data_collection: wanted });
  } catch (error) {
    if (/data_collection/.test(String(error))) return true;
    throw error;
  }
}

export const CONSENT_WITHDRAWN =
  "Firefox no longer allows sending your records to the team (the add-on's data collection permission was withdrawn): nothing is sent. Your changes are kept; allow it again in the add-on's permissions, then press Sync now.";

export const CONSENT_REFUSED =
  'Firefox was not allowed to send your records to the team: nothing was sent. Press Join team again and choose Allow to join.';
