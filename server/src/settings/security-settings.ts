import { z } from 'zod';
import { booleanInput, duration, SECRET_NO_FLAG, setting, trustProxyInput } from './define.js';

/** Secrets, origins, identities, sessions, proxies and the metrics endpoint. */
export const SECURITY_SETTINGS = {
  secret: setting({
    type: z.string().min(16).optional(),
    doc: 'signs visitor and staff tokens; must be the same on every node; required in production',
    env: 'SWITCHBOARD_SECRET',
    flag: SECRET_NO_FLAG,
    shownDefault: 'generated into `dataDir/secret`',
  }),
  allowedOrigins: setting({
    type: z.array(z.string()).default([]),
    doc: 'origins allowed to use the widget socket and the REST API, e.g. `https://shop.example.com,https://*.example.com`',
    help: 'comma-separated origins allowed to embed the widget, wildcards like https://*.example.com',
    env: 'SWITCHBOARD_ALLOWED_ORIGINS',
    flag: '--allowed-origins <list>',
    shownDefault: 'any (development)',
  }),
  trustProxy: setting({
    type: z
      .preprocess(
        trustProxyInput,
        z.union([z.boolean(), z.number().int().min(0).max(20), z.array(z.string().min(1)).min(1)]),
      )
      .default(false),
    doc: 'the reverse proxies in front of the server: a hop count (`--trust-proxy` alone = `1`) or their addresses/CIDRs (`10.0.0.0/8,loopback`; also `private`, `linklocal`). The client IP is the right-most `X-Forwarded-For` hop that is not a trusted proxy; the host comes from `X-Forwarded-Host`. Only behind your own proxy',
    help: 'reverse proxies in front: a hop count (alone = 1) or their addresses/CIDRs; the client IP is the right-most untrusted X-Forwarded-For hop',
    env: 'SWITCHBOARD_TRUST_PROXY',
    flag: '--trust-proxy [hops|list]',
  }),
  adminToken: setting({
    type: z.string().min(8).optional(),
    doc: 'a static admin bearer token for automation (prefer API tokens, `docs/security.md`)',
    env: 'SWITCHBOARD_ADMIN_TOKEN',
    flag: SECRET_NO_FLAG,
  }),
  sessionTtl: setting({
    type: duration().default('12h'),
    doc: 'console session lifetime (`30m`, `12h`, `7d`)',
    env: 'SWITCHBOARD_SESSION_TTL',
    flag: '--session-ttl <duration>',
  }),
  visitorTokenTtl: setting({
    type: duration().default('365d'),
    doc: 'lifetime of anonymous visitor tokens; a visitor with an expired token starts a new conversation',
    env: 'SWITCHBOARD_VISITOR_TOKEN_TTL',
    flag: '--visitor-token-ttl <duration>',
  }),
  identitySecret: setting({
    type: z.string().min(16).optional(),
    doc: 'HS256 secret your backend signs user JWTs with (`identify({ token })`, `docs/security.md`; ≥ 16 characters)',
    env: 'SWITCHBOARD_IDENTITY_SECRET',
    flag: { none: `${SECRET_NO_FLAG.none}; use --identity-secret-file` },
  }),
  identitySecretFile: setting({
    type: z.string().optional(),
    doc: 'a file holding `identitySecret` (trimmed; not both)',
    help: 'file holding the HS256 secret your backend signs user JWTs with, for identify({ token })',
    env: 'SWITCHBOARD_IDENTITY_SECRET_FILE',
    flag: '--identity-secret-file <path>',
  }),
  identityJwksUrl: setting({
    type: z.string().url().optional(),
    doc: "JWKS URL of your backend's public keys, for RS256/ES256/EdDSA user JWTs",
    env: 'SWITCHBOARD_IDENTITY_JWKS_URL',
    flag: '--identity-jwks-url <url>',
  }),
  identityIssuer: setting({
    type: z.string().optional(),
    doc: 'required `iss` claim of user JWTs',
    env: 'SWITCHBOARD_IDENTITY_ISSUER',
    flag: '--identity-issuer <iss>',
  }),
  identityAudience: setting({
    type: z.string().optional(),
    doc: 'required `aud` claim of user JWTs; when unset, a token without `aud` or with `aud` `switchboard` passes and any other `aud` (a token minted for another service) is refused',
    env: 'SWITCHBOARD_IDENTITY_AUDIENCE',
    flag: '--identity-audience <aud>',
  }),
  identityRequired: setting({
    type: z.boolean().default(false),
    doc: 'refuse `identify` without a signed token (`identity_required`)',
    env: 'SWITCHBOARD_IDENTITY_REQUIRED',
    flag: '--identity-required',
  }),
  metricsToken: setting({
    type: z.string().min(8).optional(),
    doc: 'bearer token required by `GET /metrics`; open when absent, which production refuses unless `metricsPublic`',
    env: 'SWITCHBOARD_METRICS_TOKEN',
    flag: SECRET_NO_FLAG,
  }),
  metricsPublic: setting({
    type: z.preprocess(booleanInput, z.boolean()).default(false),
    doc: 'allow an open `/metrics` in production (when a firewall or network policy guards it)',
    env: 'SWITCHBOARD_METRICS_PUBLIC',
    flag: '--metrics-public',
  }),
};
