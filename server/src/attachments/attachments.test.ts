import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalatingAgents, staffAccount } from '../testing/handoff.js';
import { connectCustomer, nextEvent, startTestServer } from '../testing/harness.js';
import { PNG } from './fixtures.js';

// Attachments over REST with the embedded database: upload, broadcast, access checks, retries, limits, GDPR erase.
const ADMIN = 'attachments-admin-token';
let server: Awaited<ReturnType<typeof startTestServer>>;
let agent: Awaited<ReturnType<typeof staffAccount>>;
beforeAll(async () => {
  server = await startTestServer({
    agents: escalatingAgents,
    logLevel: 'silent',
    adminToken: ADMIN,
    attachmentMaxBytes: 64 * 1024,
  });
  agent = await staffAccount(server, 'Agent Ada');
});
afterAll(async () => server?.close());

const upload = (conversationId: string, token: string | undefined, body: BodyInit, query: Record<string, string>) =>
  fetch(`${server.url}/api/conversations/${conversationId}/attachments?${new URLSearchParams(query)}`, {
    method: 'POST',
    body,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
const download = (id: string, token?: string) =>
  fetch(`${server.url}/api/attachments/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
const rows = async (table: string, conversationId: string) =>
  (
    await server.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE conversation_id = $1`, [
      conversationId,
    ])
  )[0].n;

describe('attachments', () => {
  it('posts a customer image as a message, shown to every tab, downloadable by the visitor and staff only', async () => {
    const { socket, session } = await connectCustomer(server.url);
    const shown = nextEvent<{ role: string; meta?: { attachment?: { id: string } } }>(
      socket,
      'message',
      (m) => !!m.meta?.attachment,
    );
    const res = await upload(session.conversationId, session.visitor, PNG, {
      name: '../screen shot.png',
      clientId: 'att-1',
    });
    expect(res.status).toBe(201);
    const { message, attachment } = await res.json();
    expect(attachment).toMatchObject({
      id: expect.stringMatching(/^att_/),
      name: 'screen shot.png',
      type: 'image/png',
      size: PNG.length,
      inline: true,
    });
    expect(message).toMatchObject({
      role: 'customer',
      text: 'screen shot.png',
      clientId: 'att-1',
      meta: { attachment },
    });
    expect((await shown).meta!.attachment!.id).toBe(attachment.id);

    const own = await download(attachment.id, session.visitor);
    expect(own.status).toBe(200);
    expect(Buffer.from(await own.arrayBuffer()).equals(PNG)).toBe(true);
    expect(own.headers.get('content-type')).toBe('image/png');
    expect(own.headers.get('x-content-type-options')).toBe('nosniff');
    expect(own.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(own.headers.get('content-disposition')).toMatch(/^inline; filename="screen shot.png"/);
    expect((await download(attachment.id, agent.token)).status).toBe(200);

    const stranger = await connectCustomer(server.url);
    const refused = await download(attachment.id, stranger.session.visitor);
    expect(refused.status).toBe(404);
    expect((await refused.json()).error.code).toBe('not_found');
    expect((await download(attachment.id)).status).toBe(401);
    expect((await upload(session.conversationId, stranger.session.visitor, PNG, { clientId: 'x' })).status).toBe(404);
    socket.disconnect();
    stranger.socket.disconnect();
  });

  it('stores a retried upload once (idempotent on clientId)', async () => {
    const { socket, session } = await connectCustomer(server.url);
    const first = await (
      await upload(session.conversationId, session.visitor, PNG, { name: 'a.png', clientId: 'retry-1' })
    ).json();
    const again = await upload(session.conversationId, session.visitor, PNG, { name: 'a.png', clientId: 'retry-1' });
    expect(again.status).toBe(200);
    const second = await again.json();
    expect(second).toMatchObject({
      duplicate: true,
      message: { id: first.message.id },
      attachment: { id: first.attachment.id },
    });
    expect(await rows('attachments', session.conversationId)).toBe(1);
    expect(await rows('messages', session.conversationId)).toBe(1);
    socket.disconnect();
  });

  it('refuses wrong types, files over the limit and staff who have not taken the conversation, with stable codes', async () => {
    const { socket, session } = await connectCustomer(server.url);
    const html = await upload(session.conversationId, session.visitor, '<html><script>alert(1)</script></html>', {
      name: 'x.png',
      clientId: 'bad-1',
    });
    expect(html.status).toBe(415);
    expect((await html.json()).error.code).toBe('attachment_type');
    const big = await upload(session.conversationId, session.visitor, new Uint8Array(65 * 1024).fill(65), {
      name: 'big.txt',
      clientId: 'bad-2',
    });
    expect(big.status).toBe(413);
    expect((await big.json()).error.code).toBe('attachment_too_large');
    const early = await upload(session.conversationId, agent.token, PNG, { name: 'x.png', clientId: 'bad-3' });
    expect(early.status).toBe(403);
    expect((await early.json()).error.code).toBe('attachment_not_allowed');
    const noClientId = await upload(session.conversationId, session.visitor, PNG, {});
    expect((await noClientId.json()).error).toMatchObject({ code: 'invalid_payload', field: 'clientId' });
    expect(await rows('attachments', session.conversationId)).toBe(0);
    socket.disconnect();
  });

  it('lets the staff member who took the conversation send a file the customer receives', async () => {
    const { socket, session } = await connectCustomer(server.url);
    // Connecting stores nothing; the customer's first words create the conversation that staff then take.
    await socket.emitWithAck('message:send', { clientId: 'first', text: 'hello' });
    await server.service.escalate(session.conversationId, 'test');
    await server.handoff.claim(session.conversationId, {
      id: agent.id,
      name: agent.name,
      role: 'agent',
      kind: 'session',
    });
    const received = nextEvent<{ role: string; author?: string; meta?: { attachment?: { id: string; name: string } } }>(
      socket,
      'message',
      (m) => !!m.meta?.attachment,
    );
    const res = await upload(session.conversationId, agent.token, 'Steps:\n1. Restart the router.\n', {
      name: 'steps.txt',
      clientId: 'staff-1',
    });
    expect(res.status).toBe(201);
    const m = await received;
    expect(m).toMatchObject({ role: 'human', author: 'Agent Ada', meta: { attachment: { name: 'steps.txt' } } });
    const file = await download(m.meta!.attachment!.id, session.visitor);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="steps.txt"/);
    expect(await file.text()).toBe('Steps:\n1. Restart the router.\n');
    socket.disconnect();
  });

  it('erases files with the GDPR erasure of their visitor, and the export lists them without their bytes', async () => {
    const { socket, session } = await connectCustomer(server.url);
    const { attachment } = await (
      await upload(session.conversationId, session.visitor, PNG, { name: 'id-card.png', clientId: 'gdpr-1' })
    ).json();
    const visitorId = JSON.parse(Buffer.from(session.visitor.split('.')[1], 'base64url').toString()).sub as string;
    const exported = await (
      await fetch(`${server.url}/api/visitors/${visitorId}/export`, { headers: { authorization: `Bearer ${ADMIN}` } })
    ).json();
    expect(exported.related.attachments).toEqual([
      expect.objectContaining({ id: attachment.id, name: 'id-card.png', type: 'image/png' }),
    ]);
    expect(JSON.stringify(exported)).not.toContain('"data"');
    const erased = await fetch(`${server.url}/api/visitors/${visitorId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect((await erased.json()).deleted).toMatchObject({ attachments: 1 });
    expect(
      (await server.db.query('SELECT 1 FROM attachment_blobs WHERE attachment_id = $1', [attachment.id])).length,
    ).toBe(0);
    expect((await download(attachment.id, agent.token)).status).toBe(404);
    socket.disconnect();
  });
});
