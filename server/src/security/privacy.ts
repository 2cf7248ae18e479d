import type { Database, Queryable } from '../storage/db.js';
import { AppError } from '../util/errors.js';
import { UNVERIFIED_PREFIX } from './identity.js';
import { owns } from './ownership.js';

/**
 * Whose data: an anonymous visitor id (`v_…`) or a host-site user id (the identity token's `sub`). `asOwner` limits a
 * visitor subject to what that visitor's own token may open (the ownership rule): set when the visitor asks, not an admin.
 */
export type DataSubject = { visitorId: string; asOwner?: boolean } | { userId: string };

/** Everything stored about a subject, as plain rows per table. */
export interface SubjectExport {
  subject: DataSubject;
  exportedAt: string;
  conversations: Record<string, unknown>[];
  /** Rows of every other table keyed by conversation (messages, events, feedback, ratings, …) or by visitor. */
  related: Record<string, Record<string, unknown>[]>;
}

/** What an erasure removed, per table. */
export interface ErasureReport {
  subject: DataSubject;
  conversationIds: string[];
  deleted: Record<string, number>;
  /** Tables vacuumed and whether the checkpoint ran after the erasure (false: the database role may not; see docs/security.md). */
  scrubbed?: { vacuumed: string[]; checkpoint: boolean };
}

// Children deleted last, in this order, so foreign keys between them never block (others first, then these).
const CORE_CHILDREN = ['feedback', 'conversation_events', 'messages'];
const SAFE_NAME = /^[a-z_][a-z0-9_]*$/;

/** Describe a subject for logs and the audit trail. */
export function subjectLabel(s: DataSubject): string {
  return 'visitorId' in s ? `visitor:${s.visitorId}` : `user:${s.userId}`;
}

/** GDPR export and erasure. Tables added by later migrations are found by their `conversation_id` / `visitor_id` columns. */
export class PrivacyService {
  constructor(private readonly db: Database) {}

  /** The subject's conversations and every row that refers to them. */
  async export(subject: DataSubject): Promise<SubjectExport> {
    const conversations = await this.conversations(this.db, subject);
    const ids = conversations.map((c) => c.id as string);
    const related: Record<string, Record<string, unknown>[]> = {};
    const { byConversation, byVisitor } = await this.tables(this.db);
    for (const table of byConversation)
      related[table] = ids.length
        ? await this.db.query(`SELECT * FROM "${table}" WHERE conversation_id = ANY($1::text[])`, [ids])
        : [];
    if ('visitorId' in subject)
      for (const table of byVisitor)
        related[table] = await this.db.query(`SELECT * FROM "${table}" WHERE visitor_id = $1`, [subject.visitorId]);
    return { subject, exportedAt: new Date().toISOString(), conversations, related };
  }

  /** Erase the subject's conversations, messages and every referring row, in one transaction. */
  async erase(subject: DataSubject): Promise<ErasureReport> {
    const report = await this.db.transaction(async (tx) => {
      const ids = (await this.conversations(tx, subject)).map((c) => c.id as string);
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
      if ('visitorId' in subject) {
        for (const table of byVisitor)
          deleted[table] = (
            await tx.query(`DELETE FROM "${table}" WHERE visitor_id = $1 RETURNING 1`, [subject.visitorId])
          ).length;
      }
      return { subject, conversationIds: ids, deleted };
    });
    return { ...report, scrubbed: await this.scrub(Object.keys(report.deleted).filter((t) => report.deleted[t] > 0)) };
  }

  /**
   * After an erasure: VACUUM the tables rows left (dead tuples become free space, not readable rows) and CHECKPOINT so
   * the write-ahead log holding the text can be recycled. Best effort: a role without the right logs and carries on.
   */
  private async scrub(tables: string[]): Promise<{ vacuumed: string[]; checkpoint: boolean }> {
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

  private async conversations(q: Queryable, s: DataSubject): Promise<Record<string, unknown>[]> {
    if ('visitorId' in s) {
      if (!s.visitorId) throw new AppError('invalid_payload', 'A visitor id is required.');
      const rows = await q.query('SELECT * FROM conversations WHERE visitor_id = $1 ORDER BY created_at', [
        s.visitorId,
      ]);
      return s.asOwner
        ? rows.filter((r) =>
            owns({ visitorId: r.visitor_id as string, userId: r.user_id as string | null }, { visitorId: s.visitorId }),
          )
        : rows;
    }
    if (!s.userId) throw new AppError('invalid_payload', 'A user id is required.');
    // Unverified claims of the same id are the same person's data too.
    return q.query('SELECT * FROM conversations WHERE user_id = $1 OR user_id = $2 ORDER BY created_at', [
      s.userId,
      UNVERIFIED_PREFIX + s.userId,
    ]);
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
