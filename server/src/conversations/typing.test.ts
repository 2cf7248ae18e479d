import { afterAll, describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import type { AgentLayer } from '../agents/types.js';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';
import { escalatingAgents } from '../testing/handoff.js';

// The echo agent, slowed down by the number of milliseconds a message asks for ("wait 800").
const slowAgents: AgentLayer = {
  async reply(request, stream) {
    const ms = Number(/wait (\d+)/.exec(request.message.text)?.[1] ?? 0);
    await new Promise((r) => setTimeout(r, ms));
    return escalatingAgents.reply(request, stream);
  },
};

let server: Awaited<ReturnType<typeof startTestServer>>;
afterAll(async () => {
  await server?.close();
});

/** The AI typing events a customer sees while one message of theirs is answered. */
async function typingWhileAnswering(text: string): Promise<boolean[]> {
  server ??= await startTestServer({ agents: slowAgents, logLevel: 'silent', aiTypingDelayMs: 300 });
  const { socket } = await connectCustomer(server.url);
  const seen: boolean[] = [];
  socket.on('typing', (t) => t.role === 'ai' && seen.push(t.typing));
  const reply = nextEvent<Message>(socket, 'message', (m) => m.role === 'ai');
  await request(socket, 'message:send', { clientId: 'q1', text });
  await reply;
  // An indicator that was shown is taken down with the answer, in the same order.
  await new Promise((r) => setTimeout(r, 100));
  socket.disconnect();
  return seen;
}

describe("the AI's typing indicator (aiTypingDelayMs)", () => {
  it('is not shown for an answer faster than the delay', async () => {
    expect(await typingWhileAnswering('where is my parcel')).toEqual([]);
  });

  it('is shown once answering takes longer, and taken down with the answer', async () => {
    expect(await typingWhileAnswering('where is my parcel, wait 1500')).toEqual([true, false]);
  });
});
