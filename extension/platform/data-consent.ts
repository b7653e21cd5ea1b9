import { browser } from 'wxt/browser';

/** Firefox's optional data collection types this extension declares (wxt.config.ts GECKO). */
type DataCollection = { data_collection?: string[] };

function declaredOptional(): string[] {
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

export const CONSENT_REFUSED =
  'Firefox was not allowed to send your records to the team: nothing was sent. Press Join team again and choose Allow to join.';
