import { expect, it } from 'vitest';
import type { Database } from './db.js';
import { StaffStore } from './staff.js';
import { using } from './using.contract.js';

/** `StaffStore` on every database backend. */
export function staffContract(open: () => Promise<Database>): void {
  it(
    'keeps one account per e-mail (any case), finds it by e-mail or id, and changes only the fields given',
    using(open, async (db) => {
      const store = new StaffStore(db);
      const ann = await store.create({ email: ' Ann@Shop.Example ', name: 'Ann', role: 'admin', passwordHash: 'h1' });
      expect(ann).toEqual({
        id: expect.stringMatching(/^s_/),
        email: 'ann@shop.example',
        name: 'Ann',
        role: 'admin',
        disabled: false,
        createdAt: expect.any(String),
      });
      await expect(
        store.create({ email: 'ANN@shop.example', name: 'Other', role: 'agent', passwordHash: 'h' }),
      ).rejects.toThrow();
      const bob = await store.create({ email: 'bob@shop.example', name: 'Bob', role: 'agent', passwordHash: 'h2' });
      expect(await store.byEmail('ANN@SHOP.EXAMPLE')).toEqual({ ...ann, passwordHash: 'h1' });
      expect(await store.byEmail('nobody@shop.example')).toBeUndefined();
      expect(await store.byId(bob.id)).toEqual(bob);
      expect(await store.byId('s_missing')).toBeUndefined();
      expect((await store.list()).map((s) => s.id)).toEqual([ann.id, bob.id]);
      expect(await store.update(bob.id, { disabled: true })).toEqual({ ...bob, disabled: true });
      expect(await store.update(bob.id, { role: 'admin', passwordHash: 'h3' })).toEqual({
        ...bob,
        role: 'admin',
        disabled: true,
      });
      expect((await store.byEmail(bob.email))!.passwordHash).toBe('h3');
      expect(await store.update('s_missing', { name: 'x' })).toBeUndefined();
    }),
  );
}
