import { z } from 'zod';
import type { Settings } from './settings';

const Days = z.number().int().min(0).max(365);

export const SettingsSchema: z.ZodType<Settings> = z
  .object({ urgentDays: Days, noticeDays: Days, alertDays: z.array(Days).max(10) })
  .refine((s) => s.urgentDays <= s.noticeDays, { message: 'the urgent window must not be longer than the notice window' });
