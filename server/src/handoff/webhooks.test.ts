import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConversationSummary } from 'switchboard-chat/protocol';
import { createLogger } from '../util/logger.js';
import { signPayload, verifySignature, WebhookSender, type WebhookPayload } from './webhooks.js';

const HOOK = 'https://hooks.example.test/switchboard';
const mock = setupServer();
beforeAll(() => mock.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.resetHandlers());
afterAll(() => mock.close());

const logger = createLogger({ level: 'silent' });
const conversation: ConversationSummary = {
  id: 'c_1',
  state: 'waiting_human',
  visitorId: 'v_12345678',
  summary: 'Question: refund <please>\nAI answered: (nothing)\nEscalated: x',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

type Seen = { body: string; headers: Headers };
function record(statuses: number[]): Seen[] {
  const seen: Seen[] = [];
  mock.use(
    http.post(HOOK, async ({ request }) => {
      seen.push({ body: await request.text(), headers: request.headers });
      const status = statuses[Math.min(seen.length - 1, statuses.length - 1)];
      return new HttpResponse(null, { status });
    }),
  );
  return seen;
}

describe('webhooks', () => {
  it('posts a JSON payload signed with HMAC-SHA256 over "<timestamp>.<body>"', async () => {
    const seen = record([200]);
    const sender = new WebhookSender({
      url: HOOK,
      secret: 'hook-secret',
      logger,
      publicUrl: 'https://support.example.com/',
    });
    const result = await sender.send('conversation.escalated', { conversation });
    expect(result).toEqual({ ok: true, attempts: 1, status: 200 });
    const [{ body, headers }] = seen;
    const payload = JSON.parse(body) as WebhookPayload;
    expect(payload).toMatchObject({
      type: 'conversation.escalated',
      conversation: { id: 'c_1' },
      consoleUrl: 'https://support.example.com/console#c_1',
    });
    expect(headers.get('x-switchboard-event')).toBe('conversation.escalated');
    expect(headers.get('x-switchboard-delivery')).toBe(payload.id);
    const ts = headers.get('x-switchboard-timestamp');
    expect(headers.get('x-switchboard-signature')).toBe(signPayload('hook-secret', ts!, body));
    expect(verifySignature('hook-secret', headers.get('x-switchboard-signature'), ts, body)).toBe(true);
    expect(verifySignature('other-secret', headers.get('x-switchboard-signature'), ts, body)).toBe(false);
    expect(verifySignature('hook-secret', headers.get('x-switchboard-signature'), ts, `${body} `)).toBe(false);
    expect(
      verifySignature('hook-secret', headers.get('x-switchboard-signature'), String(Number(ts) - 3600), body),
    ).toBe(false);
  });

  it('retries 5xx and 429 with backoff, keeping the delivery id, until it succeeds', async () => {
    const seen = record([503, 500, 429, 200]);
    const sender = new WebhookSender({ url: HOOK, secret: 's', logger, backoffMs: 5, retries: 5 });
    const result = await sender.send('message.customer', { conversation });
    expect(result).toEqual({ ok: true, attempts: 4, status: 200 });
    expect(new Set(seen.map((s) => s.headers.get('x-switchboard-delivery'))).size).toBe(1);
    // Every attempt is signed afresh and verifies.
    for (const s of seen)
      expect(
        verifySignature(
          's',
          s.headers.get('x-switchboard-signature'),
          s.headers.get('x-switchboard-timestamp'),
          s.body,
        ),
      ).toBe(true);
  });

  it('retries network errors, gives up after the configured retries, and does not retry a 4xx', async () => {
    let calls = 0;
    mock.use(
      http.post(HOOK, () => {
        calls++;
        return HttpResponse.error();
      }),
    );
    const failing = await new WebhookSender({ url: HOOK, logger, backoffMs: 1, retries: 2 }).send('message.customer', {
      conversation,
    });
    expect(failing).toMatchObject({ ok: false, attempts: 3 });
    expect(calls).toBe(3);

    const seen = record([400]);
    const refused = await new WebhookSender({ url: HOOK, logger, backoffMs: 1, retries: 3 }).send('message.customer', {
      conversation,
    });
    expect(refused).toEqual({ ok: false, attempts: 1, status: 400 });
    expect(seen).toHaveLength(1);
  });

  it('sends a Slack-compatible { text } body with escaped text and a console link', async () => {
    const seen = record([200]);
    const sender = new WebhookSender({ url: HOOK, format: 'slack', logger, publicUrl: 'https://support.example.com' });
    await sender.send('conversation.escalated', {
      conversation: { ...conversation, user: { id: 'u1', name: 'Ada <admin>' } },
    });
    const body = JSON.parse(seen[0].body);
    expect(Object.keys(body)).toEqual(['text']);
    expect(body.text).toContain('*Ada &lt;admin&gt;* is waiting for a person');
    expect(body.text).toContain('refund &lt;please&gt;');
    expect(body.text).toContain('<https://support.example.com/console#c_1|Open in the console>');
  });

  it('stops retrying when closed', async () => {
    record([503]);
    const sender = new WebhookSender({ url: HOOK, logger, backoffMs: 60_000, retries: 5 });
    const pending = sender.send('message.customer', { conversation });
    await new Promise((r) => setTimeout(r, 50));
    await sender.close();
    expect(await pending).toMatchObject({ ok: false, status: 503 });
  });
});
