import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../knowledge/embedders/hash.js';
import type { Embedder } from '../knowledge/types.js';
import { embedExamples } from './example-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-examples-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The hash embedder, counting how many texts it was asked to embed. */
function counting(id = 'hash-256'): Embedder & { count: number } {
  const inner = createHashEmbedder();
  const e = {
    ...inner,
    id,
    count: 0,
    embed: async (texts: string[]) => ((e.count += texts.length), inner.embed(texts)),
  };
  return e;
}

describe('router example embeddings cache', () => {
  const file = join(dir, 'examples.json');

  it('embeds only examples it has not seen, and returns the same vectors as embedding them', async () => {
    const first = counting();
    const a = await embedExamples(['where is my order', 'refund please'], first, file);
    expect(first.count).toBe(2);
    const second = counting();
    const b = await embedExamples(['where is my order', 'refund please', 'reset my password'], second, file);
    expect(second.count).toBe(1);
    expect(Array.from(b[0])).toEqual(Array.from(a[0]));
    expect(Array.from(b[2])).toEqual(Array.from((await createHashEmbedder().embed(['reset my password']))[0]));
    const third = counting();
    await embedExamples(['reset my password'], third, file);
    expect(third.count).toBe(0);
  });

  it('never reuses another embedder’s vectors, and rebuilds an unreadable file', async () => {
    const other = counting('transformers:other');
    await embedExamples(['where is my order'], other, file);
    expect(other.count).toBe(1);
    expect(JSON.parse(readFileSync(file, 'utf8')).embedder).toBe('transformers:other');
    writeFileSync(file, '{ broken');
    const again = counting();
    expect(await embedExamples(['refund please'], again, file)).toHaveLength(1);
    expect(again.count).toBe(1);
  });
});
