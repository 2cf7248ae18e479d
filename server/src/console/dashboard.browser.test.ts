import { copyFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { chromiumAvailable, launchBrowser, OUTPUT } from '../../../widget/e2e/browser.js';
import { escalatingAgents, staffAccount } from '../testing/handoff.js';
import { connectCustomer, nextEvent, request, startTestServer } from '../testing/harness.js';
import { buildConsole } from './browser-world.js';
import { needService } from '../testing/services.js';

const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());
const ROOT = new URL('../../../', import.meta.url).pathname;
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

describe.runIf(available)('analytics dashboard in the console', () => {
  beforeAll(async () => {
    buildConsole();
    server = await startTestServer({ agents: escalatingAgents, logLevel: 'silent' });
    browser = await launchBrowser();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows an admin the figures and charts for the period, and hides it from agents', async () => {
    for (const texts of [['my invoice is wrong'], ['the app crashes', 'I want a human'], ['refund please']]) {
      const c = await connectCustomer(server.url);
      for (const [i, text] of texts.entries()) {
        const answered = nextEvent<Message>(c.socket, 'message', (m) => m.role === 'ai' || m.role === 'system');
        await request(c.socket, 'message:send', { clientId: `d${i}`, text });
        await answered;
      }
      c.socket.disconnect();
    }
    const admin = await staffAccount(server, 'Ada', 'admin');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.addInitScript((token) => sessionStorage.setItem('switchboard.console.token', token), admin.token);
    await page.goto(`${server.url}/console`);
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await expect.poll(() => page.locator('.dashboard .card .num').first().textContent(), { timeout: 15_000 }).toBe('3');
    expect(await page.locator('.dashboard svg.chart rect').count()).toBeGreaterThan(0);
    expect(await page.locator('.dashboard svg.gauge').count()).toBe(2);
    expect(await page.getByRole('img', { name: 'Escalation rate: 33%' }).count()).toBe(1);
    // No votes yet: the answer confidence is the shipped one until calibrationMinVotes (30).
    expect(await page.getByRole('heading', { name: 'Answer confidence from votes' }).count()).toBe(1);
    expect(await page.getByText('0 of 30 votes on sourced answers').count()).toBe(1);
    await page.screenshot({ path: `${OUTPUT}dashboard.png`, fullPage: true });
    // docs/images is refreshed only when asked (as console.browser.test does), so test runs leave the tree clean.
    if (process.env.SWITCHBOARD_UPDATE_SCREENSHOTS === '1')
      copyFileSync(`${OUTPUT}dashboard.png`, `${ROOT}docs/images/dashboard.png`);
    expect(errors).toEqual([]);

    const agent = await staffAccount(server, 'Tom', 'agent');
    const other = await browser.newPage();
    await other.addInitScript((token) => sessionStorage.setItem('switchboard.console.token', token), agent.token);
    await other.goto(`${server.url}/console`);
    await other.locator('.topbar').waitFor();
    expect(await other.getByRole('button', { name: 'Dashboard' }).count()).toBe(0);
    const res = await fetch(`${server.url}/api/analytics`, { headers: { authorization: `Bearer ${agent.token}` } });
    expect(res.status).toBe(403);
  });
});
