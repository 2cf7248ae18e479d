import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../../server/src/testing/harness.js';
import { needService } from '../../server/src/testing/services.js';
import { chromiumAvailable, hostPage, inWidget, launchBrowser, OUTPUT, watchPage, widgetLoaded } from './browser.js';

const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const pages: Array<{ close(): Promise<void> }> = [];

async function serve(html: string, headers?: Record<string, string>): Promise<string> {
  const page = await hostPage(html, { headers });
  pages.push(page);
  return page.url;
}

/** Send a message from the open panel and wait until the server stored it and something answered. */
async function sendAndAwaitReply(page: Page, text: string): Promise<void> {
  const box = inWidget(page, 'textarea');
  await box.fill(text);
  await box.press('Enter');
  await expect
    .poll(() => inWidget(page, '.msg.customer:not(.pending)').count(), { timeout: 15_000 })
    .toBeGreaterThan(0);
  await expect.poll(() => inWidget(page, '.msg.ai, .msg.system').count(), { timeout: 15_000 }).toBeGreaterThan(0);
}

describe.runIf(available)('embedding the widget in hostile and strict pages (Chromium)', () => {
  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    for (const p of pages) await p.close();
    await server?.close();
  });

  it('runs under a strict CSP (no unsafe-inline, no unsafe-eval) with the directives from docs/csp.md, replaying calls queued before load', async () => {
    const ws = server.url.replace(/^http/, 'ws');
    const csp = `default-src 'none'; script-src 'nonce-n0nce' ${server.url}; connect-src ${server.url} ${ws}; style-src 'nonce-n0nce'; img-src 'none'; base-uri 'none'; form-action 'none'`;
    const url = await serve(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Strict shop</title></head><body><h1>Strict shop</h1>
      <script nonce="n0nce">window.violations = []; document.addEventListener('securitypolicyviolation', (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
      window.Switchboard = window.Switchboard || function () { (window.Switchboard.q = window.Switchboard.q || []).push([].slice.call(arguments)); };
      Switchboard('on', 'open', () => (window.opened = true));
      Switchboard('open');</script>
      <script async nonce="n0nce" src="${server.url}/widget.js" data-server="${server.url}" data-title="Strict help"></script></body></html>`,
      { 'content-security-policy': csp },
    );
    const page = await browser.newPage();
    const watch = watchPage(page);
    await page.goto(url);
    // The calls queued by the stub before the loader ran are replayed: the panel opens by itself, the listener fires.
    await widgetLoaded(page);
    await inWidget(page, 'textarea').waitFor();
    expect(await page.evaluate(() => (window as unknown as { opened?: boolean }).opened)).toBe(true);
    await sendAndAwaitReply(page, 'hello from a strict page');
    // Styles applied: the panel is a positioned, sized box, not unstyled flow content.
    const panel = await inWidget(page, '.panel').boundingBox();
    expect(panel!.width).toBeGreaterThan(300);
    expect(await page.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    expect(watch.errors).toEqual([]);
    await page.screenshot({ path: `${OUTPUT}widget-strict-csp.png` });
    await page.close();
  });

  it('as a custom element: page CSS does not reach in, widget CSS does not leak out, switchboard:* DOM events fire', async () => {
    const url = await serve(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Hostile CSS</title>
      <style>* { color: #f00 !important; font-size: 40px !important; font-family: serif !important; line-height: 3 !important; } button { display: none !important; } div, li, ol { border: 5px solid lime !important; margin: 30px !important; }</style></head>
      <body><p id="probe">Page text</p>
      <script>window.events = []; for (const n of ['ready', 'open', 'close', 'message', 'connection']) document.addEventListener('switchboard:' + n, (e) => window.events.push(n));</script>
      <script src="${server.url}/widget/switchboard-widget.js"></script>
      <switchboard-chat server="${server.url}" title="Assistance" locale="fr" color="#0f766e" position="left"></switchboard-chat></body></html>`);
    const page = await browser.newPage();
    const watch = watchPage(page);
    await page.goto(url);
    const probe = () =>
      page.evaluate(() => {
        const s = getComputedStyle(document.getElementById('probe')!);
        return {
          color: s.color,
          size: s.fontSize,
          family: s.fontFamily,
          sheets: document.styleSheets.length,
          adopted: document.adoptedStyleSheets.length,
        };
      });
    const before = await probe();
    const launcher = inWidget(page, 'button.launcher');
    await launcher.waitFor();
    expect(await launcher.getAttribute('aria-label')).toBe('Ouvrir le chat');
    expect(await launcher.isVisible()).toBe(true);
    const box = await launcher.boundingBox();
    expect(box!.x).toBeLessThan(100);
    await launcher.click();
    await inWidget(page, 'textarea').waitFor();
    await sendAndAwaitReply(page, 'bonjour');
    const bubble = await inWidget(page, '.msg.customer')
      .first()
      .evaluate((el) => {
        const s = getComputedStyle(el);
        return { color: s.color, size: s.fontSize, border: s.borderTopWidth, background: s.backgroundColor };
      });
    expect(bubble).toEqual({
      color: 'rgb(255, 255, 255)',
      size: '15px',
      border: '0px',
      background: 'rgb(15, 118, 110)',
    });
    expect(await probe()).toEqual(before);
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { events: string[] }).events))
      .toEqual(expect.arrayContaining(['ready', 'open', 'message', 'connection']));
    expect(watch.errors).toEqual([]);
    await page.screenshot({ path: `${OUTPUT}widget-hostile-css.png` });
    await page.close();
  });

  it('SDK: opened from the page’s own button (no launcher), focus returns there, destroy leaves no node and no socket', async () => {
    const url = await serve(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>SDK</title></head><body>
      <button id="help" type="button">Get help</button>
      <script src="${server.url}/widget/switchboard-widget.js"></script>
      <script>window.chat = SwitchboardWidget.createChat({ server: '${server.url}', launcher: false, theme: 'dark' });
      document.getElementById('help').addEventListener('click', () => window.chat.open());</script></body></html>`);
    const page = await browser.newPage();
    const watch = watchPage(page);
    await page.goto(url);
    await page.locator('#help').focus();
    await page.keyboard.press('Enter');
    await inWidget(page, 'textarea').waitFor();
    expect(await inWidget(page, 'button.launcher').count()).toBe(0);
    await sendAndAwaitReply(page, 'sdk hello');
    await page.screenshot({ path: `${OUTPUT}widget-dark.png` });
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('help');
    const sockets = () => server.io.of('/chat').sockets.size;
    expect(sockets()).toBeGreaterThan(0);
    await page.evaluate(() => {
      const w = window as unknown as { chat: { destroy(): void; open(): void; send(t: string): void } };
      w.chat.destroy();
      w.chat.destroy();
      w.chat.open();
      w.chat.send('after destroy');
    });
    expect(await page.evaluate(() => document.querySelectorAll('switchboard-chat').length)).toBe(0);
    await expect.poll(sockets).toBe(0);
    expect(watch.errors).toEqual([]);
    await page.close();
  });
});
