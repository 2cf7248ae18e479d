// The OpenAPI 3.1 description of the REST API, generated from the zod schemas the routes validate with, so the
// description and the validation cannot drift apart. `openapi.test.ts` checks that every `/api/*` route is in it.
import {
  extendZodWithOpenApi,
  OpenApiGeneratorV31,
  OpenAPIRegistry,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { z, type ZodTypeAny } from 'zod';
import { analyticsQuery } from '../analytics/routes.js';
import { uploadQuery } from '../attachments/routes.js';
import { transcriptBody } from '../email/routes.js';
import { toLabelQuerySchema } from '../handoff/to-label.js';
import type { ErrorCode } from 'switchboard-chat/protocol';
import { agentDetailSchema, trainingStatusSchema } from '../router/live-settings.js';
import { agentPatchSchema } from '../router/overrides.js';
import { ACCESS, errorResponses, type Access } from './openapi-errors.js';
import { auditQuery, historyQuery, searchQuery } from './openapi-queries.js';
import { passwordBody, staffBody, staffPatch, tokenBody } from './admin.js';
import { loginBody } from './auth.js';
import { chatBody } from './chat.js';
import { cannedBody, consoleSearchQuery } from './console.js';
import { document, documents, sourceBody, upload } from './kb.js';

// The generator reads parameter metadata through zod's prototype; loaded lazily, so only when the description is asked for.
extendZodWithOpenApi(z);

interface Route {
  method: RouteConfig['method'];
  /** Hono syntax (`:id`), as the route is registered. */
  path: string;
  summary: string;
  access: Access;
  body?: ZodTypeAny;
  query?: z.AnyZodObject;
  /** A non-JSON body (file bytes). */
  raw?: string;
  /** The success answer's shape, where a schema describes it. */
  response?: ZodTypeAny;
  /** Error codes only this route raises (the usual ones are derived: openapi-errors.ts). */
  errors?: ErrorCode[];
}

/** What the agent routes answer: the agent and this node's router training. */
const agentAnswer = z.object({ agent: agentDetailSchema, training: trainingStatusSchema });

/** Every REST route under `/api`, with who may call it and the schemas it validates. */
export const API_ROUTES: Route[] = [
  {
    method: 'post',
    path: '/api/chat',
    summary: 'Send a customer message and get the reply (REST parity with the socket)',
    access: 'public',
    body: chatBody,
    errors: ['text_empty', 'text_too_long', 'forbidden', 'origin_not_allowed', 'token_invalid', 'token_expired'],
  },
  {
    method: 'get',
    path: '/api/conversations/:id/messages',
    summary: "A conversation's messages (the visitor's own)",
    access: 'visitor',
    query: historyQuery,
  },
  {
    method: 'post',
    path: '/api/conversations/:id/attachments',
    summary: "Upload a file into a conversation (body: the file's bytes)",
    access: 'visitor',
    query: uploadQuery,
    raw: 'application/octet-stream',
    errors: ['attachment_too_large', 'attachment_type', 'attachment_not_allowed', 'conversation_closed'],
  },
  { method: 'get', path: '/api/attachments/:id', summary: 'Download an attachment', access: 'visitor' },
  {
    method: 'post',
    path: '/api/conversations/:id/transcript',
    summary: 'E-mail the conversation to the customer',
    access: 'visitor',
    body: transcriptBody,
  },
  {
    method: 'get',
    path: '/api/email/unsubscribe',
    summary: 'Unsubscribe an e-mail address (signed link)',
    access: 'public',
    query: z.object({ t: z.string() }),
  },
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Staff sign-in: e-mail and password → session token',
    access: 'public',
    body: loginBody,
    errors: ['unauthorized'],
  },
  { method: 'get', path: '/api/auth/me', summary: 'The signed-in staff member', access: 'agent' },
  { method: 'get', path: '/api/console/canned', summary: 'Canned replies', access: 'agent' },
  {
    method: 'get',
    path: '/api/console/search',
    summary: 'Search conversations and messages, with filters (custom attributes too)',
    access: 'agent',
    query: consoleSearchQuery,
    errors: ['invalid_attribute_filter'],
  },
  { method: 'post', path: '/api/console/canned', summary: 'Add a canned reply', access: 'admin', body: cannedBody },
  {
    method: 'put',
    path: '/api/console/canned/:id',
    summary: 'Change a canned reply',
    access: 'admin',
    body: cannedBody.partial(),
  },
  { method: 'delete', path: '/api/console/canned/:id', summary: 'Remove a canned reply', access: 'admin' },
  {
    method: 'get',
    path: '/api/console/to-label',
    summary: 'Routing decisions to review',
    access: 'agent',
    query: toLabelQuerySchema,
  },
  {
    method: 'get',
    path: '/api/console/corrections.jsonl',
    summary: 'Routing corrections as JSON Lines { text, agent }',
    access: 'admin',
  },
  {
    method: 'get',
    path: '/api/analytics',
    summary: 'The support report for a period (JSON or CSV)',
    access: 'admin',
    query: analyticsQuery,
    errors: ['invalid_attribute_filter'],
  },
  {
    method: 'get',
    path: '/api/admin/audit',
    summary: 'The audit log, newest first',
    access: 'admin',
    query: auditQuery,
  },
  { method: 'get', path: '/api/admin/tokens', summary: 'API tokens', access: 'admin' },
  {
    method: 'post',
    path: '/api/admin/tokens',
    summary: 'Create an API token (the secret is in this answer only)',
    access: 'admin',
    body: tokenBody,
  },
  { method: 'delete', path: '/api/admin/tokens/:id', summary: 'Revoke an API token', access: 'admin' },
  { method: 'get', path: '/api/admin/users', summary: 'Staff accounts', access: 'admin' },
  { method: 'post', path: '/api/admin/users', summary: 'Add a staff account', access: 'admin', body: staffBody },
  {
    method: 'patch',
    path: '/api/admin/users/:id',
    summary: 'Change a role, name, or disable/enable an account',
    access: 'admin',
    body: staffPatch,
  },
  {
    method: 'post',
    path: '/api/admin/users/:id/password',
    summary: "Reset a staff password (ends the account's sessions)",
    access: 'admin',
    body: passwordBody,
  },
  {
    method: 'get',
    path: '/api/admin/agents',
    summary: 'Agents, topics and thresholds (with console edits), and whether the router is retraining',
    access: 'admin',
  },
  {
    method: 'get',
    path: '/api/admin/agents/:name',
    summary: "One agent's settings and example texts per topic, with the console's edits",
    access: 'admin',
    response: agentAnswer,
  },
  {
    method: 'patch',
    path: '/api/admin/agents/:name',
    summary: "Change an agent's threshold, description, enabled state or topic examples live (the router retrains)",
    access: 'admin',
    body: agentPatchSchema,
    response: agentAnswer,
  },
  {
    method: 'delete',
    path: '/api/admin/agents/:name/edits',
    summary: "Forget an agent's console edits (back to the agents file; the router retrains)",
    access: 'admin',
    response: agentAnswer,
  },
  { method: 'get', path: '/api/kb/documents', summary: 'Knowledge-base documents and their sources', access: 'admin' },
  {
    method: 'post',
    path: '/api/kb/documents',
    summary: 'Add or replace documents',
    access: 'admin',
    body: z.union([document, documents]),
  },
  { method: 'get', path: '/api/kb/documents/:id', summary: 'One document and its chunks', access: 'admin' },
  {
    method: 'put',
    path: '/api/kb/documents/:id',
    summary: 'Replace one document',
    access: 'admin',
    body: document.omit({ id: true }),
  },
  { method: 'delete', path: '/api/kb/documents/:id', summary: 'Remove one document', access: 'admin' },
  {
    method: 'post',
    path: '/api/kb/files',
    summary: 'Add an uploaded Markdown, HTML, text or JSONL file',
    access: 'admin',
    body: upload,
  },
  { method: 'get', path: '/api/kb/sources', summary: 'Documents and chunks per source', access: 'admin' },
  {
    method: 'post',
    path: '/api/kb/sources/reingest',
    summary: 'Re-ingest a folder',
    access: 'admin',
    body: sourceBody,
  },
  {
    method: 'post',
    path: '/api/kb/sources/remove',
    summary: 'Remove every document of a source',
    access: 'admin',
    body: sourceBody,
  },
  { method: 'get', path: '/api/kb/search', summary: 'Search the knowledge base', access: 'admin', query: searchQuery },
  { method: 'get', path: '/api/kb/stats', summary: 'Knowledge-base size, embedder and cache figures', access: 'admin' },
  {
    method: 'get',
    path: '/api/visitors/:id/export',
    summary: 'GDPR: everything stored about a visitor',
    access: 'visitor',
  },
  { method: 'delete', path: '/api/visitors/:id', summary: 'GDPR: erase a visitor', access: 'visitor' },
  {
    method: 'get',
    path: '/api/users/:id/export',
    summary: 'GDPR: everything stored about an identified user',
    access: 'admin',
  },
  { method: 'delete', path: '/api/users/:id', summary: 'GDPR: erase an identified user', access: 'admin' },
  { method: 'get', path: '/api/openapi.json', summary: 'This description', access: 'public' },
];

