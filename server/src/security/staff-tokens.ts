import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { StaffRole } from '../storage/staff.js';
import { AppError } from '../util/errors.js';

export type { StaffRole };

/** Who is calling, as proven by a staff session JWT or an API token. */
export interface StaffPrincipal {
  /** Staff id (`s_…`) or API token id (`t_…`). */
  id: string;
  name: string;
  role: StaffRole;
  kind: 'session' | 'api';
}

const ISSUER = 'switchboard';
const AUDIENCE = 'staff';

/** Signs and verifies staff bearer tokens (HS256 JWT): console sessions and API keys. */
export class StaffTokens {
  private readonly key: Uint8Array;
  constructor(secret: string) {
    this.key = new TextEncoder().encode(`staff:${secret}`);
  }

  /** Sign a token for a principal; `expiresIn` like `12h` or `90d`, omitted = no expiry (API keys only). */
  async sign(p: StaffPrincipal, expiresIn?: string): Promise<string> {
    const jwt = new SignJWT({ name: p.name, role: p.role, kind: p.kind })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(p.id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt();
    if (expiresIn) jwt.setExpirationTime(expiresIn);
    return jwt.sign(this.key);
  }

  /** Verify a bearer token; throws `token_expired` or `token_invalid` (alg none and foreign keys included). */
  async verify(token: string): Promise<StaffPrincipal> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      const role = payload.role;
      if ((role !== 'agent' && role !== 'admin') || typeof payload.sub !== 'string')
        throw new AppError('token_invalid');
      return {
        id: payload.sub,
        name: String(payload.name ?? ''),
        role,
        kind: payload.kind === 'api' ? 'api' : 'session',
      };
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw new AppError('token_expired');
      throw new AppError('token_invalid');
    }
  }
}
