import { describe, expect, it } from 'vitest';
import { needService } from '../../server/src/testing/services.js';
import { chromiumAvailable, inWidget, OUTPUT, seriousA11yViolations, useWorld, widgetLoaded } from './browser.js';

const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());
const grace = { id: 's_grace', name: 'Grace', role: 'agent' as const, kind: 'session' as const };

describe.runIf(available)('handoff to a person, seen from the widget (Chromium)', () => {
  const world = useWorld({ kb: ['examples/demo-kb'] });

  it('AI answer, then a person joins (notice + name), replies, closes, and the customer rates the chat', async () => {
    const { server, browser, host } = world;
    const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
    await page.goto(host.url);
    await page.evaluate(() => {
      const w = window as unknown as { conversation?: string };
      document.addEventListener(
        'switchboard:ready',
        (e) => (w.conversation = (e as CustomEvent).detail.conversationId),
      );
    });
    await widgetLoaded(page);
    await page.evaluate(() => (window as unknown as { Switchboard(c: string): void }).Switchboard('open'));
    const box = inWidget(page, 'textarea');
    await box.fill('How do I reset my password?');
    await box.press('Enter');
    await expect.poll(() => inWidget(page, '.msg.ai').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await box.fill('I want to talk to a person please');
    await box.press('Enter');
    await expect
      .poll(() => inWidget(page, '.handoff').textContent(), { timeout: 15_000 })
      .toMatch(/connected to a person/);
    // Nobody is online: the widget offers to take an e-mail address (offline ticket).
    const email = inWidget(page, '.email input');
    if (await email.count()) {
      await email.fill('ada@example.com');
      await inWidget(page, '.email button').click();
      await expect
        .poll(
          async () =>
            (await server.db.query<{ contact_email: string }>('SELECT contact_email FROM conversations'))[0]
              ?.contact_email,
        )
        .toBe('ada@example.com');
    }
    const conversationId = await page.evaluate(() => (window as unknown as { conversation: string }).conversation);
    await server.handoff.claim(conversationId, grace);
    await expect.poll(() => inWidget(page, '.handoff').textContent()).toMatch(/chatting with\s*Grace/);
    await server.handoff.sendMessage(grace, {
      conversationId,
      clientId: 'h1',
      text: 'Hi, I am **Grace**. I have sent you a new reset link.',
    });
    await expect.poll(() => inWidget(page, '.msg.human .author').textContent()).toBe('Grace');
    expect(await inWidget(page, '.msg.human strong').textContent()).toBe('Grace');
    await page.screenshot({ path: `${OUTPUT}widget-handoff.png` });
    expect(await seriousA11yViolations(page)).toEqual([]);

    await server.handoff.release(conversationId, grace, 'closed');
    const stars = inWidget(page, '.rating .star');
    await expect.poll(() => stars.count(), { timeout: 15_000 }).toBe(5);
    await stars.nth(4).click();
    await inWidget(page, '.rating textarea').fill('Quick and kind');
    await inWidget(page, '.rating button[type="submit"]').click();
    await expect.poll(() => inWidget(page, '.rating').count()).toBe(0);
    await expect
      .poll(async () => server.db.query<{ rating: number; comment: string }>('SELECT rating, comment FROM csat'))
      .toEqual([{ rating: 5, comment: 'Quick and kind' }]);
    await page.close();
  });
});
