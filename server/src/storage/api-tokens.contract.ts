import { expect, it } from 'vitest';
import { ApiTokenStore } from './api-tokens.js';
import type { Database } from './db.js';
import { using } from './using.contract.js';

/** `ApiTokenStore` on every database backend. */
export function apiTokensContract(open: () => Promise<Database>): void {
  it(
    'records keys, lists them newest first, and revokes each once (the first revocation time stays)',
    using(open, async (db) => {
      const store = new ApiTokenStore(db);
      const expiresAt = new Date('2030-01-01T00:00:00.000Z');
      const a = await store.create({ id: 't_a', name: 'CI', role: 'agent', createdBy: 's_1', expiresAt });
      expect(a).toEqual({
        id: 't_a',
        name: 'CI',
        role: 'agent',
        createdBy: 's_1',
        expiresAt: '2030-01-01T00:00:00.000Z',
        revokedAt: undefined,
        createdAt: expect.any(String),
      });
      const b = await store.create({ id: 't_b', name: 'Zapier', role: 'admin' });
      expect(b).toMatchObject({ createdBy: undefined, expiresAt: undefined });
      expect((await store.list()).map((t) => t.id)).toEqual(['t_b', 't_a']);
      expect(await store.byId('t_a')).toEqual(a);
      expect(await store.byId('t_missing')).toBeUndefined();
      expect(await store.revoke('t_a')).toBe(true);
      const revoked = (await store.byId('t_a'))!.revokedAt;
      expect(revoked).toEqual(expect.any(String));
      expect(await store.revoke('t_a')).toBe(false);
      expect((await store.byId('t_a'))!.revokedAt).toBe(revoked);
      expect(await store.revoke('t_missing')).toBe(false);
      await expect(store.create({ id: 't_b', name: 'again', role: 'agent' })).rejects.toThrow();
    }),
  );
}
