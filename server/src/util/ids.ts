import { randomBytes, randomUUID } from 'node:crypto';

/** An unguessable id with a readable prefix (128 bits of randomness). @example newId('c') // 'c_3q2...' */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(16).toString('base64url')}`;
}

/** A random UUID v4. */
export function uuid(): string {
  return randomUUID();
}
