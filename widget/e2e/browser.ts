import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startTestServer } from '../../server/src/testing/harness.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OUTPUT = new URL('../../test-output/', import.meta.url).pathname;
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Launch Debian's Chromium headless (a fresh temporary profile each time) with the flags that keep it off the network. */
export async function launchBrowser(): Promise<Browser> {
  mkdirSync(OUTPUT, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export const chromiumAvailable = (): boolean => existsSync(CHROMIUM);

/** Serve one HTML page from another origin (127.0.0.2 by default), as a host website would, with optional headers (CSP). */
export async function hostPage(
  html: string,
  options: { host?: string; headers?: Record<string, string> } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const host = options.host ?? '127.0.0.2';
  const server = http.createServer((req, res) => {
    // The page itself, whatever its query string (`/?switchboard=open` is a link the loader reads).
    if ((req.url ?? '/').split('?')[0] !== '/') {
      res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...options.headers });
    res.end(html);
  });
  await new Promise<void>((r) => server.listen(0, host, r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/`,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** The script-tag example page, pointed at `serverUrl`, with optional extra attributes replacing `data-locale`. */
export function snippetPage(serverUrl: string, attributes = 'data-locale="auto"'): string {
  const example = readFileSync(new URL('../../examples/script-tag/index.html', import.meta.url), 'utf8');
  return example.replaceAll('http://127.0.0.1:3000', serverUrl).replace('data-locale="auto"', attributes);
}

/** Elements inside the widget's shadow root (Playwright's CSS engine pierces open shadow roots). */
export const inWidget = (page: Page, selector: string) => page.locator(`switchboard-chat >> ${selector}`);

/** Show intent (the pointer over the loader's launcher, which fetches the bundle), then wait for the hand-over. */
export async function widgetLoaded(page: Page): Promise<void> {
  const loaderButton = page.locator('div >> button[aria-label]').first();
  const handedOver = () =>
    page.evaluate(() => (window as unknown as { Switchboard?: { loaded?: boolean } }).Switchboard?.loaded === true);
  if (!(await handedOver()) && (await loaderButton.count())) await loaderButton.hover().catch(() => undefined);
  await page.waitForFunction(
    () => (window as unknown as { Switchboard?: { loaded?: boolean } }).Switchboard?.loaded === true,
    null,
    { timeout: 20_000 },
  );
}

/** Click the loader's launcher on a host page, send one message, and wait until the server answered (AI or system notice). */
export async function chatOnHostPage(page: Page, text: string, answer = '.msg.system'): Promise<void> {
  await page.locator('div >> button[aria-label="Open chat"]').first().click();
  const box = inWidget(page, 'textarea');
  await box.waitFor();
  await box.fill(text);
  await box.press('Enter');
  await page.waitForFunction(
    (sel) => !!document.querySelector('switchboard-chat')?.shadowRoot?.querySelector(sel),
    answer,
    { timeout: 15_000 },
  );
}

/** Page errors, console errors and CSP violations seen by a page, for "never breaks the host page" checks. */
export function watchPage(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return { errors };
}

/** Run axe-core on the page; returns the serious and critical violations (rule id, impact, a short node excerpt). */
export async function seriousA11yViolations(page: Page): Promise<Array<{ id: string; impact: string; nodes: string }>> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: unknown,
            o: unknown,
          ): Promise<{ violations: Array<{ id: string; impact: string; nodes: unknown[] }> }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: JSON.stringify(v.nodes).slice(0, 600) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

type ServerOptions = Parameters<typeof startTestServer>[0];

/** What a browser test suite shares: a real server on 127.0.0.1, Chromium, and the snippet page on 127.0.0.2. */
export interface World {
  server: Awaited<ReturnType<typeof startTestServer>>;
  browser: Browser;
  /** The script-tag example page served from the other origin. */
  host: Awaited<ReturnType<typeof hostPage>>;
}

/** Register beforeAll/afterAll hooks that start and stop the world; read its fields inside tests. */
export function useWorld(serverOptions: ServerOptions | (() => Promise<ServerOptions>) = {}): World {
  const world = {} as World;
  beforeAll(async () => {
    world.server = await startTestServer(typeof serverOptions === 'function' ? await serverOptions() : serverOptions);
    world.host = await hostPage(snippetPage(world.server.url));
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.host?.close();
    await world.server?.close();
  });
  return world;
}
