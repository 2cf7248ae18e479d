import type { Database } from '../storage/db.js';
import { SubjectDataStore, type SubjectRows } from '../storage/privacy.js';
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

/** Describe a subject for logs and the audit trail. */
export function subjectLabel(s: DataSubject): string {
  return 'visitorId' in s ? `visitor:${s.visitorId}` : `user:${s.userId}`;
}

/** GDPR export and erasure (the SQL in storage/privacy.ts; tables added later are found by their columns). */
export class PrivacyService {
  private readonly store: SubjectDataStore;

  constructor(db: Database) {
    this.store = new SubjectDataStore(db);
  }

  /** The subject's conversations and every row that refers to them. */
  async export(subject: DataSubject): Promise<SubjectExport> {
    const { conversations, related } = await this.store.export(rowsOf(subject));
    return { subject, exportedAt: new Date().toISOString(), conversations, related };
  }

  /** Erase the subject's conversations, messages and every referring row, in one transaction. */
  async erase(subject: DataSubject): Promise<ErasureReport> {
    const report = { subject, ...(await this.store.erase(rowsOf(subject))) };
    const touched = Object.keys(report.deleted).filter((t) => report.deleted[t] > 0);
    return { ...report, scrubbed: await this.store.scrub(touched) };
  }
}

/** Which rows are the subject's: a visitor asking for itself gets only what its own token may open. */
function rowsOf(s: DataSubject): SubjectRows {
  if ('visitorId' in s) {
    if (!s.visitorId) throw new AppError('invalid_payload', 'A visitor id is required.');
    const keep = (r: Record<string, unknown>) =>
      owns({ visitorId: r.visitor_id as string, userId: r.user_id as string | null }, { visitorId: s.visitorId });
    return { visitorId: s.visitorId, ...(s.asOwner ? { keep } : {}) };
  }
  if (!s.userId) throw new AppError('invalid_payload', 'A user id is required.');
  // Unverified claims of the same id are the same person's data too.
  return { userIds: [s.userId, UNVERIFIED_PREFIX + s.userId] };
}
