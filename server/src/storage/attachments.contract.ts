import { expect, it } from 'vitest';
import { AttachmentStore, type NewAttachment } from './attachments.js';
import type { Database } from './db.js';

const file = (id: string, conversationId = 'c_1'): NewAttachment => ({
  id,
  conversationId,
  name: 'a.bin',
  type: 'application/octet-stream',
  size: 256,
  backend: 'db',
  uploadedBy: 'visitor:v_1',
});

/** The attachment store on every backend; run against PGlite and PostgreSQL. */
export function attachmentsContract(open: () => Promise<Database>): void {
  const withStore = (fn: (store: AttachmentStore, db: Database) => Promise<void>) => async () => {
    const db = await open();
    await db.query("INSERT INTO conversations (id, visitor_id) VALUES ('c_1', 'v_1')");
    await db.query("INSERT INTO conversations (id, visitor_id, user_id) VALUES ('c_2', 'v_2', 'u_2')");
    await fn(new AttachmentStore(db), db);
  };

  it(
    "reads an attachment with its conversation's owner, links its message, and rejects a second row with the same id",
    withStore(async (store, db) => {
      expect(await store.access('att_missing')).toBeUndefined();
      await store.insert(file('att_1'));
      await store.insert({ ...file('att_2', 'c_2'), backend: 's3', uploadedBy: 'staff:s_1' });
      expect(await store.access('att_1')).toEqual({
        conversationId: 'c_1',
        name: 'a.bin',
        type: 'application/octet-stream',
        size: 256,
        visitorId: 'v_1',
      });
      expect(await store.access('att_2')).toMatchObject({ conversationId: 'c_2', visitorId: 'v_2', userId: 'u_2' });
      await store.linkMessage('att_1', 'm_1');
      expect(await db.query('SELECT message_id, backend, uploaded_by FROM attachments ORDER BY id')).toEqual([
        { message_id: 'm_1', backend: 'db', uploaded_by: 'visitor:v_1' },
        { message_id: null, backend: 's3', uploaded_by: 'staff:s_1' },
      ]);
      await expect(store.insert(file('att_1'))).rejects.toThrow();
      await expect(store.insert(file('att_3', 'c_missing'))).rejects.toThrow();
    }),
  );

  it(
    'keeps bytes exact (a view into a larger buffer stores only its own bytes); they go with their row',
    withStore(async (store, db) => {
      const whole = Uint8Array.from({ length: 300 }, (_, i) => i % 256);
      const bytes = whole.subarray(10, 266);
      await store.insert(file('att_1'));
      expect(await store.bytes('att_1')).toBeUndefined();
      await store.putBytes('att_1', bytes);
      expect(Buffer.from((await store.bytes('att_1'))!).equals(Buffer.from(bytes))).toBe(true);
      await expect(store.putBytes('att_missing', bytes)).rejects.toThrow();
      await store.removeBytes('att_1');
      expect(await store.bytes('att_1')).toBeUndefined();
      expect(await store.access('att_1')).toBeDefined();
      await store.putBytes('att_1', new Uint8Array(0));
      expect((await store.bytes('att_1'))?.length).toBe(0);
      await store.remove('att_1');
      expect(await store.access('att_1')).toBeUndefined();
      expect(await db.query('SELECT 1 FROM attachment_blobs')).toEqual([]);
      await store.remove('att_1');
    }),
  );
}
