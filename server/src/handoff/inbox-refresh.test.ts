import { afterAll, describe, expect, it } from 'vitest';
import type { ConversationSummary, Message } from 'switchboard-chat/protocol';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';
import { connectStaff, escalatingAgents, staffAccount } from '../testing/handoff.js';

const closers: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

/** Inbox entries a console receives for one conversation while a customer sends `text` and the AI answers. */
async function upsertsForOneExchange(inboxRefreshMs: number) {
  const server = await startTestServer({ agents: escalatingAgents, logLevel: 'silent', inboxRefreshMs });
  closers.push(() => server.close());
  const staff = await staffAccount(server, 'Ines');
  const { socket: console } = await connectStaff(server.url, staff.token);
  closers.push(() => void console.disconnect());
  const customer = await connectCustomer(server.url);
  closers.push(() => void customer.socket.disconnect());
  const id = customer.session.conversationId;
  // The first exchange stores the conversation and its routed-agent label; count the second one only.
  const first = nextEvent<Message>(customer.socket, 'message', (m) => m.role === 'ai');
  await request(customer.socket, 'message:send', { clientId: 'x1', text: 'where is my parcel' });
  await first;
  await new Promise((r) => setTimeout(r, inboxRefreshMs + 300));
  const seen: ConversationSummary[] = [];
  console.on('inbox:upsert', (s) => s.id === id && seen.push(s));
  const reply = nextEvent<Message>(customer.socket, 'message', (m) => m.role === 'ai');
  await request(customer.socket, 'message:send', { clientId: 'x2', text: 'and how long does it take' });
  await reply;
  await nextEvent<ConversationSummary>(console, 'inbox:upsert', (s) => s.id === id && s.lastMessage?.role === 'ai');
  // Anything still on its way arrives within this quiet period.
  await new Promise((r) => setTimeout(r, inboxRefreshMs + 300));
  return seen;
}

describe('inbox refresh after messages', () => {
  it('a customer message and the AI reply right after it reach the inbox as one entry', async () => {
    // A window far longer than the echo agent's reply takes, even on a loaded machine.
    const seen = await upsertsForOneExchange(2000);
    expect(seen).toHaveLength(1);
    expect(seen[0].lastMessage).toMatchObject({ role: 'ai', text: 'AI: and how long does it take' });
  });

  it('inboxRefreshMs 0 refreshes on every message', async () => {
    const seen = await upsertsForOneExchange(0);
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen.at(-1)?.lastMessage).toMatchObject({ role: 'ai' });
  });
});
