import { existsSync } from 'node:fs';
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, hostPage, launchBrowser } from '../../../widget/e2e/browser.js';
import { hashPassword } from './passwords.js';
import { connectCustomer, request, startTestServer } from '../testing/harness.js';
import { needService } from '../testing/services.js';
import { INLINE_XSS, sharedXssCorpus } from './xss.corpus.js';

// XSS payloads through the widget (on a host page WITHOUT a CSP, so only safe rendering protects it) and the console.
const WIDGET_BUILT = existsSync(new URL('../../../widget/dist/switchboard-loader.js', import.meta.url));
const CONSOLE_BUILT = existsSync(new URL('../../dist/console/console.js', import.meta.url));
const available =
  (await needService('Chromium at /usr/bin/chromium', chromiumAvailable())) &&
  (await needService('the built widget (npm run build)', WIDGET_BUILT));
const shared = sharedXssCorpus();
if (!shared.length) console.warn('[skip] /work/shared/data/xss/rsnake.txt absent: only the inline XSS corpus runs');
const CORPUS = [...INLINE_XSS, ...shared];

/** Runs in every frame before any page script: calling __xss(), alert(), confirm() or prompt(), or a CSP violation, counts. */
const HOOK = `(() => {
  let count = 0;
  const hit = () => { count++; };
  Object.defineProperty(window, '__xssCount', { get: () => count });
  window.__xss = hit;
  window.alert = hit;
  window.confirm = hit;
  window.prompt = hit;
  document.addEventListener('securitypolicyviolation', hit);
})();`;

let server: Awaited<ReturnType<typeof startTestServer>>;
let browser: Browser;
const dialogs: string[] = [];

async function newPage(): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript(HOOK);
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('popup', (p) => dialogs.push(`popup ${p.url()}`));
  return page;
}

