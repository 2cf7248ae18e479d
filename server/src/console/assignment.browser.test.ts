import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, OUTPUT } from '../../../widget/e2e/browser.js';
import { connectStaff, staffAccount } from '../testing/handoff.js';
import { needService } from '../testing/services.js';
import { CONSOLE_BUILT, signIn, useConsoleWorld } from './browser-world.js';

// Two people online with round-robin assignment: each escalation lands on one of them without anyone clicking Take.
const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());
const names = (page: Page, group: string) =>
  page.locator(`.group-${group} [data-conversation] strong`).allTextContents();

describe.runIf(available && CONSOLE_BUILT)('auto-assignment in the console in Chromium (after npm run build)', () => {
  const world = useConsoleWorld({ assignment: { strategy: 'round-robin', capacity: 5 } });

  it('assigns escalations in turn; the inbox shows who has each, "Mine" filters, and the assignee can reply at once', async () => {
    const { server, browser, customer } = world;
    const ana = await staffAccount(server, 'Ana Console');
    const ben = await staffAccount(server, 'Ben Socket');
    const benSocket = (await connectStaff(server.url, ben.token)).socket;
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    await signIn(page, server.url, ana);
    await expect.poll(() => page.locator('.group-waiting').count(), { timeout: 15_000 }).toBe(1);

    await customer('Pia', 'I need a human about my refund');
    await customer('Quin', 'please get me a human');
    // Round-robin over two people: one each, nobody waiting.
    await expect
      .poll(async () => [(await names(page, 'mine')).length, (await names(page, 'colleagues')).length], {
        timeout: 15_000,
      })
      .toEqual([1, 1]);
    expect(await page.locator('.group-waiting [data-conversation]').count()).toBe(0);
    expect(await page.locator('.group-colleagues [data-conversation]').textContent()).toContain('Ben Socket');

    // "Mine" hides everything that is not assigned to me.
    await page.getByLabel('Mine').check();
    await expect.poll(() => page.locator('.inbox [data-conversation]').count()).toBe(1);
    await expect.poll(() => page.locator('.group-colleagues').count()).toBe(0);
    await page.screenshot({ path: `${OUTPUT}console-assignment.png` });

    // The assigned conversation is Ana's: the customer was told she joined, and she can reply without taking it.
    await page.locator('.group-mine [data-conversation]').click();
    await expect.poll(() => page.getByText('Ana Console joined').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect(page.getByRole('button', { name: 'Take' }).count()).resolves.toBe(0);
    await page.getByLabel('Mine').uncheck();
    await expect.poll(() => page.locator('.group-colleagues [data-conversation]').count()).toBe(1);

    // Manual transfer still works: Ana hands hers to Ben, who is online.
    await page.getByLabel('Transfer to').selectOption({ label: 'Ben Socket' });
    await expect.poll(() => page.locator('.group-colleagues [data-conversation]').count(), { timeout: 10_000 }).toBe(2);
    expect(await page.locator('.group-mine [data-conversation]').count()).toBe(0);
    benSocket.disconnect();
    await page.close();
  });
});
