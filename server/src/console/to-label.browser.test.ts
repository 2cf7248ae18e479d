import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { chromiumAvailable, launchBrowser } from '../../../widget/e2e/browser.js';
import type { AgentLayer } from '../agents/types.js';
import { staffAccount } from '../testing/handoff.js';
import { connectCustomer, nextEvent, request, startTestServer, type ChatClient } from '../testing/harness.js';
import { buildConsole } from './browser-world.js';
import { needService } from '../testing/services.js';

const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());

// An agent layer that is unsure about everything: each message lands in the "To label" queue.
const unsure: AgentLayer = {
  async reply({ message }) {
    const routing = {
      agent: 'billing',
      confidence: 0.31,
      alternatives: [
        { agent: 'billing', score: 0.31 },
        { agent: 'general', score: 0.3 },
      ],
      reason: 'semantic' as const,
    };
    return { routing, text: `AI: ${message.text}`, agent: 'billing', confidence: 0.31, sources: [], escalate: false };
  },
};

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let customer: ChatClient;

describe.runIf(available)('the "To label" view in Chromium', () => {
  beforeAll(async () => {
    buildConsole();
    server = await startTestServer({ agents: unsure, logLevel: 'silent' });
    browser = await launchBrowser();
    customer = (await connectCustomer(server.url)).socket;
  }, 180_000);
  afterAll(async () => {
    customer?.disconnect();
    await browser?.close();
    await server?.close();
  });

  it('lists an unsure decision and stores the label a staff member picks', async () => {
    const answered = nextEvent<Message>(customer, 'message', (m) => m.role === 'ai');
    const sent = await request(customer, 'message:send', { clientId: 'u1', text: 'can I move my plan to next month' });
    await answered;
    const lena = await staffAccount(server, 'Lena');
    const page = await browser.newPage();
    await page.goto(`${server.url}/console`);
    await page.getByLabel('E-mail').fill(lena.email);
    await page.getByLabel('Password').fill(lena.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'To label' }).click();
    const row = page.locator(`tr[data-message="${(sent.message as Message).id}"]`);
    await expect
      .poll(() => row.textContent(), { timeout: 15_000 })
      .toMatch(/can I move my plan to next month.*billing · 31\s?% · semantic/);
    await row.getByLabel('Label for: can I move my plan to next month').selectOption('general');
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('labelled: general');
    const stored = await server.db.query<{ agent: string; original_agent: string }>(
      'SELECT agent, original_agent FROM routing_corrections WHERE message_id = $1',
      [(sent.message as Message).id],
    );
    expect(stored).toEqual([{ agent: 'general', original_agent: 'billing' }]);
    await page.close();
  }, 120_000);
});