/** `/api/x/:id` → `/api/x/{id}`. */
export const openApiPath = (path: string): string => path.replace(/:(\w+)/g, '{$1}');

/** Build the OpenAPI 3.1 document of the REST API. */
export function openApiDocument(version: string): object {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  for (const r of API_ROUTES) {
    const params = [...r.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
    registry.registerPath({
      method: r.method,
      path: openApiPath(r.path),
      summary: r.summary,
      description: ACCESS[r.access],
      tags: [r.path.split('/')[2]],
      security: r.access === 'public' ? [] : [{ bearer: [] }],
      request: {
        ...(params.length ? { params: z.object(Object.fromEntries(params.map((p) => [p, z.string()]))) } : {}),
        ...(r.query ? { query: r.query } : {}),
        ...(r.body ? { body: { content: { 'application/json': { schema: r.body } } } } : {}),
        ...(r.raw ? { body: { content: { [r.raw]: { schema: z.string().describe("the file's bytes") } } } } : {}),
      },
      responses: {
        200: {
          description: 'Success (201 for a creation).',
          ...(r.response ? { content: { 'application/json': { schema: r.response } } } : {}),
        },
        ...errorResponses({ ...r, validates: Boolean(r.body ?? r.query ?? r.raw) }),
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Switchboard REST API',
      version,
      description: 'Generated from the zod schemas the server validates requests with. Errors: docs/protocol.md.',
    },
    servers: [{ url: '/' }],
  });
}
