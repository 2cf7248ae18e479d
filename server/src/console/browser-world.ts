import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import { launchBrowser } from '../../../widget/e2e/browser.js';
import { escalatingAgents } from '../testing/handoff.js';
import { connectCustomer, nextEvent, request, startTestServer, type ChatClient } from '../testing/harness.js';
import type { ServerOptions } from '../index.js';

/** True when `npm run build` has built the console these browser tests drive. */
export const CONSOLE_BUILT = existsSync(new URL('../../dist/console/console.js', import.meta.url).pathname);

/** Newest modification time of the files under `dir` (tests excluded). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && !entry.name.includes('.test.'))
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  return newest;
}

/**
 * Build the console bundle when it is older than its sources (a suite testing new screens must not drive a stale
 * build); `npm test` has just built it, so the browser suites do not each rebuild it (a minute each on 2 cores).
 */
export function buildConsole(): void {
  const root = new URL('../../../', import.meta.url).pathname;
  const bundle = join(root, 'server/dist/console/console.js');
  const sources = Math.max(
    newestSource(join(root, 'server/src/console')),
    newestSource(join(root, 'widget/src/protocol')),
  );
  if (existsSync(bundle) && statSync(bundle).mtimeMs >= sources) return;
  const r = spawnSync(
    process.execPath,
    [`${root}node_modules/rollup/dist/bin/rollup`, '-c', 'server/src/console/rollup.console.mjs', '--silent'],
    { cwd: root, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`console build failed: ${r.stderr}`);
}

/** What a console browser suite shares: a server with the escalating test agents, Chromium, and customer sockets. */
export interface ConsoleWorld {
  server: Awaited<ReturnType<typeof startTestServer>>;
  browser: Browser;
  /** Connect a named customer, send one message and wait for the answer (AI or system notice). */
  customer(name: string, text: string): Promise<{ socket: ChatClient; conversationId: string }>;
}

/** Register beforeAll/afterAll hooks for a console browser suite; read the fields inside tests. */
export function useConsoleWorld(options: ServerOptions = {}): ConsoleWorld {
  const sockets: ChatClient[] = [];
  const world = {
    async customer(name: string, text: string) {
      const c = await connectCustomer(world.server.url, { page: `https://shop.example/${name}` });
      sockets.push(c.socket);
      await request(c.socket, 'identify', { name });
      const answered = nextEvent<Message>(c.socket, 'message', (m) => m.role === 'ai' || m.role === 'system');
      await request(c.socket, 'message:send', { clientId: `k-${name}`, text });
      await answered;
      return { socket: c.socket, conversationId: c.session.conversationId };
    },
  } as ConsoleWorld;
  beforeAll(async () => {
    world.server = await startTestServer({ agents: escalatingAgents, logLevel: 'silent', ...options });
    world.browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await world.browser?.close();
    await world.server?.close();
  });
  return world;
}

/** Sign in to the console with an account's e-mail and password. */
export async function signIn(page: Page, url: string, account: { email: string; password: string }): Promise<void> {
  await page.goto(`${url}/console`);
  await page.getByLabel('E-mail').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
