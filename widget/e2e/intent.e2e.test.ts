import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { needService } from '../../server/src/testing/services.js';
import { chromiumAvailable, hostPage, inWidget, snippetPage, useWorld, watchPage, widgetLoaded } from './browser.js';

const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());
const BUNDLE = '/widget/switchboard-widget.js';

/** Every script the page fetched so far, with its gzip size (the server may send it uncompressed; gzip is what a CDN sends). */
function watchScripts(page: Page): Array<{ url: string; gzip: number }> {
  const seen: Array<{ url: string; gzip: number }> = [];
  page.on('response', async (r) => {
    if (r.request().resourceType() !== 'script') return;
    const body = await r.body().catch(() => Buffer.alloc(0));
    seen.push({ url: r.url(), gzip: gzipSync(body, { level: 9 }).length });
  });
  return seen;
}

/** Milliseconds from the next click on the page to the panel's text box being on screen, measured inside the page. */
async function armOpenTimer(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { clickAt?: number; openMs?: number };
    window.addEventListener('click', () => (w.clickAt ??= performance.now()), { capture: true });
    const tick = () => {
      const box = document.querySelector('switchboard-chat')?.shadowRoot?.querySelector('textarea');
      if (w.clickAt !== undefined && box && box.getBoundingClientRect().width > 0)
        w.openMs = performance.now() - w.clickAt;
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

const openMs = (page: Page) => page.evaluate(() => (window as unknown as { openMs?: number }).openMs);
const loaderButton = (page: Page) => page.locator('div >> button[aria-label^="Open chat"]').first();
const handedOver = (page: Page) =>
  page.evaluate(() => (window as unknown as { Switchboard?: { loaded?: boolean } }).Switchboard?.loaded === true);

describe.runIf(available)('the loader fetches the widget on intent (Chromium)', () => {
  const world = useWorld();

  it('a page view without interaction fetches only the loader (≤ 2.5 KB gzip) and preconnects to the server', async () => {
    const page = await world.browser.newPage();
    const scripts = watchScripts(page);
    const watch = watchPage(page);
    await page.goto(world.host.url, { waitUntil: 'load' });
    await loaderButton(page).waitFor();
    // Longer than the idle loading of data-preload="idle" (requestIdleCallback, 4 s timeout at most on a busy machine).
    await page.waitForTimeout(4_500);
    expect(scripts.map((s) => new URL(s.url).pathname)).toEqual(['/widget.js']);
    const bytes = scripts.reduce((n, s) => n + s.gzip, 0);
    console.log(`[intent] script bytes before any interaction: ${bytes} B gzip`);
    expect(bytes).toBeLessThanOrEqual(2.5 * 1024);
    expect(
      await page.evaluate(() =>
        [...document.querySelectorAll('link[rel="preconnect"]')].map((l) => (l as HTMLLinkElement).href),
      ),
    ).toEqual([`${world.server.url}/`]);
    expect(await handedOver(page)).toBe(false);
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it('the pointer over the launcher fetches the widget; the click opens it (time reported)', async () => {
    const page = await world.browser.newPage();
    const scripts = watchScripts(page);
    await page.goto(world.host.url);
    await armOpenTimer(page);
    await loaderButton(page).hover();
    await expect.poll(() => scripts.some((s) => s.url.endsWith(BUNDLE)), { timeout: 10_000 }).toBe(true);
    // A person's hover-to-click gap is a few hundred ms; clicking at once measures the worst case of that path.
    await page.locator('button[aria-label^="Open chat"]').first().click();
    await inWidget(page, 'textarea').waitFor();
    await expect.poll(() => openMs(page)).toBeGreaterThan(0);
    console.log(`[intent] hover then click → panel open: ${(await openMs(page))!.toFixed(0)} ms`);
    await page.close();
  });

  it('focus from the keyboard fetches the widget and a cold click (no hover) still opens it', async () => {
    const page = await world.browser.newPage();
    await page.goto(world.host.url);
    await loaderButton(page).waitFor();
    await page.keyboard.press('Tab');
    await widgetLoaded(page);
    await page.close();

    const cold = await world.browser.newPage();
    await cold.goto(world.host.url);
    await armOpenTimer(cold);
    // A click event without any pointer movement first (a screen reader's activation): fetch and open in one go.
    await loaderButton(cold).dispatchEvent('click');
    await inWidget(cold, 'textarea').waitFor({ timeout: 20_000 });
    await expect.poll(() => openMs(cold)).toBeGreaterThan(0);
    console.log(`[intent] cold click (bundle fetched on click) → panel open: ${(await openMs(cold))!.toFixed(0)} ms`);
    await cold.close();
  });

  it('a press that begins on the loader and ends after the hand-over still opens the chat', async () => {
    // The widget can arrive between a press and its release (the pointer over the button fetched it): the release then
    // lands on the widget's own launcher, and a browser fires no click for a press and release on different elements.
    const page = await world.browser.newPage();
    await page.goto(world.host.url);
    const box = (await loaderButton(page).boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await expect.poll(() => handedOver(page)).toBe(true);
    await page.mouse.up();
    await inWidget(page, 'textarea').waitFor();
    await page.close();
  });

  it('the chat link of a reply e-mail (#switchboard-open or ?switchboard=open) opens the chat on arrival', async () => {
    for (const suffix of ['#switchboard-open', '?switchboard=open']) {
      const page = await world.browser.newPage();
      await page.goto(`${world.host.url}${suffix}`);
      await inWidget(page, 'textarea').waitFor({ timeout: 20_000 });
      expect(await handedOver(page)).toBe(true);
      await page.close();
    }
    // Without it nothing opens (and nothing is fetched).
    const plain = await world.browser.newPage();
    await plain.goto(`${world.host.url}#other`);
    await loaderButton(plain).waitFor();
    await plain.waitForTimeout(1_000);
    expect(await handedOver(plain)).toBe(false);
    await plain.close();
  });

  it('data-preload="idle" keeps the old behaviour: the widget loads without interaction', async () => {
    const eager = await hostPage(snippetPage(world.server.url, 'data-locale="auto" data-preload="idle"'));
    const page = await world.browser.newPage();
    await page.goto(eager.url);
    await expect.poll(() => handedOver(page), { timeout: 20_000 }).toBe(true);
    await page.close();
    await eager.close();
  });
});
