import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../server/src/testing/harness.js';
import { needService } from '../server/src/testing/services.js';
import { chromiumAvailable, launchBrowser } from '../widget/e2e/browser.js';

const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());
const out = mkdtempSync(join(tmpdir(), 'sb-examples-'));
// The package as published: the ESM build that `npm run build` (run before `npm test`) writes.
const widgetDist = new URL('../widget/dist/index.js', import.meta.url).pathname;
let server: Awaited<ReturnType<typeof startTestServer>>;

/** Build an example app with Vite (the SDK resolved from source), pointing it at the test server. */
async function buildExample(name: string): Promise<string> {
  const root = new URL(`./${name}/`, import.meta.url).pathname;
  const dist = join(out, name);
  await build({
    root,
    logLevel: 'silent',
    resolve: { alias: { 'switchboard-chat': widgetDist } },
    define: { 'import.meta.env.VITE_SWITCHBOARD_URL': JSON.stringify(server.url) },
    // No JSX settings here: each example's own tsconfig.json decides, as in `npm run dev` from its README.
    build: { outDir: dist, emptyOutDir: true },
  });
  return dist;
}

/** Serve a built folder from 127.0.0.2 (another origin than the server). */
async function serve(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const s = http.createServer((req, res) => {
    const path = join(dir, req.url === '/' ? 'index.html' : decodeURIComponent(req.url!.split('?')[0]));
    if (!path.startsWith(dir) || !existsSync(path)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': path.endsWith('.js') ? 'text/javascript' : 'text/html' });
    res.end(readFileSync(path));
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.2', r));
  return {
    url: `http://127.0.0.2:${(s.address() as AddressInfo).port}/`,
    close: () => new Promise((r) => s.close(() => r())),
  };
}

describe.runIf(available)('example apps build and work in Chromium', () => {
  beforeAll(async () => {
    server = await startTestServer({ kb: ['examples/demo-kb'] });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(out, { recursive: true, force: true });
  });

  it('vite-sdk: buttons open the chat and the routed event updates the page', async () => {
    const site = await serve(await buildExample('vite-sdk'));
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(site.url);
      await page.click('#open');
      const box = page.locator('switchboard-chat >> textarea');
      await box.fill('how do I get a refund');
      await box.press('Enter');
      await expect.poll(() => page.locator('#routed').textContent(), { timeout: 15_000 }).toMatch(/billing/);
      await page.click('#close');
      await expect.poll(() => page.locator('switchboard-chat >> .panel').count()).toBe(0);
    } finally {
      await browser.close();
      await site.close();
    }
  });

  it('react-element: React renders <switchboard-chat> and hears its DOM events', async () => {
    const site = await serve(await buildExample('react-element'));
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(site.url);
      await page.locator('switchboard-chat >> button.launcher').click();
      const box = page.locator('switchboard-chat >> textarea');
      await box.fill('I forgot my password');
      await box.press('Enter');
      await expect.poll(() => page.locator('#agent').textContent(), { timeout: 15_000 }).toBe('technical');
    } finally {
      await browser.close();
      await site.close();
    }
  });
});
