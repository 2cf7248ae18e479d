import type { Database } from '../storage/db.js';
import type { StaffStore } from '../storage/staff.js';
import { AppError } from '../util/errors.js';
import { activeApiTokenRole } from './api-tokens.js';
import type { StaffPrincipal, StaffTokens } from './staff-tokens.js';

/** What staff authentication needs; http/ and realtime/ adapt it to requests and sockets. */
export interface StaffAuthDeps {
  tokens: StaffTokens;
  staff: StaffStore;
  db: Database;
  /** Console session lifetime, e.g. `12h`. */
  sessionTtl?: string;
}

/** Verify a bearer token and that its account or API key is still valid; throws AppError otherwise. */
export async function authenticateStaff(deps: StaffAuthDeps, token: string | undefined): Promise<StaffPrincipal> {
  if (!token) throw new AppError('unauthorized', 'A staff bearer token is required.');
  const p = await deps.tokens.verify(token);
  if (p.kind === 'session') {
    const account = await deps.staff.byId(p.id);
    if (!account || account.disabled)
      throw new AppError('unauthorized', 'This account no longer exists or is disabled.');
    return { ...p, role: account.role, name: account.name };
  }
  // The key's row, not the signed claim, says what it may do.
  return { ...p, role: await activeApiTokenRole(deps.db, p.id) };
}

/** The token of an `Authorization: Bearer …` header value, if any. */
export function bearerToken(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}
