import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAvailable, OUTPUT } from '../../../widget/e2e/browser.js';
import { staffAccount } from '../testing/handoff.js';
import { request } from '../testing/harness.js';
import { needService } from '../testing/services.js';
import { CONSOLE_BUILT, signIn, useConsoleWorld } from './browser-world.js';

// A support agent labels conversations, sees rule labels (the routed agent), and finds conversations by words and filters.
const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());
const rowOf = (page: Page, name: string) => page.locator('.inbox [data-conversation]', { hasText: name });
const results = (page: Page) =>
  page.getByRole('region', { name: 'Search results' }).locator('[data-conversation] strong').allTextContents();

describe.runIf(available && CONSOLE_BUILT)('console labels and search in Chromium (after npm run build)', () => {
  const world = useConsoleWorld();

  it('rule labels show in the inbox; staff add and remove labels; search by words and filters finds the right conversations', async () => {
    const { server, browser, customer } = world;
    const ines = await customer('Ines', 'my invoice was charged twice');
    const omar = await customer('Omar', 'the app crashes when I log in');
    // Customer attributes from the page (setAttributes): Ines is on the enterprise plan, Omar on the free one.
    await request(ines.socket, 'attributes', { attributes: { plan: 'enterprise', company: 'Acme, Inc.' } });
    await request(omar.socket, 'attributes', { attributes: { plan: 'free' } });
    await customer('Pia', 'I need a human about my refund');
    const agent = await staffAccount(server, 'Search Staff');
    const page = await browser.newPage({ viewport: { width: 1360, height: 820 } });
    await signIn(page, server.url, agent);

    // The routed agent is a rule label on each row.
    await expect
      .poll(() => rowOf(page, 'Ines').locator('.label-rule').allTextContents(), { timeout: 15_000 })
      .toEqual(['billing']);
    expect(await rowOf(page, 'Omar').locator('.label-rule').allTextContents()).toEqual(['technical']);

    // Add a staff label from the conversation; every list shows it.
    await rowOf(page, 'Omar').click();
    await page.getByLabel('New label').fill('Mobile app');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => rowOf(page, 'Omar').locator('.label-staff').allTextContents()).toEqual(['mobile app']);

    // Words (prefix-matched: "crash" finds "crashes") with the match shown as the preview.
    const form = page.getByRole('search');
    const box = form.getByRole('searchbox', { name: 'Search conversations' });
    await box.fill('crash');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => results(page)).toEqual(['Omar']);
    expect(
      await page.getByRole('region', { name: 'Search results' }).locator('.preview').first().textContent(),
    ).toContain('crashes');

    // Filters alone: a label, an agent, a state.
    await box.fill('');
    await form.getByText('Filters').click();
    await form.getByLabel('Label', { exact: true }).fill('mobile app');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => results(page)).toEqual(['Omar']);
    await form.getByLabel('Label', { exact: true }).fill('');
    await form.getByLabel('Agent').selectOption('billing');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => results(page)).toEqual(['Ines']);
    await form.getByLabel('Agent').selectOption('');
    await form.getByLabel('State').selectOption('waiting_human');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => results(page)).toEqual(['Pia']);
    await form.getByLabel('State').selectOption('');

    // Custom attributes: the field says how to write them; alone, with words, a comma inside a value, a mistake.
    const attributes = form.getByLabel('Attributes');
    expect(await attributes.getAttribute('placeholder')).toBe('plan=enterprise');
    expect(await page.locator('#attribute-filter-hint').textContent()).toContain('name=value');
    await attributes.fill('plan=enterprise');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => results(page)).toEqual(['Ines']);
    await page.screenshot({ path: `${OUTPUT}console-search.png` });
    await attributes.fill('plan=free, company=Acme, Inc.');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => results(page)).toEqual([]);
    await attributes.fill('plan = free');
    await box.fill('crash');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => results(page)).toEqual(['Omar']);
    await attributes.fill('enterprise');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('write name=value');
    // A name no attribute can have: the server's refusal (invalid_attribute_filter) is shown as it says it.
    await attributes.fill('monthly spend=10');
    await form.getByRole('button', { name: 'Search', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('attr.monthly spend: an attribute name');
    await box.fill('');
    await attributes.fill('');

    // Clear brings the inbox back; removing the label removes it everywhere.
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => page.locator('.group-waiting [data-conversation]').count()).toBe(1);
    await page.getByRole('button', { name: 'Remove label mobile app' }).click();
    await expect.poll(() => rowOf(page, 'Omar').locator('.label-staff').count()).toBe(0);

    // Discovered from the conversation: "Find" beside Ines's plan searches by it and shows how, in the open Filters.
    await rowOf(page, 'Ines').click();
    const plan = page.getByRole('region', { name: 'Customer attributes' }).locator('[data-attribute="plan"]');
    await plan.getByRole('button', { name: 'Find' }).click();
    await expect.poll(() => results(page)).toEqual(['Ines']);
    expect(await attributes.inputValue()).toBe('plan=enterprise');
    expect(await attributes.isVisible()).toBe(true);
    await page.close();
  });
});
