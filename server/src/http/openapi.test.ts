import { validate, compileErrors } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffAccount } from '../testing/handoff.js';
import { startTestServer } from '../testing/harness.js';
import { readFileSync } from 'node:fs';
import { openApiPath } from './openapi.js';
import { API_DOCS_FILE, openApiMarkdown } from './openapi-markdown.js';

let server: Awaited<ReturnType<typeof startTestServer>>;
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; in: string; description?: string }> }>>;
};
let doc: Doc;

beforeAll(async () => {
  // The real AI layer, so the knowledge-base routes are mounted too.
  server = await startTestServer({ logLevel: 'silent' });
  const res = await fetch(`${server.url}/api/openapi.json`);
  expect(res.status).toBe(200);
  doc = (await res.json()) as Doc;
});
afterAll(async () => {
  await server?.close();
});

describe('GET /api/openapi.json', () => {
  it('describes every registered /api route', () => {
    const registered = server.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${openApiPath(r.path)}`);
    expect(registered.length).toBeGreaterThan(30);
    const described = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)),
    );
    expect([...new Set(registered)].filter((r) => !described.has(r))).toEqual([]);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? '' : compileErrors(result)).toBe(true);
  });

  it('documents the analytics parameters from the schema the route validates with', async () => {
    const params = doc.paths['/api/analytics'].get.parameters ?? [];
    expect(params.map((p) => p.name).sort()).toEqual(['agent', 'format', 'from', 'to']);
    expect(params.find((p) => p.name === 'to')!.description).toMatch(/whole day/);
    const admin = await staffAccount(server, 'Olga', 'admin');
    const bad = await fetch(`${server.url}/api/analytics?format=xml`, {
      headers: { authorization: `Bearer ${admin.token}` },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatchObject({ code: 'invalid_payload', field: 'format' });
  });

  it('is what docs/api.md renders (run `npm run docs:api` after changing a route)', async () => {
    const rendered = openApiMarkdown(doc as unknown as Parameters<typeof openApiMarkdown>[0]);
    expect(readFileSync(API_DOCS_FILE, 'utf8'), 'docs/api.md is out of date: npm run docs:api').toBe(rendered);
    expect(rendered).toContain('### PATCH /api/admin/agents/{name}');
  });
});
