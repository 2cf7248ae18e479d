import type { Queryable } from '../storage/db.js';
import { AppError } from '../util/errors.js';
import { newId } from '../util/ids.js';
import type { StaffRole, StaffTokens } from './staff-tokens.js';

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

const DURATION = /^(\d{1,5})\s*(s|m|h|d|w|y)$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_557_600 };

/** Parse `90d`, `12h`, `1y` into seconds; throws `invalid_payload` otherwise. @example durationSeconds('90d') // 7776000 */
export function durationSeconds(spec: string): number {
  const m = DURATION.exec(spec.trim());
  if (!m || Number(m[1]) === 0)
    throw new AppError('invalid_payload', `"${spec}" is not a duration like 90d, 12h or 1y.`, { field: 'expiresIn' });
  return Number(m[1]) * UNIT_SECONDS[m[2]];
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

/** The role of an API key that is neither revoked nor expired; throws `unauthorized` / `token_expired` otherwise. */
export async function activeApiTokenRole(db: Queryable, id: string): Promise<StaffRole> {
  const rows = await db.query<{ revoked_at: unknown; expires_at: unknown; role: StaffRole }>(
    'SELECT revoked_at, expires_at, role FROM api_tokens WHERE id = $1',
    [id],
  );
  if (!rows[0] || rows[0].revoked_at) throw new AppError('unauthorized', 'This API token was revoked.');
  if (rows[0].expires_at && new Date(rows[0].expires_at as string).getTime() <= Date.now())
    throw new AppError('token_expired');
  return rows[0].role;
}

/** API keys: a row in `api_tokens` (for listing and revocation) plus a signed staff JWT of kind `api`. */
export class ApiTokens {
  constructor(
    private readonly db: Queryable,
    private readonly tokens: StaffTokens,
  ) {}

  /** Create a key; `expiresIn` like `90d` (omitted = never expires). Returns the bearer token once. */
  async create(input: {
    name: string;
    role: StaffRole;
    expiresIn?: string;
    createdBy?: string;
  }): Promise<{ token: string; record: ApiTokenRecord }> {
    const seconds = input.expiresIn ? durationSeconds(input.expiresIn) : undefined;
    const id = newId('t');
    const expiresAt = seconds ? new Date(Date.now() + seconds * 1000) : undefined;
    const rows = await this.db.query(
      'INSERT INTO api_tokens (id, name, role, created_by, expires_at) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [id, input.name, input.role, input.createdBy ?? null, expiresAt?.toISOString() ?? null],
    );
    const token = await this.tokens.sign(
      { id, name: input.name, role: input.role, kind: 'api' },
      seconds ? `${seconds}s` : undefined,
    );
    return { token, record: toRecord(rows[0]) };
  }

  /** Revoke a key at once (checked on every request). Returns false for an unknown or already revoked id. */
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
