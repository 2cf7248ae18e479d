import { expect, it } from 'vitest';
import { CannedStore } from './canned.js';
import type { Database } from './db.js';
import { using } from './using.contract.js';

/** `CannedStore` on every database backend. */
export function cannedContract(open: () => Promise<Database>): void {
  it(
    'lists by title whatever the case, changes only the fields given, and removes once',
    using(open, async (db) => {
      const store = new CannedStore(db);
      expect(await store.list()).toEqual([]);
      const b = await store.create({ title: 'billing', text: 'See your invoices.' }, 's_1');
      const a = await store.create({ title: 'Address', text: 'Where to send it.' });
      expect(b).toEqual({ id: expect.stringMatching(/^cr_/), title: 'billing', text: 'See your invoices.' });
      expect((await store.list()).map((c) => c.title)).toEqual(['Address', 'billing']);
      expect(await store.update(b.id, { text: 'Billing → Invoices.' })).toEqual({ ...b, text: 'Billing → Invoices.' });
      expect(await store.update(a.id, { title: 'Zip' })).toEqual({ ...a, title: 'Zip' });
      expect((await store.list()).map((c) => c.title)).toEqual(['billing', 'Zip']);
      expect(await store.update('cr_missing', { title: 'x' })).toBeUndefined();
      expect(await store.remove(a.id)).toBe(true);
      expect(await store.remove(a.id)).toBe(false);
      expect(await store.list()).toEqual([{ ...b, text: 'Billing → Invoices.' }]);
    }),
  );
}
