import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { IdentityVerifier } from '../security/identity.js';
import { authenticateStaff, bearerToken, type StaffAuthDeps } from '../security/staff-auth.js';
import type { VisitorTokens } from '../security/visitor-token.js';
import { AppError } from '../util/errors.js';
import { downloadHeaders } from './policy.js';
import type { AttachmentService, Uploader } from './service.js';

export interface AttachmentRouteDeps {
  attachments: AttachmentService;
  visitors: VisitorTokens;
  auth: StaffAuthDeps;
  identity?: IdentityVerifier;
  maxBytes: number;
}

/** The upload path, exempt from the general `/api` body limit (it has its own, `attachmentMaxBytes`). */
export const UPLOAD_PATH = /^\/api\/conversations\/[^/]+\/attachments$/;

/** Query of `POST /api/conversations/:id/attachments` (the body is the file's bytes). */
export const uploadQuery = z.object({
  name: z.string().max(1000).optional(),
  clientId: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_.:-]+$/),
});

/**
 * A visitor token (the conversation's customer, with the host site's signed identity token in `x-switchboard-identity`
 * when the conversation belongs to a verified user) or a staff token; neither → `unauthorized`.
 */
async function whoIs(c: Context, d: AttachmentRouteDeps): Promise<Uploader> {
  const token = bearerToken(c.req.header('authorization')) ?? c.req.header('x-switchboard-visitor');
  const visitorId = token ? await d.visitors.verify(token) : undefined;
  if (visitorId) {
    const identity = c.req.header('x-switchboard-identity');
    if (!identity || !d.identity) return { visitorId };
    if (identity.length > 8192) throw new AppError('token_invalid', 'The identity token is malformed.');
    return { visitorId, userId: (await d.identity.verify(identity)).id };
  }
  return { staff: await authenticateStaff(d.auth, token) };
}

/**
 * `POST /conversations/:id/attachments?name=&clientId=` (raw file bytes as the body; one message per file) and
 * `GET /attachments/:id` (the file, with headers that keep it from ever running as a page).
 */
export function attachmentRoutes(d: AttachmentRouteDeps): Hono {
  const app = new Hono();
  app.post(
    '/conversations/:id/attachments',
    bodyLimit({
      maxSize: d.maxBytes,
      onError: () => {
        throw new AppError('attachment_too_large', `The file is larger than ${d.maxBytes} bytes.`);
      },
    }),
    async (c) => {
      const who = await whoIs(c, d);
      const q = uploadQuery.safeParse({ name: c.req.query('name'), clientId: c.req.query('clientId') });
      if (!q.success)
        throw new AppError('invalid_payload', `${q.error.issues[0].path.join('.')}: ${q.error.issues[0].message}`, {
          field: String(q.error.issues[0].path[0]),
        });
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const out = await d.attachments.upload(who, c.req.param('id'), {
        bytes,
        name: q.data.name,
        clientId: q.data.clientId,
      });
      return c.json(
        { message: out.message, attachment: out.attachment, duplicate: out.duplicate },
        out.duplicate ? 200 : 201,
      );
    },
  );
  app.get('/attachments/:id', async (c) => {
    const file = await d.attachments.download(await whoIs(c, d), c.req.param('id'));
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, downloadHeaders(file));
  });
  return app;
}
