import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalatingAgents, staffAccount } from '../testing/handoff.js';
import { connectCustomer, startTestServer } from '../testing/harness.js';
import { freshDatabaseUrl } from '../testing/processes.js';
import { needService, reachable } from '../testing/services.js';
import { PNG } from './fixtures.js';

// The S3 backend against a real S3-compatible server (s3rver) on loopback, with PostgreSQL as the database.
const ADMIN = 'attachments-s3-admin-token';
const BUCKET = 'switchboard-test';
const dir = mkdtempSync(join(tmpdir(), 'sb-s3-'));
const s3 = new S3rver({
  address: '127.0.0.1',
  port: 0,
  silent: true,
  directory: dir,
  configureBuckets: [{ name: BUCKET }],
});
const hasPostgres = await needService('PostgreSQL', reachable(5432));
let server: Awaited<ReturnType<typeof startTestServer>>;
let endpoint: string;

beforeAll(async () => {
  const { port } = await s3.run();
  endpoint = `http://127.0.0.1:${port}`;
  server = await startTestServer({
    agents: escalatingAgents,
    logLevel: 'silent',
    adminToken: ADMIN,
    ...(hasPostgres ? { databaseUrl: await freshDatabaseUrl() } : {}),
    s3Bucket: BUCKET,
    s3Endpoint: endpoint,
    s3AccessKeyId: 'S3RVER',
    s3SecretAccessKey: 'S3RVER',
    s3Prefix: 'files/',
  });
});
afterAll(async () => {
  await server?.close();
  await s3.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The object keys in the bucket, read straight from the S3 server's listing. */
async function keys(): Promise<string[]> {
  const xml = await (await fetch(`${endpoint}/${BUCKET}?list-type=2`)).text();
  return [...xml.matchAll(/<Key>([^<]+)<\/Key>/g)].map((m) => m[1]);
}

describe('attachments in S3', () => {
  it('stores the bytes in the bucket, not the database, serves them to the owner, and erases them with the visitor', async () => {
    const { socket, session } = await connectCustomer(server.url);
    const res = await fetch(
      `${server.url}/api/conversations/${session.conversationId}/attachments?name=shot.png&clientId=s3-1`,
      { method: 'POST', body: PNG, headers: { authorization: `Bearer ${session.visitor}` } },
    );
    expect(res.status).toBe(201);
    const { attachment } = await res.json();
    expect(await keys()).toEqual([`files/${session.conversationId}/${attachment.id}`]);
    expect((await server.db.query('SELECT backend FROM attachments WHERE id = $1', [attachment.id]))[0]).toEqual({
      backend: 's3',
    });
    expect(await server.db.query('SELECT 1 FROM attachment_blobs')).toEqual([]);

    const agent = await staffAccount(server, 'Agent S3');
    const file = await fetch(`${server.url}/api/attachments/${attachment.id}`, {
      headers: { authorization: `Bearer ${agent.token}` },
    });
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);

    const visitorId = JSON.parse(Buffer.from(session.visitor.split('.')[1], 'base64url').toString()).sub as string;
    const erased = await fetch(`${server.url}/api/visitors/${visitorId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect((await erased.json()).deleted).toMatchObject({ attachments: 1 });
    // The bucket is emptied right after the erasure answers (the objects go in the background).
    await expect.poll(keys, { timeout: 5000 }).toEqual([]);
    socket.disconnect();
  });
});
