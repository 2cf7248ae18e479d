import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable } from '../../../widget/e2e/browser.js';
import { staffAccount } from '../testing/handoff.js';
import { request } from '../testing/harness.js';
import { needService } from '../testing/services.js';
import { CONSOLE_BUILT, signIn, useConsoleWorld } from './browser-world.js';

// A staff member with the console in a tab hears about new waiting conversations and customer messages in their own.
const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());

// Observes (does not replace) the browser's Notification and Web Audio: the real ones still run.
const OBSERVE = `(() => {
  window.shown = []; window.tones = 0;
  const Real = window.Notification;
  class Observed extends Real { constructor(title, options) { super(title, options); window.shown.push({ title, body: options && options.body, tag: options && options.tag }); } }
  Object.defineProperty(Observed, 'permission', { get: () => Real.permission });
  Observed.requestPermission = (...a) => Real.requestPermission(...a);
  window.Notification = Observed;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...a) { window.tones++; return start.apply(this, a); };
})();`;

const shown = (page: Page) =>
  page.evaluate(() => (window as unknown as { shown: Array<{ title: string; body: string }> }).shown);
const tones = (page: Page) => page.evaluate(() => (window as unknown as { tones: number }).tones);

describe.runIf(available && CONSOLE_BUILT)('console notifications in Chromium (after npm run build)', () => {
  const world = useConsoleWorld();

  it('notifies (browser notification, sound, tab title) about a new waiting conversation and a customer message in my conversation', async () => {
    const { server, browser, customer } = world;
    const agent = await staffAccount(server, 'Notified Staff');
    const context = await browser.newContext({ viewport: { width: 1360, height: 820 } });
    await context.grantPermissions(['notifications'], { origin: server.url });
    await context.addInitScript(OBSERVE);
    const page = await context.newPage();
    await signIn(page, server.url, agent);

    // Turn the sound on; the setting is saved for this person on the server.
    await page.getByText('Notifications', { exact: true }).click();
    await page.getByLabel('Sound').check();
    await expect.poll(async () => (await server.handoff.settings.notifications(agent.id)).sound).toBe(true);
    await page.getByText('Notifications', { exact: true }).click();

    const browsing = await customer('Bea', 'just browsing, how do I log in');
    const ines = await customer('Ines', 'I need a human please');
    await expect
      .poll(() => shown(page), { timeout: 15_000 })
      .toEqual([expect.objectContaining({ title: 'Waiting for a person', body: expect.stringContaining('Ines') })]);
    expect(await tones(page)).toBeGreaterThan(0);
    expect(await page.title()).toBe('(1) Switchboard console');

    // Opening it counts as seen.
    await page.locator('.group-waiting [data-conversation]', { hasText: 'Ines' }).click();
    await expect.poll(() => page.title()).toBe('Switchboard console');
    await page.getByRole('button', { name: 'Take' }).click();
    await expect.poll(() => page.locator('.group-mine [data-conversation]').count()).toBe(1);

    // While I look at it, a customer message is not announced; once I look elsewhere, it is.
    await request(ines.socket, 'message:send', { clientId: 'k2', text: 'thanks for taking this' });
    await expect.poll(() => page.locator('.group-mine .preview').textContent()).toContain('thanks for taking this');
    expect(await shown(page)).toHaveLength(1);
    await page.locator('[data-conversation]', { hasText: 'Bea' }).click();
    await request(ines.socket, 'message:send', { clientId: 'k3', text: 'my order number is 4417' });
    await expect
      .poll(() => shown(page).then((s) => s.map((n) => n.title)))
      .toEqual(['Waiting for a person', 'New message from Ines']);
    expect(await page.title()).toBe('(1) Switchboard console');
    // A message in a conversation that is not mine is not announced.
    await request(browsing.socket, 'message:send', { clientId: 'k2', text: 'and where is the settings page' });
    await expect
      .poll(() => page.locator('[data-conversation]', { hasText: 'Bea' }).locator('.preview').textContent())
      .toContain('settings page');
    expect(await shown(page)).toHaveLength(2);

    // The settings follow the person: after a reload the sound is still on.
    await page.reload();
    await page.getByText('Notifications', { exact: true }).click();
    expect(await page.getByLabel('Sound').isChecked()).toBe(true);
    await context.close();
  });
});
