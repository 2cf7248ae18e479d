import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { needService } from '../../server/src/testing/services.js';
import { chromiumAvailable, inWidget, OUTPUT, useWorld, widgetLoaded } from './browser.js';

const available = await needService('Chromium at /usr/bin/chromium', chromiumAvailable());
const TOKENS = ['Open ', 'the sign-in page ', 'and choose ', '**Forgot password**.'];

/**
 * An OpenAI-compatible endpoint on 127.0.0.1 that streams the first two tokens, then waits until the test has seen
 * them in the browser before sending the rest: the partial answer is observed without any timing assumption.
 */
async function fakeLlm(): Promise<{ url: string; release(): void; close(): Promise<void> }> {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const server = http.createServer(async (req, res) => {
    for await (const _ of req);
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    const send = (content: string) => res.write(`data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`);
    TOKENS.slice(0, 2).forEach(send);
    await gate;
    TOKENS.slice(2).forEach(send);
    res.end('data: [DONE]\n\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    release,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let llm: Awaited<ReturnType<typeof fakeLlm>>;

describe.runIf(available)('streamed AI answers in the widget (Chromium)', () => {
  const world = useWorld(async () => {
    llm = await fakeLlm();
    return { kb: ['examples/demo-kb'], llmUrl: llm.url, llmModel: 'fake' };
  });
  afterAll(async () => {
    llm?.release();
    await llm?.close();
  });

  it('shows the answer growing token by token, then the stored message replaces the stream', async () => {
    const page = await world.browser.newPage();
    await page.goto(world.host.url);
    await widgetLoaded(page);
    await page.evaluate(() => (window as unknown as { Switchboard(c: string): void }).Switchboard('open'));
    const box = inWidget(page, 'textarea');
    await box.fill('I forgot my password');
    await box.press('Enter');
    const streaming = inWidget(page, '.msg.streaming');
    await expect.poll(() => streaming.textContent(), { timeout: 20_000 }).toBe(TOKENS.slice(0, 2).join(''));
    // The growing answer replaces the "Thinking…" line rather than sitting under it.
    expect(await inWidget(page, '.msg.typing').count()).toBe(0);
    await page.screenshot({ path: `${OUTPUT}widget-streaming.png` });
    llm.release();
    await expect.poll(() => streaming.count(), { timeout: 20_000 }).toBe(0);
    const answer = inWidget(page, '.msg.ai').last();
    expect(await answer.locator('strong').textContent()).toBe('Forgot password');
    expect(await inWidget(page, '.msg.ai').count()).toBe(1);
    await page.close();
  });
});
