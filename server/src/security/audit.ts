import type { Queryable } from '../storage/db.js';
import type { Logger } from '../util/logger.js';

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

/** Filters for listing; `before` pages backwards by id. */
export interface AuditQuery {
  limit?: number;
  before?: number;
  action?: string;
  actor?: string;
  target?: string;
}

/** The append-only audit log (`audit_log` table; a trigger refuses UPDATE and DELETE). */
export class AuditLog {
  constructor(
    private readonly db: Queryable,
    private readonly logger?: Logger,
  ) {}

  /** Append an entry. Never throws: a failed audit write is logged, not turned into a failed request. */
  async record(e: AuditEntry): Promise<void> {
    try {
      await this.db.query('INSERT INTO audit_log (actor, action, target, ip, data) VALUES ($1, $2, $3, $4, $5)', [
        e.actor?.slice(0, 200) ?? null,
        e.action,
        e.target?.slice(0, 500) ?? null,
        e.ip?.slice(0, 100) ?? null,
        e.data ? JSON.stringify(e.data) : null,
      ]);
    } catch (err) {
      this.logger?.error({ err, action: e.action }, 'audit log write failed');
    }
  }

  /** Newest first. */
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
    return rows.map((r) => ({
      id: Number(r.id),
      actor: (r.actor as string | null) ?? undefined,
      action: r.action as string,
      target: (r.target as string | null) ?? undefined,
      ip: (r.ip as string | null) ?? undefined,
      data: (typeof r.data === 'string' ? JSON.parse(r.data) : r.data) ?? undefined,
      createdAt: new Date(r.created_at as string).toISOString(),
    }));
  }
}
