import { SignJWT } from 'jose';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { chatOnHostPage, chromiumAvailable, hostPage, launchBrowser, OUTPUT } from '../../../widget/e2e/browser.js';
import { escalatingAgents, staffAccount } from '../testing/handoff.js';
import { connectCustomer, nextEvent, request, startTestServer, type ChatClient } from '../testing/harness.js';
import { buildConsole } from './browser-world.js';
import { needService } from '../testing/services.js';

const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());
const ROOT = new URL('../../../', import.meta.url).pathname;
// Written to test-output/ on every run; docs/images/console.png is refreshed only when asked, so test runs leave the tree clean.
const SCREENSHOT = `${OUTPUT}console.png`;
const UPDATE_DOCS = process.env.SWITCHBOARD_UPDATE_SCREENSHOTS === '1';
const WIDGET_BUILT =
  existsSync(`${ROOT}widget/dist/switchboard-loader.js`) && existsSync(`${ROOT}examples/script-tag/index.html`);

const IDENTITY_SECRET = 'console-test-identity-secret';
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const customers: ChatClient[] = [];

async function customer(page: string, ...texts: string[]) {
  const c = await connectCustomer(server.url, { page });
  customers.push(c.socket);
  for (const [i, text] of texts.entries()) {
    const answered = nextEvent<Message>(c.socket, 'message', (m) => m.role === 'ai' || m.role === 'system');
    await request(c.socket, 'message:send', { clientId: `c${i}`, text });
    await answered;
  }
  return c;
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${server.url}/console`);
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe.runIf(available)('staff console in Chromium', () => {
  beforeAll(async () => {
    buildConsole();
    server = await startTestServer({ agents: escalatingAgents, logLevel: 'silent', identitySecret: IDENTITY_SECRET });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    for (const s of customers) s.disconnect();
    await browser?.close();
    await server?.close();
  });

  it('refuses a wrong password, then signs in, takes a conversation, replies, and the customer receives it', async () => {
    const maria = await staffAccount(server, 'Maria');
    await server.handoff.canned.create({
      title: 'Greeting',
      text: 'Hi! Thanks for waiting, I am looking into it now.',
    });
    await customer('https://shop.example.com/help', 'how do I reset my router?');
    const a = await customer(
      'https://shop.example.com/account/billing',
      'my invoice was charged twice',
      'I want to talk to a human',
    );
    const id = a.session.conversationId;

    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await signIn(page, maria.email, 'wrong password');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/Wrong email or password/);
    await signIn(page, maria.email, maria.password);

    // The waiting conversation is in the queue with its waiting time; open it and read the handoff summary.
    const row = page.locator(`.group-waiting [data-conversation="${id}"]`);
    await row.waitFor({ timeout: 15_000 });
    expect(await row.textContent()).toMatch(/waiting \d+ s/);
    await row.click();
    await expect.poll(() => page.locator('.summary').textContent()).toContain('Question: my invoice was charged twice');
    expect(await page.locator('.msg.customer .chip').first().textContent()).toBe('billing · 82% · semantic');

    // Take it: the customer is told who joined.
    const joined = nextEvent<Message>(a.socket, 'message', (m) => m.role === 'system' && m.text === 'Maria joined');
    await page.getByRole('button', { name: 'Take' }).click();
    await joined;
    await page.locator('.group-mine [data-conversation]').first().waitFor();

    // Typing and a reply (starting from a canned reply) reach the customer's socket.
    const typing = nextEvent<{ role: string; name?: string; typing: boolean }>(
      a.socket,
      'typing',
      (t) => t.role === 'human' && t.typing,
    );
    await page.getByLabel('Canned reply').selectOption({ label: 'Greeting' });
    const box = page.locator('.composer textarea');
    await box.press('End');
    await box.pressSequentially(' Which invoice number?');
    expect(await typing).toMatchObject({ name: 'Maria' });
    const reply = nextEvent<Message>(a.socket, 'message', (m) => m.role === 'human');
    await box.press('Enter');
    expect(await reply).toMatchObject({
      author: 'Maria',
      text: 'Hi! Thanks for waiting, I am looking into it now. Which invoice number?',
    });

    // The customer's answer shows up live, as text even when it looks like HTML.
    await request(a.socket, 'message:send', {
      clientId: 'c9',
      text: 'INV-2291 <img src=x onerror="window.__owned=1">',
    });
    await expect
      .poll(() => page.locator('.msg.customer .text').last().textContent())
      .toBe('INV-2291 <img src=x onerror="window.__owned=1">');
    expect(await page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();

    // An internal note is shown to staff and never sent to the customer.
    const seenByCustomer: Message[] = [];
    a.socket.on('message', (m) => seenByCustomer.push(m));
    await page.getByRole('radio', { name: 'Internal note' }).check();
    await box.fill('Refund approved by finance; double charge confirmed.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.locator('.msg.internal').waitFor();
    await page.getByRole('radio', { name: 'Reply' }).check();

    // More of a queue for the screenshot: two people waiting now that someone is online.
    await customer('https://shop.example.com/cart', 'the discount code SPRING does not apply', 'can a human help me?');
    await customer('https://shop.example.com/orders/1182', 'wrong size delivered, I want a human');
    await expect.poll(() => page.locator('.group-waiting [data-conversation]').count()).toBe(2);
    expect(await page.locator('.group-waiting [data-conversation] strong').count()).toBe(2);

    mkdirSync(OUTPUT, { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe('PNG');
    if (UPDATE_DOCS) copyFileSync(SCREENSHOT, `${ROOT}docs/images/console.png`);
    expect(seenByCustomer.filter((m) => /Refund approved/.test(m.text))).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.close();
  });

  it('tells a customer the website signed in from one who only claims a name', async () => {
    const staff = await staffAccount(server, 'Vera');
    const claimed = await connectCustomer(server.url);
    customers.push(claimed.socket);
    await request(claimed.socket, 'identify', { id: 'ceo', name: 'Claimed Carl', email: 'ceo@shop.example.com' });
    await request(claimed.socket, 'message:send', { clientId: 'v1', text: 'a human please' });
    const token = await new SignJWT({ name: 'Signed Sue' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('sue')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(IDENTITY_SECRET));
    const signed = await connectCustomer(server.url, { user: token });
    customers.push(signed.socket);
    await request(signed.socket, 'message:send', { clientId: 'v2', text: 'a human please' });

    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    try {
      await signIn(page, staff.email, staff.password);
      const tagOf = (id: string) => page.locator(`[data-conversation="${id}"] .tag.identity`);
      await tagOf(claimed.session.conversationId).waitFor({ timeout: 15_000 });
      expect(await tagOf(claimed.session.conversationId).textContent()).toBe('unverified');
      expect(await tagOf(signed.session.conversationId).textContent()).toBe('✓ verified');
      await page.locator(`[data-conversation="${claimed.session.conversationId}"]`).click();
      await expect.poll(() => page.locator('.conv-head h2').textContent()).toBe('Claimed Carl unverified');
    } finally {
      await page.close();
    }
  });

  it.runIf(WIDGET_BUILT)('a reply typed in the console appears in the real widget on a host page', async () => {
    const maria = await staffAccount(server, 'Ana');
    const example = readFileSync(`${ROOT}examples/script-tag/index.html`, 'utf8').replaceAll(
      'http://127.0.0.1:3000',
      server.url,
    );
    const host = await hostPage(example);
    const shop = await browser.newPage();
    const consolePage = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    try {
      await shop.goto(host.url);
      await chatOnHostPage(shop, 'I need a human, my order is stuck');

      await signIn(consolePage, maria.email, maria.password);
      const row = consolePage.locator('.group-waiting [data-conversation]', { hasText: new URL(host.url).host });
      await row.waitFor({ timeout: 15_000 });
      await row.click();
      await consolePage.getByRole('button', { name: 'Take' }).click();
      await expect
        .poll(() => shop.locator('switchboard-chat >> .msg.system').allTextContents(), { timeout: 15_000 })
        .toContain('Ana joined');
      await consolePage.locator('.composer textarea').fill('Hello from Ana in the console!');
      await consolePage.getByRole('button', { name: 'Send' }).click();
      await expect
        .poll(() => shop.locator('switchboard-chat >> .msg.human').allTextContents(), { timeout: 15_000 })
        .toEqual([expect.stringContaining('Hello from Ana in the console!')]);
    } finally {
      await shop.close();
      await consolePage.close();
      await host.close();
    }
  });
});
