import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { chromiumAvailable, launchBrowser, OUTPUT } from '../../../widget/e2e/browser.js';
import { escalatingAgents, staffAccount } from '../handoff/test-helpers.js';
import { connectCustomer, nextEvent, request, startTestServer, type ChatClient } from '../testing/harness.js';
import { needService } from '../testing/services.js';

// A support agent labels conversations, sees rule labels (the routed agent), and finds conversations by words and filters.
const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());
const BUILT = existsSync(new URL('../../dist/console/console.js', import.meta.url).pathname);

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const customers: ChatClient[] = [];

async function customer(name: string, text: string): Promise<string> {
  const c = await connectCustomer(server.url, { page: `https://shop.example/${name}` });
  customers.push(c.socket);
  await request(c.socket, 'identify', { name });
  const answered = nextEvent<Message>(c.socket, 'message', (m) => m.role === 'ai' || m.role === 'system');
  await request(c.socket, 'message:send', { clientId: 'k1', text });
  await answered;
  return c.session.conversationId;
}

const rowOf = (page: Page, name: string) => page.locator('.inbox [data-conversation]', { hasText: name });
const results = (page: Page) => page.getByRole('region', { name: 'Search results' }).locator('[data-conversation] strong').allTextContents();

describe.runIf(available && BUILT)('console labels and search in Chromium (after npm run build)', () => {
  beforeAll(async () => {
    server = await startTestServer({ agents: escalatingAgents, logLevel: 'silent' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of customers) s.disconnect();
    await browser?.close();
    await server?.close();
  });

  it('rule labels show in the inbox; staff add and remove labels; search by words and filters finds the right conversations', async () => {
    await customer('Ines', 'my invoice was charged twice');
    await customer('Omar', 'the app crashes when I log in');
    await customer('Pia', 'I need a human about my refund');
    const agent = await staffAccount(server, 'Search Staff');
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    await page.goto(`${server.url}/console`);
    await page.getByLabel('E-mail').fill(agent.email);
    await page.getByLabel('Password').fill(agent.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    // The routed agent is a rule label on each row.
    await expect.poll(() => rowOf(page, 'Ines').locator('.label-rule').allTextContents(), { timeout: 15_000 }).toEqual(['billing']);
    expect(await rowOf(page, 'Omar').locator('.label-rule').allTextContents()).toEqual(['technical']);

    // Add a staff label from the conversation; every list shows it.
    await rowOf(page, 'Omar').click();
    await page.getByLabel('New label').fill('Mobile app');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => rowOf(page, 'Omar').locator('.label-staff').allTextContents()).toEqual(['mobile app']);

    // Words (prefix-matched: "crash" finds "crashes") with the match shown as the preview.
    const form = page.getByRole('search');
    const box = form.getByRole('searchbox', { name: 'Search conversations' });
    await box.fill('crash');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => results(page)).toEqual(['Omar']);
    expect(await page.getByRole('region', { name: 'Search results' }).locator('.preview').first().textContent()).toContain('crashes');

    // Filters alone: a label, an agent, a state.
    await box.fill('');
    await form.getByText('Filters').click();
    await form.getByLabel('Label', { exact: true }).fill('mobile app');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => results(page)).toEqual(['Omar']);
    await form.getByLabel('Label', { exact: true }).fill('');
    await form.getByLabel('Agent').selectOption('billing');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => results(page)).toEqual(['Ines']);
    await form.getByLabel('Agent').selectOption('');
    await form.getByLabel('State').selectOption('waiting_human');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => results(page)).toEqual(['Pia']);
    await page.screenshot({ path: `${OUTPUT}console-search.png` });

    // Clear brings the inbox back; removing the label removes it everywhere.
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => page.locator('.group-waiting [data-conversation]').count()).toBe(1);
    await page.getByRole('button', { name: 'Remove label mobile app' }).click();
    await expect.poll(() => rowOf(page, 'Omar').locator('.label-staff').count()).toBe(0);
    await page.close();
  });
});
