import { AuditStore, type AuditEntry, type AuditQuery, type AuditRecord } from '../storage/audit.js';
import type { Queryable } from '../storage/db.js';
import type { Logger } from '../util/logger.js';

export type { AuditEntry, AuditQuery, AuditRecord } from '../storage/audit.js';

/** The append-only audit log (`audit_log` table; its rules discard UPDATE and DELETE). */
export class AuditLog {
  private readonly store: AuditStore;

  constructor(
    db: Queryable,
    private readonly logger?: Logger,
  ) {
    this.store = new AuditStore(db);
  }

  /** Append an entry. Never throws: a failed audit write is logged, not turned into a failed request. */
  async record(e: AuditEntry): Promise<void> {
    try {
      // Clipped: a caller-supplied actor, target or address must not make the entry fail (or the log huge).
      await this.store.append({
        ...e,
        actor: e.actor?.slice(0, 200),
        target: e.target?.slice(0, 500),
        ip: e.ip?.slice(0, 100),
      });
    } catch (err) {
      this.logger?.error({ err, action: e.action }, 'audit log write failed');
    }
  }

  /** Newest first. */
  list(q: AuditQuery = {}): Promise<AuditRecord[]> {
    return this.store.list(q);
  }
}
