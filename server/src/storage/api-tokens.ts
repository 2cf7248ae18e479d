import type { Queryable } from './db.js';
import type { StaffRole } from './staff.js';

/** An API token as listed to admins (the secret itself is shown once, at creation). */
export interface ApiTokenRecord {
  id: string;
  name: string;
  role: StaffRole;
  createdBy?: string;
  expiresAt?: string;
  revokedAt?: string;
  createdAt: string;
}

const iso = (v: unknown) => (v == null ? undefined : new Date(v as string).toISOString());
const toRecord = (r: Record<string, unknown>): ApiTokenRecord => ({
  id: r.id as string,
  name: r.name as string,
  role: r.role as StaffRole,
  createdBy: (r.created_by as string | null) ?? undefined,
  expiresAt: iso(r.expires_at),
  revokedAt: iso(r.revoked_at),
  createdAt: iso(r.created_at)!,
});

/** SQL for `api_tokens`: one row per API key, for listing and revocation (the key itself is a signed JWT). */
export class ApiTokenStore {
  constructor(private readonly db: Queryable) {}

  /** Record a new key. */
  async create(input: {
    id: string;
    name: string;
    role: StaffRole;
    createdBy?: string;
    expiresAt?: Date;
  }): Promise<ApiTokenRecord> {
    const rows = await this.db.query(
      'INSERT INTO api_tokens (id, name, role, created_by, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [input.id, input.name, input.role, input.createdBy ?? null, input.expiresAt?.toISOString() ?? null],
    );
    return toRecord(rows[0]);
  }

  /** One key by id, revoked and expired ones too. */
  async byId(id: string): Promise<ApiTokenRecord | undefined> {
    const rows = await this.db.query('SELECT * FROM api_tokens WHERE id = $1', [id]);
    return rows[0] ? toRecord(rows[0]) : undefined;
  }

  /** Revoke a key now; false for an unknown or already revoked id (the first revocation time stays). */
  async revoke(id: string): Promise<boolean> {
    const rows = await this.db.query(
      'UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
      [id],
    );
    return rows.length > 0;
  }

  /** Every key, newest first. */
  async list(): Promise<ApiTokenRecord[]> {
    return (await this.db.query('SELECT * FROM api_tokens ORDER BY created_at DESC, id')).map(toRecord);
  }
}
