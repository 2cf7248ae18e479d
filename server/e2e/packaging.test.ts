// The packaging test: what a website owner does with the two tarballs, outside the repository and offline.
// Pack both workspaces, install them into a temporary folder (no allowScripts, no CUDA opt-out), add a staff account,
// run `npx switchboard serve --kb <folder>`, then check in Chromium that /widget.js loads on a host page, a question
// gets an answer from that folder, and /console signs in.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumAvailable,
  hostPage,
  inWidget,
  launchBrowser,
  snippetPage,
  widgetLoaded,
} from '../../widget/e2e/browser.js';
import { spawnServer } from '../src/testing/processes.js';
import { needService } from '../src/testing/services.js';
import { folderBytes, installTarballs, packagesWithInstallScripts, packWorkspaces } from './tarball-install.js';

const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());
const ROOT = new URL('../../', import.meta.url).pathname;
const MB = 1024 * 1024;
const PASSWORD = 'correct horse battery';

/** A clean environment, as in a user's shell: nothing from the repository's test run leaks in. */
const userEnv = (): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
});

/** Start `npx switchboard serve …` in `cwd` (detached: a process group, so npx and node stop together). */
const serve = (cwd: string, args: string[]) =>
  spawnServer('npx', ['switchboard', 'serve', ...args], { cwd, env: userEnv(), detached: true });

describe.runIf(available)('packaging: tarballs installed outside the repository', () => {
  let dir: string;
  let app: string;
  let files: { widget: string[]; server: string[] };
  let server: Awaited<ReturnType<typeof serve>> | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    // The tarballs are packed from the current build; make it if a part is missing (pretest normally has).
    if (
      !existsSync(join(ROOT, 'widget/dist/switchboard-loader.js')) ||
      !existsSync(join(ROOT, 'server/dist/console/console.js'))
    )
      execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    dir = mkdtempSync(join(tmpdir(), 'sb-tarballs-'));
    const tarballs = packWorkspaces(join(dir, 'tarballs'));
    const list = (tgz: string) => execFileSync('tar', ['-tzf', tgz], { encoding: 'utf8' }).split('\n').filter(Boolean);
    files = { widget: list(tarballs.widget), server: list(tarballs.server) };
    app = join(dir, 'shop');
    installTarballs(app, tarballs);
    mkdirSync(join(app, 'help'));
    writeFileSync(
      join(app, 'help', 'delivery.md'),
      '# Delivery to the UK\n\nDelivery to the United Kingdom costs 7 pounds and takes three working days. Orders over 60 pounds ship free.\n',
    );
    const add = spawnSync(
      'npx',
      [
        'switchboard',
        'user',
        'add',
        '--email',
        'owner@shop.test',
        '--name',
        'Olive',
        '--role',
        'admin',
        '--password-stdin',
      ],
      { cwd: app, env: userEnv(), input: `${PASSWORD}\n`, encoding: 'utf8' },
    );
    expect(add.status, add.stderr).toBe(0);
    server = await serve(app, ['--kb', 'help', '--port', '0', '--log-level', 'warn']);
    browser = await launchBrowser();
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    if (server?.child.pid) {
      process.kill(-server.child.pid, 'SIGTERM');
      await server.exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ships compiled code and bundles, without tests or TypeScript sources', () => {
    for (const f of [...files.widget, ...files.server]) {
      expect(f).not.toMatch(
        /\.test\.|\.test-helpers\.|\.contract\.|\.corpus\.|\/src\/|\/testing\/|\.tsx?$(?<!\.d\.ts)/,
      );
    }
    expect(files.widget).toContain('package/dist/switchboard-loader.js');
    expect(files.server).toEqual(
      expect.arrayContaining([
        'package/bin/switchboard.mjs',
        'package/dist/cli/main.js',
        'package/dist/console/console.js',
        'package/dist/storage/migrations/001_core.sql',
      ]),
    );
  });

  it('installs without install scripts, without transformers.js or the AWS SDK, within 150 MB', () => {
    const nm = join(app, 'node_modules');
    expect(existsSync(join(nm, '@huggingface/transformers'))).toBe(false);
    expect(existsSync(join(nm, '@aws-sdk/client-s3'))).toBe(false);
    expect(existsSync(join(nm, 'onnxruntime-node'))).toBe(false);
    expect(existsSync(join(nm, 'tsx'))).toBe(false);
    expect(folderBytes(nm) / MB).toBeLessThanOrEqual(150);
    expect(packagesWithInstallScripts(app)).toEqual([]);
  });

  it('serves /widget.js; on a host page a question gets an answer from the --kb folder', async () => {
    const loader = await fetch(`${server!.url}/widget.js`);
    expect(loader.status).toBe(200);
    expect(loader.headers.get('content-type')).toMatch(/javascript/);
    const host = await hostPage(snippetPage(server!.url));
    try {
      const page = await browser!.newPage();
      await page.goto(host.url);
      await widgetLoaded(page);
      await page.evaluate(() => (window as unknown as { Switchboard(c: string): void }).Switchboard('open'));
      const box = inWidget(page, 'textarea');
      await box.fill('How much does delivery to the UK cost?');
      await box.press('Enter');
      await expect
        .poll(() => inWidget(page, '.msg.ai').allTextContents(), { timeout: 60_000 })
        .toEqual([expect.stringContaining('7 pounds')]);
      await page.close();
    } finally {
      await host.close();
    }
  });

  it('signs in to /console with the account made by `switchboard user add`', async () => {
    const page = await browser!.newPage();
    await page.goto(`${server!.url}/console`);
    await page.getByLabel('E-mail').fill('owner@shop.test');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 30_000 });
    await page.close();
  });

  it('names the optional package when the transformers: embedder is asked for (exit 2)', () => {
    const r = spawnSync(
      'npx',
      [
        'switchboard',
        'serve',
        '--embedder',
        'transformers:Xenova/all-MiniLM-L6-v2',
        '--data',
        'other-data',
        '--port',
        '0',
        '--no-demo',
      ],
      { cwd: app, env: userEnv(), encoding: 'utf8', timeout: 300_000 },
    );
    expect(r.stderr).toContain('npm install @huggingface/transformers');
    expect(r.status).toBe(2);
  });
});
