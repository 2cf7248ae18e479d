// Handoff latency over real sockets: customer escalates → both agents' inboxes show it; agent reply → customer socket;
// claim race outcome. Prints percentiles; the target is escalation visible to staff within 1 s.
//   npx tsx bench/handoff.ts [--escalations 50]
import type { ConversationSummary, Message } from 'switchboard-chat/protocol';
import { connectStaff, escalatingAgents, staffAccount } from '../server/src/testing/handoff.js';
import { connectCustomer, nextEvent, request, startTestServer } from '../server/src/testing/harness.js';
import { benchArgs } from './cli.js';

const { escalations: N } = benchArgs(
  'npx tsx bench/handoff.ts',
  'Handoff latency over real sockets: escalation to staff inboxes, agent reply to customer, claim race.',
  {
    escalations: { type: 'number', default: 50, integer: true, help: 'conversations to escalate' },
  },
);
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const fmt = (xs: number[]) =>
  `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms`;

const server = await startTestServer({ agents: escalatingAgents, logLevel: 'silent' });
const [a, b] = [await staffAccount(server, 'Maria'), await staffAccount(server, 'Tom')];
const maria = (await connectStaff(server.url, a.token)).socket;
const tom = (await connectStaff(server.url, b.token)).socket;
const escalation: number[] = [];
const reply: number[] = [];
const claims = { won: 0, refused: 0, other: 0 };

for (let i = 0; i < N; i++) {
  const { socket, session } = await connectCustomer(server.url);
  const id = session.conversationId;
  const seen = (s: typeof maria) =>
    nextEvent<ConversationSummary>(s, 'inbox:upsert', (c) => c.id === id && c.state === 'waiting_human');
  const t0 = performance.now();
  const both = Promise.all([seen(maria), seen(tom)]);
  await request(socket, 'message:send', { clientId: 'q', text: 'I want a human' });
  await both;
  escalation.push(performance.now() - t0);

  const results = await Promise.all([
    request(maria, 'conversation:claim', { conversationId: id }),
    request(tom, 'conversation:claim', { conversationId: id }),
  ]);
  for (const r of results) {
    if (r.ok) claims.won++;
    else if (r.error.code === 'already_claimed') claims.refused++;
    else claims.other++;
  }
  const winner = results[0].ok ? maria : tom;
  const t1 = performance.now();
  const got = nextEvent<Message>(socket, 'message', (m) => m.role === 'human');
  await request(winner, 'message:send', { conversationId: id, clientId: `r${i}`, text: 'Hello, how can I help?' });
  await got;
  reply.push(performance.now() - t1);
  socket.disconnect();
}

console.log(`escalation → both inboxes (${N}): ${fmt(escalation)}`);
console.log(`agent reply → customer socket (${N}): ${fmt(reply)}`);
console.log(
  `simultaneous claims: ${claims.won} won, ${claims.refused} already_claimed, ${claims.other} other (expect ${N} / ${N} / 0)`,
);
maria.disconnect();
tom.disconnect();
await server.close();
