import { z } from 'zod';
import type { Settings } from './settings';

const DAYS_MESSAGE = 'Use a whole number of days from 0 to 365.';
const Days = z.number({ error: DAYS_MESSAGE }).int({ error: DAYS_MESSAGE }).min(0, DAYS_MESSAGE).max(365, DAYS_MESSAGE);

export const SettingsSchema: z.ZodType<Settings> = z
  .object({
    urgentDays: Days,
    noticeDays: Days,
    alertDays: z.array(Days, { error: 'List the days before expiry, separated by commas.' }).max(10, 'Ten reminders at most.'),
  })
  .refine((s) => s.urgentDays <= s.noticeDays, {
    message: 'The urgent window must not be longer than the notice window: make it shorter, or the notice window longer.',
    path: ['urgentDays'],
  });
