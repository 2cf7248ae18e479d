// Which stable error codes a REST route can answer with, derived from what the route is (who may call it, whether it
// validates input, whether its path names a resource) plus the codes only it raises. Rendered into the OpenAPI
// description's responses, and from there into docs/api.md.
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from 'switchboard-chat/protocol';
import { statusFor } from '../util/errors.js';

/** Who may call a route. */
export type Access = 'public' | 'visitor' | 'agent' | 'admin';

/** What the error list of a route is derived from. */
export interface ErrorSource {
  path: string;
  access: Access;
  /** The route validates a body or query (or takes a file). */
  validates: boolean;
  /** Codes only this route raises. */
  errors?: ErrorCode[];
}

/** How each kind of caller authenticates, shown with every route. */
export const ACCESS: Record<Access, string> = {
  public: 'Anyone.',
  visitor: 'The visitor with their own visitor token (Authorization: Bearer <visitor token>), or an admin.',
  agent: 'Staff: a console session or an API token (Authorization: Bearer …).',
  admin: 'Admins only: an admin session, an admin API token or SWITCHBOARD_ADMIN_TOKEN; agents get 403 forbidden.',
};

const BY_ACCESS: Record<Access, ErrorCode[]> = {
  public: [],
  visitor: ['unauthorized', 'forbidden'],
  agent: ['unauthorized'],
  admin: ['unauthorized', 'forbidden'],
};

/** The error body every route answers with. */
export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe('stable code from the error catalogue'),
    message: z.string(),
    field: z.string().optional().describe('where in the request the problem is'),
    retryAfter: z.number().optional().describe('seconds until a retry (rate_limited)'),
  }),
});

/** The codes a route can answer with (besides `internal`), in catalogue order. */
export function errorCodesOf(r: ErrorSource): ErrorCode[] {
  const codes = new Set<ErrorCode>(['rate_limited', ...BY_ACCESS[r.access], ...(r.errors ?? [])]);
  if (r.validates) codes.add('invalid_payload').add('payload_too_large');
  if (/:\w+/.test(r.path)) codes.add('not_found');
  return (Object.keys(ERROR_CODES) as ErrorCode[]).filter((c) => codes.has(c));
}

/** OpenAPI responses for a route's errors: one per HTTP status, naming its codes. */
export function errorResponses(r: ErrorSource): Record<string, { description: string; content: object }> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...errorCodesOf(r), 'internal' as const])
    byStatus.set(statusFor(code), [...(byStatus.get(statusFor(code)) ?? []), code]);
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        description: codes.map((c) => `\`${c}\`: ${ERROR_CODES[c]}`).join(' · '),
        content: { 'application/json': { schema: errorSchema } },
      },
    ]),
  );
}
