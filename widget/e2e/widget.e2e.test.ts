import { copyFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { needService } from '../../server/src/testing/services.js';
import {
  chromiumAvailable,
  hostPage,
  inWidget,
  OUTPUT,
  seriousA11yViolations,
  snippetPage,
  useWorld,
  watchPage,
  widgetLoaded,
} from './browser.js';

const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());

/** The launcher, whichever is showing: the loader's (before hand-over) or the widget's. */
const launcher = (page: Page) => page.locator('button[aria-label^="Open chat"]').first();

async function openAndSend(page: Page, text: string) {
  await launcher(page).click();
  const box = inWidget(page, 'textarea');
  await box.waitFor();
  await box.fill(text);
  await box.press('Enter');
}

describe.runIf(available)('widget in Chromium on a third-party page (script-tag snippet)', () => {
  const world = useWorld({ kb: ['examples/demo-kb'] });

  it('paste-the-snippet flow: launcher, send, AI reply with agent and sources, history survives a reload', async () => {
    const { browser, host } = world;
    const page = await browser.newPage();
    const watch = watchPage(page);
    await page.goto(host.url);
    const stored = () =>
      page.evaluate(() =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith('switchboard:'))
          .sort(),
      );
    // Consent-friendly: the widget loads and connects but writes nothing to storage until the customer interacts.
    await widgetLoaded(page);
    expect(await stored()).toEqual([]);
    await openAndSend(page, 'I forgot my password');
    await expect.poll(stored).toContain('switchboard:visitor');
    await expect.poll(() => inWidget(page, '.msg.ai').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const ai = inWidget(page, '.msg.ai').first();
    expect(await ai.locator('.route').textContent()).toMatch(/technical/);
    expect(await ai.locator('.sources a').first().getAttribute('rel')).toBe('noopener noreferrer');
    expect(await page.title()).toBe('My shop');
    await page.screenshot({ path: `${OUTPUT}widget-desktop.png` });
    // The README's picture is refreshed only when asked: UPDATE_DOCS_IMAGES=1 npx vitest run widget/e2e
    if (process.env.UPDATE_DOCS_IMAGES === '1')
      copyFileSync(`${OUTPUT}widget-desktop.png`, new URL('../../docs/images/widget.png', import.meta.url).pathname);
    await page.reload();
    await launcher(page).click();
    await expect.poll(() => inWidget(page, '.msg.customer').count(), { timeout: 15_000 }).toBe(1);
    expect(await inWidget(page, '.msg.customer').first().textContent()).toContain('I forgot my password');
    expect(await inWidget(page, '.msg.ai').count()).toBeGreaterThan(0);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('keeps messages typed offline and delivers them exactly once when the connection returns', async () => {
    const { server, browser, host } = world;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(host.url);
    await openAndSend(page, 'first message');
    await expect.poll(() => inWidget(page, '.msg.customer:not(.pending)').count(), { timeout: 15_000 }).toBe(1);
    // Cut the network with the DevTools protocol; the browser's offline event tells the widget at once.
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: true,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await expect.poll(() => inWidget(page, '.status').textContent()).toMatch(/Reconnecting/);
    const box = inWidget(page, 'textarea');
    for (const text of ['typed while offline', 'and a second one']) {
      await box.fill(text);
      await box.press('Enter');
    }
    await expect.poll(() => inWidget(page, '.msg.pending').count()).toBe(2);
    await page.screenshot({ path: `${OUTPUT}widget-offline-pending.png` });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await expect.poll(() => inWidget(page, '.msg.pending').count(), { timeout: 30_000 }).toBe(0);
    const rows = await server.db.query<{ text: string; n: number }>(
      "SELECT text, count(*)::int AS n FROM messages WHERE text IN ('typed while offline', 'and a second one') GROUP BY text ORDER BY min(seq)",
    );
    expect(rows).toEqual([
      { text: 'typed while offline', n: 1 },
      { text: 'and a second one', n: 1 },
    ]);
    const shown = await inWidget(page, '.msg.customer').allTextContents();
    expect(shown.filter((t) => t.includes('typed while offline'))).toHaveLength(1);
    await context.close();
  });

  it('works with the keyboard alone and passes an axe scan without serious violations', async () => {
    const { server, browser, host } = world;
    const page = await browser.newPage();
    await page.goto(host.url);
    await widgetLoaded(page);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.querySelector('switchboard-chat')?.shadowRoot?.activeElement?.tagName))
      .toBe('TEXTAREA');
    await page.keyboard.type('hello');
    await page.keyboard.press('Enter');
    await expect.poll(() => inWidget(page, '.msg.customer').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => inWidget(page, '.msg.ai, .msg.system').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    // Tab reaches the reply's controls (feedback buttons) and Enter activates them.
    // The reply's thumbs are reachable and work from the keyboard; the vote reaches the server.
    const thumbs = inWidget(page, 'button.thumb');
    await expect.poll(() => thumbs.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await thumbs.first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => inWidget(page, '.fb[role="status"]').count()).toBeGreaterThan(0);
    await expect
      .poll(async () =>
        (await server.db.query<{ helpful: boolean }>('SELECT helpful FROM feedback')).map((r) => r.helpful),
      )
      .toContain(true);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect.poll(() => inWidget(page, '.panel').count()).toBe(0);
    expect(
      await page.evaluate(() => document.querySelector('switchboard-chat')?.shadowRoot?.activeElement?.className),
    ).toBe('launcher');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it("offers a clarifying question's closest articles as quick-reply buttons that work from the keyboard", async () => {
    const { browser, host } = world;
    const page = await browser.newPage();
    await page.goto(host.url);
    await openAndSend(page, 'zork password blarg');
    const buttons = inWidget(page, '.suggestions button.suggestion');
    await expect.poll(() => buttons.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await inWidget(page, '.suggestions').getAttribute('aria-label')).toBe('Suggested articles');
    const title = (await buttons.first().textContent())!.trim();
    await buttons.first().focus();
    await page.keyboard.press('Enter');
    // The chosen title is sent as the customer's next message; the buttons of an answered question go away.
    await expect.poll(() => inWidget(page, '.msg.customer').last().textContent(), { timeout: 15_000 }).toContain(title);
    await expect.poll(() => inWidget(page, '.msg.ai').count(), { timeout: 15_000 }).toBeGreaterThan(1);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await page.close();
  });

  it('fills a phone screen (launcher out of the way, 16px inputs) and mirrors for Arabic', async () => {
    const { server, browser } = world;
    const rtl = await hostPage(snippetPage(server.url, 'data-locale="ar"'));
    const page = await browser.newPage({ viewport: { width: 375, height: 700 }, isMobile: true, hasTouch: true });
    await page.goto(rtl.url);
    await widgetLoaded(page);
    await page.evaluate(() => (window as unknown as { Switchboard(cmd: string): void }).Switchboard('open'));
    const panel = inWidget(page, '.panel');
    await panel.waitFor();
    // The panel slides in; wait for the opening transition to settle before measuring it.
    await expect.poll(() => panel.boundingBox(), { timeout: 5_000 }).toEqual({ x: 0, y: 0, width: 375, height: 700 });
    expect(await inWidget(page, '.launcher').isVisible()).toBe(false);
    expect(await inWidget(page, '.root').getAttribute('dir')).toBe('rtl');
    expect(await inWidget(page, '.close').getAttribute('aria-label')).toBe('إغلاق المحادثة');
    const fontSize = await inWidget(page, 'textarea').evaluate((el) => getComputedStyle(el).fontSize);
    expect(parseFloat(fontSize)).toBeGreaterThanOrEqual(16);
    // In RTL the send button sits on the left of the text box.
    const send = await inWidget(page, 'button.send').boundingBox();
    const box = await inWidget(page, 'textarea').boundingBox();
    expect(send!.x).toBeLessThan(box!.x);
    await inWidget(page, 'textarea').fill('مرحبا، نسيت كلمة المرور');
    await inWidget(page, 'textarea').press('Enter');
    await expect.poll(() => inWidget(page, '.msg.customer:not(.pending)').count(), { timeout: 15_000 }).toBe(1);
    await page.screenshot({ path: `${OUTPUT}widget-mobile-rtl.png` });
    await page.close();
    await rtl.close();
  });
});
