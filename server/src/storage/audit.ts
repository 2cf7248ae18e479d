import type { Queryable } from './db.js';

/** One audit entry: who did what to which target, from where. */
export interface AuditEntry {
  /** Staff id, API token id, `customer:<visitor>`, `cli:<user>` or `system`. */
  actor?: string;
  /** Dotted verb, e.g. `auth.login`, `token.created`, `staff.role_changed`, `kb.changed`, `gdpr.deleted`. */
  action: string;
  target?: string;
  ip?: string;
  data?: Record<string, unknown>;
}

/** A stored entry with its id and time. */
export interface AuditRecord extends AuditEntry {
  id: number;
  createdAt: string;
}

/** Filters for listing; `before` pages backwards by id; an `action` ending in `*` matches by prefix. */
export interface AuditQuery {
  limit?: number;
  before?: number;
  action?: string;
  actor?: string;
  target?: string;
}

const toRecord = (r: Record<string, unknown>): AuditRecord => ({
  id: Number(r.id),
  actor: (r.actor as string | null) ?? undefined,
  action: r.action as string,
  target: (r.target as string | null) ?? undefined,
  ip: (r.ip as string | null) ?? undefined,
  data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) ?? undefined,
  createdAt: new Date(r.created_at as string).toISOString(),
});

/** SQL for `audit_log`, append-only (migration 004's rules discard UPDATE and DELETE). */
export class AuditStore {
  constructor(private readonly db: Queryable) {}

  /** Append an entry as given. */
  async append(e: AuditEntry): Promise<void> {
    await this.db.query('INSERT INTO audit_log (actor, action, target, ip, data) VALUES ($1, $2, $3, $4, $5)', [
      e.actor ?? null,
      e.action,
      e.target ?? null,
      e.ip ?? null,
      e.data ? JSON.stringify(e.data) : null,
    ]);
  }

  /** Entries matching every filter given, newest first; `limit` is held between 1 and 1000 (default 100). */
  async list(q: AuditQuery = {}): Promise<AuditRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (q.before) add('id < ?', q.before);
    if (q.action) add('action LIKE ?', q.action.endsWith('*') ? `${q.action.slice(0, -1)}%` : q.action);
    if (q.actor) add('actor = ?', q.actor);
    if (q.target) add('target = ?', q.target);
    params.push(Math.min(Math.max(q.limit ?? 100, 1), 1000));
    const rows = await this.db.query(
      `SELECT * FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  }
}
