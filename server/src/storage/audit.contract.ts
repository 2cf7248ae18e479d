import { expect, it } from 'vitest';
import { AuditStore } from './audit.js';
import type { Database } from './db.js';
import { using } from './using.contract.js';

/** `AuditStore` on every database backend. */
export function auditContract(open: () => Promise<Database>): void {
  it(
    'lists newest first with filters, a prefix match on the action and pages by id; changes and deletions are discarded',
    using(open, async (db) => {
      const store = new AuditStore(db);
      await store.append({ actor: 's_1', action: 'auth.login', ip: '10.0.0.1' });
      await store.append({ actor: 's_1', action: 'auth.logout' });
      await store.append({ actor: 's_2', action: 'token.created', target: 't_1', data: { role: 'admin', n: [1] } });
      await store.append({ action: 'authx' });
      const all = await store.list();
      expect(all.map((e) => e.action)).toEqual(['authx', 'token.created', 'auth.logout', 'auth.login']);
      expect(all[1]).toEqual({
        id: expect.any(Number),
        actor: 's_2',
        action: 'token.created',
        target: 't_1',
        ip: undefined,
        data: { role: 'admin', n: [1] },
        createdAt: expect.any(String),
      });
      expect((await store.list({ action: 'auth.*' })).map((e) => e.action)).toEqual(['auth.logout', 'auth.login']);
      expect((await store.list({ action: 'auth.login' })).map((e) => e.ip)).toEqual(['10.0.0.1']);
      expect(await store.list({ actor: 's_2', target: 't_1' })).toHaveLength(1);
      expect(await store.list({ actor: 's_2', target: 't_2' })).toEqual([]);
      const page = await store.list({ limit: 2 });
      expect(page.map((e) => e.action)).toEqual(['authx', 'token.created']);
      expect((await store.list({ before: page[1].id, limit: 2 })).map((e) => e.action)).toEqual([
        'auth.logout',
        'auth.login',
      ]);
      expect(await store.list({ limit: 0 })).toHaveLength(1);
      // Append-only: migration 004's rules discard changes and deletions.
      await db.query("UPDATE audit_log SET action = 'x'");
      await db.query('DELETE FROM audit_log');
      expect(await store.list()).toEqual(all);
    }),
  );
}
