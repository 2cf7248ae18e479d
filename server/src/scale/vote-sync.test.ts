import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { VoteStore } from '../storage/votes.js';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';
import { createLogger } from '../util/logger.js';
import { localBus } from './bus.js';
import { learnFromVotes } from './vote-sync.js';

const KB = fileURLToPath(new URL('../cli/fixtures/conversations/kb', import.meta.url));
let server: Awaited<ReturnType<typeof startTestServer>>;

beforeAll(async () => {
  server = await startTestServer({ kb: [KB], calibrationMinVotes: 3 });
});
afterAll(async () => {
  await server?.close();
});

/** One new visitor asks the password question over a real socket; resolves with the AI answer and the socket. */
async function ask() {
  const { socket } = await connectCustomer(server.url);
  const reply = nextEvent<Message>(socket, 'message', (m) => m.role === 'ai');
  await request(socket, 'message:send', { clientId: 'q1', text: 'I forgot my password, how do I reset the password?' });
  return { socket, answer: await reply };
}

async function vote(helpful: boolean) {
  const { socket, answer } = await ask();
  expect(await request(socket, 'feedback', { messageId: answer.id, helpful })).toEqual({ ok: true });
  socket.disconnect();
  await server.votes.idle();
  return answer;
}

describe('answer confidence recalibrated from "Was this helpful?" votes', () => {
  it('shows the shipped confidence until the minimum of votes, then the site calibration; every node agrees', async () => {
    const first = await vote(false);
    expect(first.sources?.length).toBeGreaterThan(0);
    const shipped = first.confidence!;
    expect(shipped).toBeGreaterThan(0);
    // The shipped confidence is kept for the refit, but never sent to the customer.
    expect(first.meta?.modelConfidence).toBeUndefined();
    const [stored] = await server.db.query('SELECT meta FROM messages WHERE id = $1', [first.id]);
    expect(Number((stored.meta as { modelConfidence: number }).modelConfidence)).toBeCloseTo(shipped, 3);

    expect((await vote(false)).confidence).toBe(shipped);
    expect(server.votes.status()).toMatchObject({ votes: 2, minVotes: 3 });
    expect(server.votes.current()).toBeUndefined();
    expect((await vote(false)).confidence).toBe(shipped);

    // Three "not helpful" votes: the same answer is now shown less confident.
    const after = await ask();
    after.socket.disconnect();
    expect(after.answer.confidence).toBeLessThan(shipped);
    const status = server.votes.status();
    expect(status.calibration).toMatchObject({ votes: 3 });
    expect(status.calibration!.eceAfter).toBeLessThan(status.calibration!.eceBefore);

    // Another node (or this one after a restart) reads the same votes and fits the same calibration.
    const other = await learnFromVotes({
      store: new VoteStore(server.db),
      bus: localBus(),
      logger: createLogger({ level: 'silent' }),
      minVotes: 3,
    });
    await other.idle();
    expect(other.current()).toEqual(server.votes.current());
  });
});