/** In every element under `root` (shadow roots included): no script/iframe/object/embed, no on* attribute, only safe URLs. */
async function unsafeMarkup(frame: Page | Frame, hostSelector?: string): Promise<string[]> {
  return frame.evaluate((sel) => {
    const problems: string[] = [];
    const start: Array<Element | ShadowRoot> = sel
      ? Array.from(document.querySelectorAll(sel)).map((e) => e.shadowRoot ?? e)
      : [document.body];
    const walk = (node: Element | ShadowRoot) => {
      for (const el of Array.from(node.querySelectorAll('*'))) {
        const tag = el.tagName.toLowerCase();
        // Inside rendered content (messages, inbox rows, conversation header) no active element may appear at all.
        const inContent = !!el.closest('.msg, .messages, .inbox, .conv-head, .summary');
        // The widget's own drawn icons (aria-hidden svg.icon directly inside its buttons, never inside message text) are UI, not content.
        const ownIcon =
          tag === 'svg' &&
          el.classList.contains('icon') &&
          el.getAttribute('aria-hidden') === 'true' &&
          el.parentElement?.tagName === 'BUTTON' &&
          !el.closest('.md');
        // The console's own inbox filter (the "Mine" checkbox in its label) is UI drawn by the console, not content.
        const ownControl = tag === 'input' && !!el.parentElement?.classList.contains('mine-filter');
        if (
          inContent &&
          !ownIcon &&
          !ownControl &&
          [
            'script',
            'iframe',
            'object',
            'embed',
            'base',
            'form',
            'svg',
            'math',
            'marquee',
            'details',
            'style',
            'input',
          ].includes(tag)
        )
          problems.push(`<${tag}> in content`);
        for (const attr of el.getAttributeNames()) if (attr.startsWith('on')) problems.push(`${tag}[${attr}]`);
        for (const attr of ['href', 'src', 'action', 'formaction', 'data']) {
          const v = el.getAttribute(attr);
          if (v && !/^(https?:|mailto:|\/|#|blob:|data:image\/)/i.test(v.trim()))
            problems.push(`${tag}[${attr}=${v.slice(0, 40)}]`);
        }
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    start.forEach(walk);
    return problems;
  }, hostSelector);
}

/** Hover, focus and click every rendered element except links, to fire any handler a payload might have smuggled in. */
async function poke(page: Page, hostSelector?: string): Promise<void> {
  await page.evaluate((sel) => {
    const roots: Array<Element | ShadowRoot> = sel
      ? Array.from(document.querySelectorAll(sel)).map((e) => e.shadowRoot ?? e)
      : [document.body];
    for (const root of roots) {
      for (const el of Array.from(root.querySelectorAll('.msg *, .messages *, .row *, .preview, .page'))) {
        for (const type of ['mouseover', 'mouseenter', 'focus', 'toggle', 'animationstart'])
          el.dispatchEvent(new Event(type, { bubbles: true }));
        if (!(el instanceof HTMLAnchorElement) && !(el instanceof HTMLButtonElement)) (el as HTMLElement).click?.();
      }
    }
  }, hostSelector);
  await page.waitForTimeout(500);
}

const executed = (page: Page) => page.evaluate(() => (window as unknown as { __xssCount: number }).__xssCount);

describe.runIf(available)('XSS corpus never executes', () => {
  let conversationId: string;
  beforeAll(async () => {
    server = await startTestServer({ adminToken: 'xss-admin-token-123' });
    await server.staff.create({
      email: 'agent@example.com',
      name: 'Agent',
      role: 'admin',
      passwordHash: await hashPassword('agent password 1'),
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the hook notices execution (control: an unsafe sink does trip it)', async () => {
    const control = await hostPage('<!doctype html><p>control</p>');
    const page = await newPage();
    await page.goto(control.url);
    await page.evaluate(() =>
      document.body.insertAdjacentHTML('beforeend', '<img src=x onerror="__xss()"><img src=y onerror="alert(1)">'),
    );
    await expect.poll(() => executed(page)).toBe(2);
    await page.close();
    await control.close();
  });

  it('in the widget on a third-party page without CSP: customer, AI, human and source titles', async () => {
    const host = await hostPage(`<!doctype html><html><head><title>Shop</title></head><body><h1>Shop</h1>
      <script async src="${server.url}/widget.js" data-server="${server.url}" data-title="Help"></script></body></html>`);
    const page = await newPage();
    try {
      await page.goto(host.url);
      await page.locator('div >> button[aria-label="Open chat"]').first().click();
      const box = page.locator('switchboard-chat >> textarea');
      await box.waitFor();
      // A few through the real composer, the whole corpus injected server-side (as stored AI/human/customer text).
      for (const payload of INLINE_XSS.slice(0, 4)) {
        await box.fill(payload);
        await box.press('Enter');
      }
      await expect
        .poll(() => page.locator('switchboard-chat >> .msg.customer:not(.pending)').count(), { timeout: 20_000 })
        .toBe(4);
      conversationId = (
        await server.db.query<{ id: string }>('SELECT id FROM conversations ORDER BY created_at DESC LIMIT 1')
      )[0].id;
      for (const [i, payload] of CORPUS.entries()) {
        const role = (['ai', 'human', 'customer'] as const)[i % 3];
        await server.service.addMessage(conversationId, {
          role,
          text: payload,
          author: role === 'human' ? payload : undefined,
          agent: role === 'ai' ? 'general' : undefined,
          sources:
            role === 'ai'
              ? [
                  {
                    id: `s${i}`,
                    title: payload,
                    url: i % 2 ? 'javascript:__xss()' : `https://example.com/${encodeURIComponent(payload)}`,
                  },
                ]
              : undefined,
        });
      }
      await server.service.addMessage(conversationId, { role: 'ai', text: 'END-OF-CORPUS', agent: 'general' });
      await page.locator('switchboard-chat >> .msg >> text=END-OF-CORPUS').waitFor({ timeout: 30_000 });
      await poke(page, 'switchboard-chat');
      expect(await unsafeMarkup(page, 'switchboard-chat')).toEqual([]);
      expect(await executed(page)).toBe(0);
      expect(dialogs).toEqual([]);
      // The text is still shown, as text.
      expect(await page.locator('switchboard-chat >> .msg').count()).toBeGreaterThanOrEqual(CORPUS.length);
    } finally {
      await page.close();
      await host.close();
    }
  });

  it.runIf(CONSOLE_BUILT)('in the staff console: messages, customer name, page URL, inbox preview', async () => {
    // A second customer whose profile fields are payloads too, escalated so the console lists them.
    const { socket, session } = await connectCustomer(server.url, {
      page: 'javascript:__xss()//<img src=x onerror=__xss()>',
    });
    await request(socket, 'identify', { name: '<img src=x onerror=__xss()>', email: 'x@example.com' });
    for (const payload of CORPUS.slice(0, 30))
      await server.service.addMessage(session.conversationId, { role: 'customer', text: payload });
    await server.service.escalate(session.conversationId, '<svg onload=__xss()>');
    await server.service.escalate(conversationId, '<img src=x onerror=__xss()>');
    socket.disconnect();

    const page = await newPage();
    try {
      await page.goto(`${server.url}/console`);
      await page.locator('input[name=email]').fill('agent@example.com');
      await page.locator('input[name=password]').fill('agent password 1');
      await page.locator('button[type=submit]').click();
      for (const id of [session.conversationId, conversationId]) {
        await page.locator(`button.row[data-conversation="${id}"]`).click({ timeout: 20_000 });
        await expect.poll(() => page.locator('.messages li').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(30);
        await poke(page);
      }
      expect(await unsafeMarkup(page)).toEqual([]);
      expect(await executed(page)).toBe(0);
      expect(dialogs).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
