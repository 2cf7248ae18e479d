import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser } from '../../../widget/e2e/browser.js';
import { staffAccount } from '../testing/handoff.js';
import { startTestServer } from '../testing/harness.js';
import { needService } from '../testing/services.js';
import { routeOf, writeTwoAgentsFile } from '../testing/two-agents.js';
import { buildConsole, signIn } from './browser-world.js';

// An admin runs the shop's support from the console alone: colleagues, API tokens, help-centre documents and agents.
const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());
let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
let admin: Page;

const ask = async (message: string) =>
  (await (
    await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ message }),
    })
  ).json()) as { reply: { role: string; text: string; sources?: Array<{ title: string }> } | null };
const sourcesOf = async (message: string) => (await ask(message)).reply?.sources?.map((s) => s.title) ?? [];
const me = (token: string) => fetch(`${server.url}/api/auth/me`, { headers: { authorization: `Bearer ${token}` } });

describe.runIf(available)('console admin screens in Chromium', () => {
  beforeAll(async () => {
    buildConsole();
    // The real agent layer (hash embedder): uploaded documents must answer customers.
    server = await startTestServer({ logLevel: 'silent' });
    browser = await launchBrowser();
    const account = await staffAccount(server, 'Ada', 'admin');
    admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await admin.addInitScript((token) => sessionStorage.setItem('switchboard.console.token', token), account.token);
    await admin.goto(`${server.url}/console#admin`);
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('an admin adds a colleague, who then signs in; agents see no Admin view', async () => {
    const form = admin.getByRole('form', { name: 'Add a staff account' });
    await form.getByLabel('Name').fill('Bea Colleague');
    await form.getByLabel('E-mail').fill('bea@example.test');
    await form.getByLabel('Role').selectOption('agent');
    await form.getByLabel('Initial password').fill('bea password 123');
    await form.getByRole('button', { name: 'Add account' }).click();
    await admin.getByRole('status').filter({ hasText: 'Added bea@example.test.' }).waitFor();
    await admin.locator('tr[data-email="bea@example.test"]').waitFor();

    const bea = await browser.newPage();
    await signIn(bea, server.url, { email: 'bea@example.test', password: 'bea password 123' });
    await expect.poll(() => bea.locator('.me').textContent(), { timeout: 15_000 }).toBe('Bea Colleague · agent');
    expect(await bea.getByRole('button', { name: 'Admin' }).count()).toBe(0);

    // Disabled, she can no longer sign in.
    await admin.locator('tr[data-email="bea@example.test"]').getByRole('button', { name: 'Disable' }).click();
    await admin.locator('tr[data-email="bea@example.test"] td', { hasText: 'disabled' }).waitFor();
    const refused = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bea@example.test', password: 'bea password 123' }),
    });
    expect(refused.status).toBe(401);
    await bea.close();
  });

  it('an admin creates an API token, shown once, that works until it is revoked', async () => {
    await admin.getByRole('button', { name: 'API tokens' }).click();
    const form = admin.getByRole('form', { name: 'Create an API token' });
    await form.getByLabel('Token name').fill('zendesk-sync');
    await form.getByLabel('Expires in').fill('30d');
    await form.getByRole('button', { name: 'Create token' }).click();
    const secret = (await admin.getByRole('status', { name: 'New token' }).textContent())!;
    expect(secret.length).toBeGreaterThan(20);
    expect((await me(secret)).status).toBe(200);
    await admin.getByRole('button', { name: 'Done' }).click();
    expect(await admin.locator('.secret').count()).toBe(0);

    const row = admin.locator('tr[data-token="zendesk-sync"]');
    await row.getByRole('button', { name: 'Revoke' }).click();
    await row.locator('td', { hasText: 'revoked' }).waitFor();
    expect((await me(secret)).status).toBe(401);
  });

  it('an uploaded document answers customers; removed, it no longer does', async () => {
    const question = 'how long does standard delivery take in working days?';
    expect(await sourcesOf(question)).not.toContain('Delivery times');
    await admin.getByRole('button', { name: 'Documents' }).click();
    const form = admin.getByRole('form', { name: 'Upload a document' });
    await form.getByLabel('File (Markdown, HTML or text)').setInputFiles({
      name: 'delivery.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(
        '---\ntitle: Delivery times\n---\nStandard delivery takes 3 to 5 working days to any address in the country.\n',
      ),
    });
    await form.getByRole('button', { name: 'Upload' }).click();
    await admin.getByRole('status').filter({ hasText: 'delivery.md: 1 document' }).waitFor();
    await admin.locator('tr[data-doc="delivery"]').waitFor();
    const answered = await ask(question);
    expect(answered.reply?.role).toBe('ai');
    expect(answered.reply!.sources?.map((x) => x.title)).toContain('Delivery times');
    expect(answered.reply!.text).toContain('3 to 5 working days');

    await admin.getByRole('button', { name: 'Remove delivery' }).click();
    await admin.getByRole('status').filter({ hasText: 'Removed delivery.' }).waitFor();
    expect(await admin.locator('tr[data-doc="delivery"]').count()).toBe(0);
    expect(await sourcesOf(question)).not.toContain('Delivery times');
  });

  it('shows the agents, their topics and thresholds', async () => {
    await admin.getByRole('button', { name: 'Agents' }).click();
    await admin.locator('tr[data-agent]').first().waitFor();
    const settings = await (
      await fetch(`${server.url}/api/admin/agents`, {
        headers: {
          authorization: `Bearer ${await admin.evaluate(() => sessionStorage.getItem('switchboard.console.token'))}`,
        },
      })
    ).json();
    expect(await admin.locator('tr[data-agent]').count()).toBe(settings.agents.length);
    expect(await admin.locator(`tr[data-agent="${settings.agents[0].name}"]`).textContent()).toContain(
      String(settings.agents[0].threshold),
    );
  });
  it('an admin changes an example and a threshold; the routing of the next message follows, without a restart', async () => {
    // A server with a small agents file of its own, whose routing the hash embedder makes predictable.
    const dir = mkdtempSync(join(tmpdir(), 'sb-admin-agents-ui-'));
    const shop = await startTestServer({ config: writeTwoAgentsFile(dir), logLevel: 'silent' });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await shop.learning!.idle();
      const owner = await staffAccount(shop, 'Olga', 'admin');
      await page.addInitScript((token) => sessionStorage.setItem('switchboard.console.token', token), owner.token);
      await page.goto(`${shop.url}/console#admin`);
      await page.getByRole('button', { name: 'Agents' }).click();
      const trainedAt = () => page.getByRole('status', { name: 'Router training' });
      await trainedAt().filter({ hasText: 'Router trained at' }).waitFor();
      const retrained = async () => {
        // "Retraining…" may be too short-lived to see; the model in force is what counts.
        await shop.learning!.idle();
        await expect.poll(() => trainedAt().getAttribute('data-training'), { timeout: 30_000 }).toBe('ready');
      };

      // An example: "return the box" went to shipping; filed under returns, it goes there.
      const phrasing = 'return the box';
      expect(await routeOf(shop.url, phrasing)).toMatchObject({ agent: 'shipping' });
      await page.getByRole('button', { name: 'Edit returns' }).click();
      const add = page.getByRole('form', { name: 'Add an example to refunds' });
      await add.getByLabel('New example').fill(phrasing);
      await add.getByRole('button', { name: 'Add example' }).click();
      await page.getByRole('status').filter({ hasText: 'Added an example to refunds' }).waitFor();
      await page.locator(`li[data-example="${phrasing}"]`).waitFor();
      await retrained();
      expect(await routeOf(shop.url, phrasing)).toMatchObject({ agent: 'returns' });

      // A threshold: above this message's confidence, it goes to a person.
      const unsure = 'the courier wants my money back';
      const before = await routeOf(shop.url, unsure);
      expect(before).toMatchObject({ agent: 'returns' });
      expect(before.confidence).toBeLessThan(0.99);
      const settings = page.getByRole('form', { name: 'Settings of returns' });
      await settings.getByLabel('Hand over below').fill('0.99');
      await settings.getByRole('button', { name: 'Save' }).click();
      await page.getByRole('status').filter({ hasText: 'Saved returns' }).waitFor();
      await page.locator('tr[data-agent="returns"] td', { hasText: '0.99' }).waitFor();
      await retrained();
      expect(await routeOf(shop.url, unsure)).toMatchObject({ agent: 'human', reason: 'low-confidence' });

      // Both edits are in the audit log under the admin's name.
      const audit = await (
        await fetch(`${shop.url}/api/admin/audit?action=agent.*`, {
          headers: { authorization: `Bearer ${owner.token}` },
        })
      ).json();
      expect(audit.entries.filter((e: { actor: string }) => e.actor === owner.id)).toHaveLength(2);
    } finally {
      await page.close();
      await shop.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
