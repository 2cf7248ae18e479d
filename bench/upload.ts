// A 5 MB image from a customer to a staff member on loopback: REST upload (as the widget does) → the `message` event
// with the attachment on the staff socket watching the conversation. The target is ≤ 2 s.
//   npx tsx bench/upload.ts [--runs 5] [--mb 5] [--postgres]
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { attachmentOf, type Message } from 'switchboard-chat/protocol';
import { PNG } from '../server/src/attachments/fixtures.js';
import { inspectUpload } from '../server/src/attachments/policy.js';
import { connectStaff, escalatingAgents, staffAccount } from '../server/src/testing/handoff.js';
import { connectCustomer, nextEvent, request, startTestServer } from '../server/src/testing/harness.js';
import { freshDatabaseUrl } from '../server/src/testing/processes.js';
import { benchArgs } from './cli.js';

const { runs, mb, postgres } = benchArgs(
  'npx tsx bench/upload.ts',
  'A 5 MB image upload from a customer until a staff member watching the conversation receives it (loopback).',
  {
    runs: { type: 'number', default: 5, integer: true, help: 'uploads to time' },
    mb: { type: 'number', default: 5, help: 'file size in MB' },
    postgres: { type: 'boolean', help: 'use PostgreSQL at 127.0.0.1:5432 (own schema) instead of embedded PGlite' },
  },
);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(', ')})`;

const server = await startTestServer({
  agents: escalatingAgents,
  logLevel: 'silent',
  attachmentMaxBytes: Math.ceil(mb * 1024 * 1024) + 1024,
  ...(postgres ? { databaseUrl: await freshDatabaseUrl() } : {}),
});
const staff = await staffAccount(server, 'Bench Staff');
const agent = (await connectStaff(server.url, staff.token)).socket;
const answered: number[] = [];
const shown: number[] = [];
const store: number[] = [];
const sniff: number[] = [];
const write: number[] = [];
const bytes = Buffer.concat([PNG, randomBytes(Math.ceil(mb * 1024 * 1024) - PNG.length)]);

for (let i = 0; i < runs; i++) {
  const { socket, session } = await connectCustomer(server.url);
  await request(socket, 'message:send', { clientId: 'hello', text: 'a photo of the error is coming' });
  await request(agent, 'conversation:open', { conversationId: session.conversationId });
  const got = nextEvent<Message>(agent, 'message', (m) => !!attachmentOf(m), 60_000);
  const t0 = performance.now();
  const res = await fetch(
    `${server.url}/api/conversations/${session.conversationId}/attachments?name=big.png&clientId=up${i}`,
    {
      method: 'POST',
      body: bytes,
      headers: { authorization: `Bearer ${session.visitor}` },
    },
  );
  if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
  answered.push(performance.now() - t0);
  const message = await got;
  shown.push(performance.now() - t0);
  // The staff member opening it: the whole file back over REST.
  const s0 = performance.now();
  const file = await fetch(`${server.url}/api/attachments/${attachmentOf(message)!.id}`, {
    headers: { authorization: `Bearer ${staff.token}` },
  });
  if ((await file.arrayBuffer()).byteLength !== bytes.length) throw new Error('download differs');
  store.push(performance.now() - s0);
  // Where the upload's time goes: the file-type check, and the blob store's write of the same bytes (own attachment row).
  const i0 = performance.now();
  await inspectUpload(bytes, 'big.png', { maxBytes: bytes.length + 1, types: ['image/png'] });
  sniff.push(performance.now() - i0);
  const blobId = `att_bench_${i}`;
  await server.db.query(
    "INSERT INTO attachments (id, conversation_id, name, type, size, backend, uploaded_by) VALUES ($1, $2, 'b.png', 'image/png', $3, $4, 'bench')",
    [blobId, session.conversationId, bytes.length, server.attachments.blobs.kind],
  );
  const w0 = performance.now();
  await server.attachments.blobs.put(session.conversationId, blobId, bytes, 'image/png');
  write.push(performance.now() - w0);
  socket.disconnect();
}

const [l1, l5] = loadavg();
console.log(
  `${mb} MB image, ${postgres ? 'PostgreSQL' : 'embedded PGlite'}, ${runs} runs, load average ${l1.toFixed(2)} / ${l5.toFixed(2)} (1 / 5 min)`,
);
console.log(`upload answered (201):         ${fmt(answered)}`);
console.log(`received by the staff socket:  ${fmt(shown)}`);
console.log(`staff download of the file:    ${fmt(store)}`);
console.log(`inside the upload: type check ${fmt(sniff)}; blob write ${fmt(write)}`);
agent.disconnect();
await server.close();
