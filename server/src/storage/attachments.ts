import type { Queryable } from './db.js';

/** An `attachments` row before its message exists. */
export interface NewAttachment {
  id: string;
  conversationId: string;
  name: string;
  type: string;
  size: number;
  /** Where its bytes live. */
  backend: 'db' | 's3';
  /** `visitor:<id>` or `staff:<id>`. */
  uploadedBy: string;
}

/** What serving an attachment needs: its file facts and the two columns its conversation's ownership depends on. */
export interface AttachmentAccess {
  conversationId: string;
  name: string;
  type: string;
  size: number;
  visitorId: string;
  userId?: string;
}

/** SQL for `attachments` (every backend's metadata) and `attachment_blobs` (the database backend's bytes). */
export class AttachmentStore {
  constructor(private readonly db: Queryable) {}

  /** Record an upload. */
  async insert(a: NewAttachment): Promise<void> {
    await this.db.query(
      'INSERT INTO attachments (id, conversation_id, name, type, size, backend, uploaded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [a.id, a.conversationId, a.name, a.type, a.size, a.backend, a.uploadedBy],
    );
  }

  /** Link an attachment to the message that carries it. */
  async linkMessage(id: string, messageId: string): Promise<void> {
    await this.db.query('UPDATE attachments SET message_id = $2 WHERE id = $1', [id, messageId]);
  }

  /** An attachment with its conversation's owner, or undefined. */
  async access(id: string): Promise<AttachmentAccess | undefined> {
    const rows = await this.db.query<{
      conversation_id: string;
      name: string;
      type: string;
      size: number;
      visitor_id: string;
      user_id: string | null;
    }>(
      'SELECT a.conversation_id, a.name, a.type, a.size, c.visitor_id, c.user_id FROM attachments a JOIN conversations c ON c.id = a.conversation_id WHERE a.id = $1',
      [id],
    );
    const r = rows[0];
    if (!r) return undefined;
    return {
      conversationId: r.conversation_id,
      name: r.name,
      type: r.type,
      size: Number(r.size),
      visitorId: r.visitor_id,
      ...(r.user_id != null ? { userId: r.user_id } : {}),
    };
  }

  /** Delete an attachment row (its bytes in `attachment_blobs` go with it). */
  async remove(id: string): Promise<void> {
    await this.db.query('DELETE FROM attachments WHERE id = $1', [id]);
  }

  /** Store the bytes of an attachment whose row exists. */
  async putBytes(id: string, bytes: Uint8Array): Promise<void> {
    // Base64 text in, decoded by SQL: PGlite binds a 5 MB Uint8Array ~9× slower (7.9 s against 0.9 s here), and pg gains too.
    await this.db.query("INSERT INTO attachment_blobs (attachment_id, data) VALUES ($1, decode($2, 'base64'))", [
      id,
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
    ]);
  }

  /** The bytes, or undefined when there are none. */
  async bytes(id: string): Promise<Uint8Array | undefined> {
    const rows = await this.db.query<{ data: string }>(
      "SELECT encode(data, 'base64') AS data FROM attachment_blobs WHERE attachment_id = $1",
      [id],
    );
    return rows[0] ? new Uint8Array(Buffer.from(rows[0].data, 'base64')) : undefined;
  }

  /** Delete the bytes only (the row stays). */
  async removeBytes(id: string): Promise<void> {
    await this.db.query('DELETE FROM attachment_blobs WHERE attachment_id = $1', [id]);
  }
}
