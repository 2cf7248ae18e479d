import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, OUTPUT } from '../../../widget/e2e/browser.js';
import { connectStaff, staffAccount } from '../testing/handoff.js';
import { needService } from '../testing/services.js';
import { CONSOLE_BUILT, signIn, useConsoleWorld } from './browser-world.js';

// Capacity 1 each: a take or transfer beyond it is refused in the console with the reason; only an admin is offered
// the override, and it works.
const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());
const count = (page: Page, group: string) => page.locator(`.group-${group} [data-conversation]`).count();

describe.runIf(available && CONSOLE_BUILT)('capacity in the console in Chromium (after npm run build)', () => {
  const world = useConsoleWorld({ assignment: { strategy: 'round-robin', capacity: 1, sweepMs: 60_000 } });

  it('refuses a take beyond the capacity; an agent sees why, an admin may take or transfer anyway', async () => {
    const { server, browser, customer } = world;
    const ada = await staffAccount(server, 'Ada Admin', 'admin');
    const cleo = await staffAccount(server, 'Cleo Agent');
    const ben = await staffAccount(server, 'Ben Socket');
    const benSocket = (await connectStaff(server.url, ben.token)).socket;
    const adaPage = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    const cleoPage = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    await signIn(adaPage, server.url, ada);
    await signIn(cleoPage, server.url, cleo);
    await expect.poll(() => adaPage.locator('.group-waiting').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => cleoPage.locator('.group-waiting').count(), { timeout: 15_000 }).toBe(1);

    // Three people online with room for one each: three escalations are assigned, the fourth waits.
    for (const name of ['Pia', 'Quin', 'Rui', 'Sam']) await customer(name, `${name} needs a human please`);
    await expect.poll(() => count(adaPage, 'waiting'), { timeout: 15_000 }).toBe(1);
    expect(await count(adaPage, 'mine')).toBe(1);

    // Cleo (an agent) tries to take the waiting one: refused, told why, no override offered.
    await cleoPage.locator('.group-waiting [data-conversation]').click();
    await cleoPage.getByRole('button', { name: 'Take', exact: true }).click();
    await expect
      .poll(() => cleoPage.getByRole('alert').textContent(), { timeout: 10_000 })
      .toContain('You already hold 1 open conversation, the capacity of 1: close one first.');
    expect(await cleoPage.getByRole('button', { name: 'Take anyway' }).count()).toBe(0);

    // Ada (an admin) is refused too, but offered "Take anyway".
    await adaPage.locator('.group-waiting [data-conversation]').click();
    await adaPage.getByRole('button', { name: 'Take', exact: true }).click();
    const override = adaPage.getByRole('button', { name: 'Take anyway' });
    await expect.poll(() => override.count(), { timeout: 10_000 }).toBe(1);
    expect(await adaPage.locator('.override').textContent()).toContain('or go ahead anyway');
    await adaPage.screenshot({ path: `${OUTPUT}console-capacity.png` });
    await override.click();
    await expect.poll(() => count(adaPage, 'mine'), { timeout: 10_000 }).toBe(2);
    expect(await count(adaPage, 'waiting')).toBe(0);
    expect(await adaPage.locator('.override').count()).toBe(0);

    // Transferring to Ben, who is full, is refused with "Transfer anyway"; Ada goes ahead.
    await adaPage.getByLabel('Transfer to').selectOption({ label: 'Ben Socket' });
    await expect
      .poll(() => adaPage.locator('.override').textContent(), { timeout: 10_000 })
      .toContain('Ben Socket already holds 1 open conversation');
    await adaPage.getByRole('button', { name: 'Transfer anyway' }).click();
    await expect.poll(() => count(adaPage, 'mine'), { timeout: 10_000 }).toBe(1);
    const [{ n }] = await server.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'conversation.capacity_override'",
    );
    expect(Number(n)).toBe(2);
    benSocket.disconnect();
    await adaPage.close();
    await cleoPage.close();
  });
});
