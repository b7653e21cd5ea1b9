import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { ZodType } from 'zod';
import { jsonError } from './errors';

/** zod validation of a request part; a failure is a 400 naming each problem, never a stack trace. */
export function validate<T extends keyof ValidationTargets, S extends ZodType>(target: T, schema: S) {
  return zValidator(target, schema, (result, c) => {
    if (result.success) return;
    const problems = result.error.issues
      .slice(0, 10)
      .map((issue) => `${issue.path.join('.') || target}: ${issue.message}`)
      .join('; ');
    return jsonError(c, 400, 'invalid_request', problems);
  });
}
