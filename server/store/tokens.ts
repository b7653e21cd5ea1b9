import { createHash, randomBytes, randomUUID } from 'node:crypto';

/** Tokens are 256 random bits; the store keeps only their SHA-256, so a leaked database leaks no token. */
export function newToken(prefix: 'sac' | 'inv' | 'cal' = 'sac'): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newId(): string {
  return randomUUID();
}
