import { existsSync } from 'node:fs';
import { SignJWT } from 'jose';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chatOnHostPage, chromiumAvailable, hostPage, launchBrowser, OUTPUT } from '../../../widget/e2e/browser.js';
import { escalatingAgents, staffAccount } from '../testing/handoff.js';
import { startTestServer } from '../testing/harness.js';
import { needService } from '../testing/services.js';

// A host page identifies its user with signed attributes and adds unsigned ones; a staff member sees both in the console.
const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());
const ROOT = new URL('../../../', import.meta.url).pathname;
const BUILT =
  existsSync(`${ROOT}widget/dist/switchboard-loader.js`) && existsSync(`${ROOT}server/dist/console/console.js`);
const SECRET = 'host-backend-secret-for-console-attributes';

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;

describe.runIf(available && BUILT)(
  'custom attributes from the page to the console (Chromium; after npm run build)',
  () => {
    beforeAll(async () => {
      server = await startTestServer({ agents: escalatingAgents, identitySecret: SECRET, logLevel: 'silent' });
      browser = await launchBrowser();
    });
    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    it('signed attributes from identify and unsigned ones from setAttributes appear apart, marked, beside the conversation', async () => {
      const token = await new SignJWT({
        name: 'Ada Lovelace',
        attributes: { plan: 'pro', company: 'Analytical Engines' },
      })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject('ada-1')
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(new TextEncoder().encode(SECRET));
      const host =
        await hostPage(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Shop</h1>
      <script>window.Switchboard = window.Switchboard || function () { (window.Switchboard.q = window.Switchboard.q || []).push([].slice.call(arguments)); };
      Switchboard('identify', { token: ${JSON.stringify(token)} });
      Switchboard('setAttributes', { cart: 'c-991', plan: 'enterprise' });</script>
      <script async src="${server.url}/widget.js" data-server="${server.url}" data-title="Help"></script></body></html>`);
      const agent = await staffAccount(server, 'Attr Staff');
      const shop = await browser.newPage();
      const consolePage = await browser.newPage({ viewport: { width: 1360, height: 820 } });
      try {
        await shop.goto(host.url);
        await chatOnHostPage(shop, 'I need a human about my plan');

        await consolePage.goto(`${server.url}/console`);
        await consolePage.getByLabel('E-mail').fill(agent.email);
        await consolePage.getByLabel('Password').fill(agent.password);
        await consolePage.getByRole('button', { name: 'Sign in' }).click();
        await consolePage.locator('.group-waiting [data-conversation]', { hasText: 'Ada Lovelace' }).click();
        const panel = consolePage.getByRole('region', { name: 'Customer attributes' });
        // Name and value of each row (the row also has a "Find" button).
        const pairs = (kind: string) =>
          panel
            .locator(`.attr-${kind} .attr`)
            .evaluateAll((rows) =>
              rows.map((r) => `${r.querySelector('dt')?.textContent}${r.querySelector('.value')?.textContent}`),
            );
        await expect.poll(() => pairs('signed'), { timeout: 15_000 }).toEqual(['planpro', 'companyAnalytical Engines']);
        expect(await panel.locator('.attr-signed h4').textContent()).toMatch(/Verified/);
        expect(await panel.locator('.attr-unsigned h4').textContent()).toMatch(/Not verified/);
        expect(await pairs('unsigned')).toEqual(['cartc-991', 'planenterprise']);
        // A change made by the page later reaches the open console live.
        await shop.evaluate(() =>
          (window as unknown as { Switchboard(c: string, a: object): void }).Switchboard('setAttributes', {
            cart: null,
            step: 'checkout',
          }),
        );
        await expect.poll(() => pairs('unsigned'), { timeout: 15_000 }).toEqual(['planenterprise', 'stepcheckout']);
        await consolePage.screenshot({ path: `${OUTPUT}console-attributes.png` });
      } finally {
        await shop.close();
        await consolePage.close();
        await host.close();
      }
    });
  },
);
