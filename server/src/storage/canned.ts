import type { CannedReply } from 'switchboard-chat/protocol';
import type { Database } from './db.js';
import { newId } from '../util/ids.js';

const toCanned = (r: Record<string, unknown>): CannedReply => ({
  id: r.id as string,
  title: r.title as string,
  text: r.text as string,
});

/** SQL for `canned_replies`: short texts staff insert into the composer; admins manage them. */
export class CannedStore {
  constructor(private readonly db: Database) {}

  /** Every canned reply, by title. */
  async list(): Promise<CannedReply[]> {
    return (await this.db.query('SELECT * FROM canned_replies ORDER BY lower(title), id')).map(toCanned);
  }

  /** Create a canned reply. */
  async create(input: { title: string; text: string }, createdBy?: string): Promise<CannedReply> {
    const rows = await this.db.query(
      'INSERT INTO canned_replies (id, title, text, created_by) VALUES ($1, $2, $3, $4) RETURNING *',
      [newId('cr'), input.title, input.text, createdBy ?? null],
    );
    return toCanned(rows[0]);
  }

  /** Change a canned reply; undefined when it does not exist. */
  async update(id: string, input: { title?: string; text?: string }): Promise<CannedReply | undefined> {
    const rows = await this.db.query(
      'UPDATE canned_replies SET title = COALESCE($2, title), text = COALESCE($3, text), updated_at = now() WHERE id = $1 RETURNING *',
      [id, input.title ?? null, input.text ?? null],
    );
    return rows[0] ? toCanned(rows[0]) : undefined;
  }

  /** Delete a canned reply; false when it did not exist. */
  async remove(id: string): Promise<boolean> {
    return (await this.db.query('DELETE FROM canned_replies WHERE id = $1 RETURNING id', [id])).length > 0;
  }
}
