import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import { SettingsSchema } from '../settings-schema';

const settingsItem = storage.defineItem<Settings>('local:settings', { fallback: DEFAULT_SETTINGS });

/** Settings as stored, or the defaults when what is stored does not validate. */
export async function readSettings(): Promise<Settings> {
  const parsed = SettingsSchema.safeParse(await settingsItem.getValue());
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

/** Validates before storing; a bad value is refused with the reason, the old settings stay. */
export async function writeSettings(value: unknown): Promise<Settings> {
  const settings = SettingsSchema.parse(value);
  await settingsItem.setValue(settings);
  return settings;
}
