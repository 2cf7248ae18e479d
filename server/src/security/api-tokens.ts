import { ApiTokenStore, type ApiTokenRecord } from '../storage/api-tokens.js';
import type { Queryable } from '../storage/db.js';
import { AppError } from '../util/errors.js';
import { newId } from '../util/ids.js';
import type { StaffRole, StaffTokens } from './staff-tokens.js';

export type { ApiTokenRecord } from '../storage/api-tokens.js';

const DURATION = /^(\d{1,5})\s*(s|m|h|d|w|y)$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_557_600 };

/** Parse `90d`, `12h`, `1y` into seconds; throws `invalid_payload` otherwise. @example durationSeconds('90d') // 7776000 */
export function durationSeconds(spec: string): number {
  const m = DURATION.exec(spec.trim());
  if (!m || Number(m[1]) === 0)
    throw new AppError('invalid_payload', `"${spec}" is not a duration like 90d, 12h or 1y.`, { field: 'expiresIn' });
  return Number(m[1]) * UNIT_SECONDS[m[2]];
}

/** The role of an API key that is neither revoked nor expired; throws `unauthorized` / `token_expired` otherwise. */
export async function activeApiTokenRole(db: Queryable, id: string): Promise<StaffRole> {
  const row = await new ApiTokenStore(db).byId(id);
  if (!row || row.revokedAt) throw new AppError('unauthorized', 'This API token was revoked.');
  if (row.expiresAt && new Date(row.expiresAt).getTime() <= Date.now()) throw new AppError('token_expired');
  return row.role;
}

/** API keys: a row in `api_tokens` (for listing and revocation) plus a signed staff JWT of kind `api`. */
export class ApiTokens {
  private readonly store: ApiTokenStore;

  constructor(
    db: Queryable,
    private readonly tokens: StaffTokens,
  ) {
    this.store = new ApiTokenStore(db);
  }

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
    const record = await this.store.create({
      id,
      name: input.name,
      role: input.role,
      createdBy: input.createdBy,
      expiresAt,
    });
    const token = await this.tokens.sign(
      { id, name: input.name, role: input.role, kind: 'api' },
      seconds ? `${seconds}s` : undefined,
    );
    return { token, record };
  }

  /** Revoke a key at once (checked on every request). Returns false for an unknown or already revoked id. */
  revoke(id: string): Promise<boolean> {
    return this.store.revoke(id);
  }

  /** Every key, newest first. */
  list(): Promise<ApiTokenRecord[]> {
    return this.store.list();
  }
}
