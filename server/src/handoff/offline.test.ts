import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationSummary, Message, StateEvent } from 'switchboard-chat/protocol';
import { connectCustomer, nextEvent, request, startTestServer, type ChatClient } from '../testing/harness.js';
import { connectStaff, escalatingAgents, staffAccount, type StaffClient } from '../testing/handoff.js';

let server: Awaited<ReturnType<typeof startTestServer>> | undefined;
const sockets: Array<ChatClient | StaffClient> = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await server?.close();
  server = undefined;
});

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
/** A schedule that is closed now: one hour, three days from today (UTC). */
const closedNow = () => `${DAYS[(new Date().getUTCDay() + 3) % 7]} 10:00-11:00`;

describe('offline tickets', () => {
  it('with nobody online: tells the customer, stores the e-mail, and the reply arrives on the next visit', async () => {
    server = await startTestServer({ agents: escalatingAgents, logLevel: 'silent' });
    const { socket, session } = await connectCustomer(server.url);
    sockets.push(socket);
    const offline = nextEvent<Message>(socket, 'message', (m) => m.meta?.kind === 'offline');
    const state = nextEvent<StateEvent>(socket, 'state', (s) => s.humansAvailable === false);
    await request(socket, 'message:send', { clientId: 'o1', text: 'my parcel never arrived, I want a human' });
    expect((await offline).text).toMatch(/Nobody from our team is online right now\. Leave your e-mail address/);
    expect(await state).toMatchObject({ state: 'waiting_human', humansAvailable: false });

    const thanks = nextEvent<Message>(socket, 'message', (m) => m.meta?.kind === 'contact');
    expect(await request(socket, 'contact', { email: 'ada@example.com' })).toEqual({ ok: true });
    expect((await thanks).text).toBe('Thanks! We will reply to ada@example.com and here in this chat.');
    expect(await request(socket, 'contact', { email: 'not an address' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_payload' },
    });
    socket.disconnect();

    // Later an agent logs in, finds the ticket in the queue and answers.
    const maria = await staffAccount(server, 'Maria');
    const staff = (await connectStaff(server.url, maria.token)).socket;
    sockets.push(staff);
    const { conversations } = await request(staff, 'inbox:list', {});
    const ticket = conversations.find((c: ConversationSummary) => c.id === session.conversationId);
    expect(ticket).toMatchObject({ state: 'waiting_human', offline: true, contactEmail: 'ada@example.com' });
    expect(ticket.summary).toMatch(/^Question: my parcel never arrived/);
    expect(await request(staff, 'conversation:claim', { conversationId: ticket.id })).toMatchObject({ ok: true });
    expect(
      await request(staff, 'message:send', {
        conversationId: ticket.id,
        clientId: 'r1',
        text: 'Your parcel is on its way again.',
      }),
    ).toMatchObject({ ok: true });

    // The customer comes back with the same visitor token and finds the answer in the history.
    const back = await connectCustomer(server.url, { visitor: session.visitor });
    sockets.push(back.socket);
    expect(back.session.conversationId).toBe(session.conversationId);
    expect(back.session.state).toBe('human');
    const history = await request(back.socket, 'history', { afterSeq: 0 });
    expect(history.messages.map((m: Message) => m.text)).toContain('Your parcel is on its way again.');
    expect(history.messages.find((m: Message) => m.role === 'human')).toMatchObject({ author: 'Maria' });
  });

  it('outside business hours: says when the team is back even when staff are online', async () => {
    server = await startTestServer({
      agents: escalatingAgents,
      logLevel: 'silent',
      businessHours: closedNow(),
      timeZone: 'UTC',
    });
    const maria = await staffAccount(server, 'Maria');
    const staff = await connectStaff(server.url, maria.token);
    sockets.push(staff.socket);
    expect(staff.session).toMatchObject({
      open: false,
      businessHours: `${closedNow()} (UTC)`,
      agents: ['technical', 'billing', 'general'],
    });

    const { socket, session } = await connectCustomer(server.url);
    sockets.push(socket);
    const offline = nextEvent<Message>(socket, 'message', (m) => m.meta?.kind === 'offline');
    const queued = nextEvent<ConversationSummary>(
      staff.socket,
      'inbox:upsert',
      (c) => c.id === session.conversationId && !!c.offline,
    );
    await request(socket, 'message:send', { clientId: 'o1', text: 'human please' });
    expect((await offline).text).toBe(
      `Our team is away right now (we are here ${closedNow()} UTC). Leave your e-mail address and we will get back to you; the reply will also appear here when you come back.`,
    );
    expect(await queued).toMatchObject({ state: 'waiting_human', offline: true });
  });

  it('refuses a bad schedule or time zone at start-up', async () => {
    await expect(startTestServer({ businessHours: 'weekdays 9 to 5' })).rejects.toThrow(
      /invalid configuration: businessHours/,
    );
    await expect(startTestServer({ businessHours: 'mon 09:00-17:00', timeZone: 'Atlantis/Capital' })).rejects.toThrow(
      /unknown time zone/,
    );
  });
});
