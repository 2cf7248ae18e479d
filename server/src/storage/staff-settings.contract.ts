import { DEFAULT_NOTIFICATIONS } from 'switchboard-chat/protocol';
import { expect, it } from 'vitest';
import type { Database } from './db.js';
import { StaffStore } from './staff.js';
import { StaffSettingsStore } from './staff-settings.js';
import { using } from './using.contract.js';

/** `StaffSettingsStore` on every database backend. */
export function staffSettingsContract(open: () => Promise<Database>): void {
  it(
    'gives the defaults until saved, replaces on a second save, and falls back on an unreadable row',
    using(open, async (db) => {
      const me = await new StaffStore(db).create({ email: 'a@x.io', name: 'A', role: 'agent', passwordHash: 'h' });
      const store = new StaffSettingsStore(db);
      expect(await store.notifications(me.id)).toEqual(DEFAULT_NOTIFICATIONS);
      const quiet = { desktop: false, sound: false, waiting: false, mine: true };
      expect(await store.setNotifications(me.id, quiet)).toEqual(quiet);
      expect(await store.notifications(me.id)).toEqual(quiet);
      const loud = { desktop: true, sound: true, waiting: true, mine: true };
      await store.setNotifications(me.id, loud);
      expect(await store.notifications(me.id)).toEqual(loud);
      expect(await db.query('SELECT count(*)::int AS n FROM staff_settings')).toEqual([{ n: 1 }]);
      await db.query(`UPDATE staff_settings SET notifications = '{"desktop": "yes"}' WHERE staff_id = $1`, [me.id]);
      expect(await store.notifications(me.id)).toEqual(DEFAULT_NOTIFICATIONS);
      // The settings go with the account (foreign key); an unknown person cannot have any.
      await expect(store.setNotifications('s_missing', quiet)).rejects.toThrow();
    }),
  );
}
