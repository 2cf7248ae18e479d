import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalatingAgents, staffAccount } from '../testing/handoff.js';
import { connectCustomer, request, startTestServer } from '../testing/harness.js';

// E-mail to customers against a real SMTP server (smtp-server) on loopback: replies when away, transcripts, unsubscribe.
const inbox: ParsedMail[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, done) {
    simpleParser(stream)
      .then((m) => inbox.push(m))
      .then(() => done(), done);
  },
});
let server: Awaited<ReturnType<typeof startTestServer>>;
let agent: Awaited<ReturnType<typeof staffAccount>>;

beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  server = await startTestServer({
    agents: escalatingAgents,
    logLevel: 'silent',
    smtpUrl: `smtp://127.0.0.1:${port}`,
    mailFrom: 'Shop Support <support@shop.test>',
  });
  agent = await staffAccount(server, 'Agent Eve');
});
afterAll(async () => {
  await server?.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

const staff = () => ({ id: agent.id, name: agent.name, role: 'agent' as const, kind: 'session' as const });
const mailTo = (to: string) =>
  inbox.filter((m) => (Array.isArray(m.to) ? m.to : [m.to]).some((a) => a?.text.includes(to)));

describe('e-mail to customers', () => {
  it("e-mails a person's reply once the customer has left, in their language, with chat and unsubscribe links; unsubscribing stops it", async () => {
    const { socket, session } = await connectCustomer(server.url, {
      page: 'https://shop.example.com/help',
      locale: 'de-DE',
    });
    await request(socket, 'message:send', { clientId: 'm1', text: 'my invoice is wrong' });
    await server.service.escalate(session.conversationId, 'test');
    await request(socket, 'contact', { email: 'kunde@example.de' });
    await server.handoff.claim(session.conversationId, staff());
    // While the customer is in the chat, the reply is not e-mailed.
    await server.handoff.sendMessage(staff(), {
      conversationId: session.conversationId,
      clientId: 'r1',
      text: 'Looking into it.',
    });
    socket.disconnect();
    await expect
      .poll(async () => (await server.io.of('/chat').in(`conv:${session.conversationId}`).fetchSockets()).length)
      .toBe(0);
    await server.handoff.sendMessage(staff(), {
      conversationId: session.conversationId,
      clientId: 'r2',
      text: 'Your refund for invoice 42 is on its way.',
    });
    await expect.poll(() => mailTo('kunde@example.de').length, { timeout: 10_000 }).toBe(1);
    const [mail] = mailTo('kunde@example.de');
    expect(mail.from?.value[0]).toMatchObject({ name: 'Shop Support', address: 'support@shop.test' });
    expect(mail.subject).toBe('Neue Antwort von Agent Eve');
    expect(mail.text).toContain('Your refund for invoice 42 is on its way.');
    expect(mail.text).not.toContain('Looking into it.');
    expect(mail.text).toContain('Unterhaltung fortsetzen: https://shop.example.com/help#switchboard-open');
    expect(mail.html).toContain('lang="de"');
    const unsubscribe = /Keine E-Mails mehr erhalten: (\S+)/.exec(mail.text!)![1];
    expect(mail.headerLines.find((h) => h.key === 'list-unsubscribe')?.line).toContain(unsubscribe);

    const page = await fetch(unsubscribe);
    expect(page.status).toBe(200);
    expect((await fetch(unsubscribe.replace(/t=.*/, 't=forged'))).status).toBe(401);
    await server.handoff.sendMessage(staff(), {
      conversationId: session.conversationId,
      clientId: 'r3',
      text: 'Anything else?',
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(mailTo('kunde@example.de')).toHaveLength(1);
  });

  it("sends the transcript on request to the conversation's visitor only, with HTML escaped", async () => {
    const { socket, session } = await connectCustomer(server.url, { locale: 'fr' });
    await request(socket, 'message:send', { clientId: 'm1', text: 'mon colis <b>est perdu</b>' });
    const other = await connectCustomer(server.url);
    const ask = (token: string, body: unknown) =>
      fetch(`${server.url}/api/conversations/${session.conversationId}/transcript`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await ask(other.session.visitor, { email: 'x@example.fr' })).status).toBe(404);
    expect((await ask(session.visitor, {})).status).toBe(400);
    expect((await ask(session.visitor, { email: 'client@example.fr' })).status).toBe(200);
    await expect.poll(() => mailTo('client@example.fr').length, { timeout: 10_000 }).toBe(1);
    const [mail] = mailTo('client@example.fr');
    expect(mail.subject).toBe('La transcription de votre conversation');
    expect(mail.text).toMatch(/Vous: mon colis <b>est perdu<\/b>/);
    expect(mail.text).toMatch(/Assistant: AI: mon colis/);
    expect(mail.html).toContain('&#60;b&#62;est perdu');
    socket.disconnect();
    other.socket.disconnect();
  });
});
