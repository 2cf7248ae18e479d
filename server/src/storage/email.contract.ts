import { expect, it } from 'vitest';
import type { Database } from './db.js';
import { UnsubscribeStore } from './email.js';

/** The e-mail unsubscribe list on every backend; run against PGlite and PostgreSQL. */
export function emailContract(open: () => Promise<Database>): void {
  it('keeps each address once, lower-case, and finds it in any letter case', async () => {
    const db = await open();
    const store = new UnsubscribeStore(db);
    expect(await store.has('ann@example.com')).toBe(false);
    await store.add('Ann@Example.com');
    await Promise.all([store.add('ann@example.com'), store.add('ANN@EXAMPLE.COM')]);
    expect(await store.has('ann@example.com')).toBe(true);
    expect(await store.has('ANN@example.COM')).toBe(true);
    expect(await store.has('bob@example.com')).toBe(false);
    expect(await db.query('SELECT email FROM email_unsubscribes')).toEqual([{ email: 'ann@example.com' }]);
  });
}
