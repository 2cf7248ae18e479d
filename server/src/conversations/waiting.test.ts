import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer } from '../testing/harness.js';

const kb = mkdtempSync(join(tmpdir(), 'sb-waiting-kb-'));
// The bar is the answer confidence; answers over the hash embedder score lower than real ones, so it is set here.
writeFileSync(join(kb, 'agents.yaml'), 'dialog:\n  waitingMinConfidence: 0.3\n');
writeFileSync(
  join(kb, 'delivery.md'),
  '---\ntitle: Delivery times\ncollection: general\n---\nStandard delivery takes 3 to 5 working days to any address in the country.\n',
);
let server: Awaited<ReturnType<typeof startTestServer>>;
const post = async (body: unknown) =>
  (
    await fetch(`${server.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  ).json();

beforeAll(async () => {
  server = await startTestServer({ kb: [join(kb, 'delivery.md')], config: join(kb, 'agents.yaml') });
});
afterAll(async () => {
  await server?.close();
  rmSync(kb, { recursive: true, force: true });
});

describe('while a conversation waits for a person', () => {
  it('the AI still answers what it is sure of, says a person will join, and stays quiet otherwise', async () => {
    const first = await post({ message: 'I want to talk to a human please' });
    expect(first.state).toBe('waiting_human');
    const sure = await post({
      message: 'how long does standard delivery take in working days?',
      visitor: first.visitor,
    });
    expect(sure.state).toBe('waiting_human');
    expect(sure.reply).toMatchObject({ role: 'ai', sources: [{ title: 'Delivery times' }] });
    expect(sure.reply.text).toMatch(/3 to 5 working days[\s\S]*person from our team will still join/);
    const unsure = await post({ message: 'zork blarg wibble', visitor: first.visitor });
    expect(unsure).toMatchObject({ reply: null, state: 'waiting_human' });
  });
});
