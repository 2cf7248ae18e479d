import { jwtVerify, SignJWT } from 'jose';
import { newId } from '../util/ids.js';

const ISSUER = 'switchboard';
const AUDIENCE = 'visitor';

/** Signs and verifies anonymous visitor tokens (HS256 JWT, `sub` = visitor id). */
export class VisitorTokens {
  private readonly key: Uint8Array;
  /** `ttl` like `365d` bounds how long a leaked token stays useful; the visitor then starts a new conversation. */
  constructor(
    secret: string,
    private readonly ttl?: string,
  ) {
    this.key = new TextEncoder().encode(`visitor:${secret}`);
  }

  /** Issue a token for a new (or given) visitor id; `ttl` overrides the default lifetime. */
  async issue(visitorId = newId('v'), ttl = this.ttl): Promise<{ visitorId: string; token: string }> {
    const jwt = new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(visitorId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt();
    if (ttl) jwt.setExpirationTime(ttl);
    return { visitorId, token: await jwt.sign(this.key) };
  }

  /** The visitor id of a valid token, or undefined for anything forged, malformed or signed with another secret. */
  async verify(token: unknown): Promise<string | undefined> {
    if (typeof token !== 'string' || token.length > 2048) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        issuer: ISSUER,
        audience: AUDIENCE,
        algorithms: ['HS256'],
      });
      return typeof payload.sub === 'string' ? payload.sub : undefined;
    } catch {
      return undefined;
    }
  }
}
