import { normalizeText } from 'switchboard-chat/protocol';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { DEFAULT_ATTRIBUTE_LIMITS, parseSignedAttributes, type Attributes } from 'switchboard-chat/protocol';
import { AppError } from '../util/errors.js';

/** A logged-in user of the host site, as vouched for by the host's backend. */
export interface VerifiedUser {
  id: string;
  name?: string;
  email?: string;
  /** Custom attributes from the token's `attributes` claim (absent when the token has none). */
  attributes?: Attributes;
}

/** How host-signed user JWTs are checked. */
export interface IdentitySettings {
  /** Shared secret for HS256/384/512 tokens. */
  identitySecret?: string;
  /** JWKS URL for asymmetric tokens (RS*, PS*, ES*, EdDSA). */
  identityJwksUrl?: string;
  /** Expected `iss` claim, when set. */
  identityIssuer?: string;
  /** Expected `aud` claim, when set. */
  identityAudience?: string;
  /** Limits on the `attributes` claim (defaults 50 keys, 500 characters). */
  maxAttributes?: number;
  maxAttributeLength?: number;
}

/** Unverified ids are stored with this prefix so they can never collide with, or be linked to, a verified user. */
export const UNVERIFIED_PREFIX = 'unverified:';
/** The `aud` accepted when `identityAudience` is not set (besides none at all). */
export const DEFAULT_IDENTITY_AUDIENCE = 'switchboard';

const HMAC_ALGS = ['HS256', 'HS384', 'HS512'];
const ASYMMETRIC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

// Claims are the host site's data about a customer: normalised like every customer string before storage or display.
const text = (v: unknown, max: number) =>
  typeof v === 'string' && normalizeText(v) ? normalizeText(v).slice(0, max) : undefined;

/** Verifies user JWTs signed by the host site (HS256 shared secret or a JWKS URL); `alg: none` is never accepted. */
export class IdentityVerifier {
  private readonly hmacKey?: Uint8Array;
  private readonly jwks?: JWTVerifyGetKey;
  constructor(private readonly s: IdentitySettings) {
    if (s.identitySecret) this.hmacKey = new TextEncoder().encode(s.identitySecret);
    if (s.identityJwksUrl)
      this.jwks = createRemoteJWKSet(new URL(s.identityJwksUrl), { timeoutDuration: 5000, cooldownDuration: 30_000 });
  }

  /** True when a secret or JWKS URL is configured. */
  get configured(): boolean {
    return !!(this.hmacKey || this.jwks);
  }

  /** Check a token's signature, expiry and claims; throws `token_expired` or `token_invalid`. */
  async verify(token: string): Promise<VerifiedUser> {
    if (!this.configured)
      throw new AppError(
        'token_invalid',
        'This server has no identity secret or JWKS URL configured (SWITCHBOARD_IDENTITY_SECRET, --identity-secret-file or --identity-jwks-url).',
      );
    const options = {
      issuer: this.s.identityIssuer,
      audience: this.s.identityAudience,
      requiredClaims: ['exp', 'sub'],
      clockTolerance: 30,
    };
    let payload: Record<string, unknown>;
    try {
      const alg = headerAlg(token);
      const useHmac = alg !== undefined && HMAC_ALGS.includes(alg);
      if (useHmac && this.hmacKey)
        ({ payload } = await jwtVerify(token, this.hmacKey, { ...options, algorithms: HMAC_ALGS }));
      else if (!useHmac && this.jwks)
        ({ payload } = await jwtVerify(token, this.jwks, { ...options, algorithms: ASYMMETRIC_ALGS }));
      else throw new AppError('token_invalid', `The identity token's algorithm (${alg ?? 'unknown'}) is not accepted.`);
    } catch (err) {
      if (err instanceof AppError) throw err;
      if (err instanceof joseErrors.JWTExpired)
        throw new AppError('token_expired', 'The identity token has expired; ask the host site for a fresh one.');
      throw new AppError(
        'token_invalid',
        `The identity token is invalid (${(err as { code?: string }).code ?? 'malformed'}).`,
      );
    }
    // No audience configured: a token without `aud` passes, but one minted for another service (any other `aud`) does not.
    if (!this.s.identityAudience && payload.aud !== undefined) {
      const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
      if (!audiences.includes(DEFAULT_IDENTITY_AUDIENCE))
        throw new AppError(
          'token_invalid',
          `The identity token is for another audience; without identityAudience only "${DEFAULT_IDENTITY_AUDIENCE}" (or none) is accepted.`,
        );
    }
    const id = text(payload.sub, 200);
    if (!id || id.startsWith(UNVERIFIED_PREFIX))
      throw new AppError('token_invalid', 'The identity token has no usable `sub`.');
    const user: VerifiedUser = { id, name: text(payload.name, 200), email: text(payload.email, 320) };
    if (payload.attributes !== undefined) user.attributes = this.attributes(payload.attributes);
    return user;
  }

  private attributes(claim: unknown): Attributes {
    const limits = {
      maxAttributes: this.s.maxAttributes ?? DEFAULT_ATTRIBUTE_LIMITS.maxAttributes,
      maxAttributeLength: this.s.maxAttributeLength ?? DEFAULT_ATTRIBUTE_LIMITS.maxAttributeLength,
    };
    const parsed = parseSignedAttributes(claim, limits);
    if (!parsed.ok)
      throw new AppError(
        'token_invalid',
        `The identity token's attributes claim is invalid (${parsed.error.message}).`,
      );
    return parsed.value;
  }
}

function headerAlg(token: string): string | undefined {
  try {
    const header = JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as {
      alg?: unknown;
    };
    return typeof header.alg === 'string' ? header.alg : undefined;
  } catch {
    return undefined;
  }
}
