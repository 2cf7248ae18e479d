import type { Database, Queryable } from './db.js';

type Row = Record<string, unknown>;

/** Whose data: the conversations of a visitor id, or of any of these user ids; `keep` narrows the conversations found. */
export type SubjectRows = ({ visitorId: string } | { userIds: string[] }) & { keep?: (conversation: Row) => boolean };

// Children deleted last, in this order, so foreign keys between them never block (others first, then these).
const CORE_CHILDREN = ['feedback', 'conversation_events', 'messages'];
const SAFE_NAME = /^[a-z_][a-z0-9_]*$/;

/**
 * SQL of GDPR export and erasure over every table. Tables added by later migrations are found by their
 * `conversation_id` / `visitor_id` columns (the audit log is never touched: it is append-only).
 */
export class SubjectDataStore {
  constructor(private readonly db: Database) {}

  /** The subject's conversations (oldest first) and every row that refers to them, or to the visitor, per table. */
  async export(s: SubjectRows): Promise<{ conversations: Row[]; related: Record<string, Row[]> }> {
    const conversations = await this.conversations(this.db, s);
    const ids = conversations.map((c) => c.id as string);
    const related: Record<string, Row[]> = {};
    const { byConversation, byVisitor } = await this.tables(this.db);
    for (const table of byConversation)
      related[table] = ids.length
        ? await this.db.query(`SELECT * FROM "${table}" WHERE conversation_id = ANY($1::text[])`, [ids])
        : [];
    if ('visitorId' in s)
      for (const table of byVisitor)
        related[table] = await this.db.query(`SELECT * FROM "${table}" WHERE visitor_id = $1`, [s.visitorId]);
    return { conversations, related };
  }

  /** Delete the subject's conversations and every referring row in one transaction; rows deleted per table. */
  async erase(s: SubjectRows): Promise<{ conversationIds: string[]; deleted: Record<string, number> }> {
    return this.db.transaction(async (tx) => {
      const ids = (await this.conversations(tx, s)).map((c) => c.id as string);
      const deleted: Record<string, number> = {};
      const { byConversation, byVisitor } = await this.tables(tx);
      const ordered = [
        ...byConversation.filter((t) => !CORE_CHILDREN.includes(t)),
        ...CORE_CHILDREN.filter((t) => byConversation.includes(t)),
      ];
      if (ids.length) {
        for (const table of ordered)
          deleted[table] = (
            await tx.query(`DELETE FROM "${table}" WHERE conversation_id = ANY($1::text[]) RETURNING 1`, [ids])
          ).length;
        deleted.conversations = (
          await tx.query('DELETE FROM conversations WHERE id = ANY($1::text[]) RETURNING 1', [ids])
        ).length;
      }
      if ('visitorId' in s) {
        for (const table of byVisitor)
          deleted[table] = (
            await tx.query(`DELETE FROM "${table}" WHERE visitor_id = $1 RETURNING 1`, [s.visitorId])
          ).length;
      }
      return { conversationIds: ids, deleted };
    });
  }

  /**
   * After an erasure: VACUUM these tables (dead tuples become free space, not readable rows) and CHECKPOINT so the
   * write-ahead log holding the text can be recycled. Best effort: what the role may not do is left out of the answer.
   */
  async scrub(tables: string[]): Promise<{ vacuumed: string[]; checkpoint: boolean }> {
    const vacuumed: string[] = [];
    for (const table of tables.filter((t) => SAFE_NAME.test(t))) {
      if (
        await this.db.query(`VACUUM "${table}"`).then(
          () => true,
          () => false,
        )
      )
        vacuumed.push(table);
    }
    const checkpoint = await this.db.query('CHECKPOINT').then(
      () => true,
      () => false,
    );
    return { vacuumed, checkpoint };
  }

  private async conversations(q: Queryable, s: SubjectRows): Promise<Row[]> {
    const rows =
      'visitorId' in s
        ? await q.query('SELECT * FROM conversations WHERE visitor_id = $1 ORDER BY created_at', [s.visitorId])
        : await q.query('SELECT * FROM conversations WHERE user_id = ANY($1::text[]) ORDER BY created_at', [s.userIds]);
    return s.keep ? rows.filter(s.keep) : rows;
  }

  private async tables(q: Queryable): Promise<{ byConversation: string[]; byVisitor: string[] }> {
    const rows = await q.query<{ table_name: string; column_name: string }>(
      `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
       WHERE c.table_schema = current_schema() AND c.column_name IN ('conversation_id', 'visitor_id')`,
    );
    const pick = (col: string) =>
      [
        ...new Set(
          rows
            .filter(
              (r) =>
                r.column_name === col &&
                r.table_name !== 'conversations' &&
                r.table_name !== 'audit_log' &&
                SAFE_NAME.test(r.table_name),
            )
            .map((r) => r.table_name),
        ),
      ].sort();
    return { byConversation: pick('conversation_id'), byVisitor: pick('visitor_id') };
  }
}
