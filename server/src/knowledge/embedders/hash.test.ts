import { describe, expect, it } from 'vitest';
import { createEmbedder } from './index.js';
import { dot } from './normalize.js';

describe('hash embedder (tests and development only)', () => {
  it('is deterministic, unit length, and puts texts sharing words closer', async () => {
    const e = await createEmbedder('hash');
    expect(e).toMatchObject({ id: 'hash-256', dim: 256 });
    const [a, b, c, d] = await e.embed([
      'Reset my password',
      'reset my PASSWORD',
      'how to reset a password',
      'refund for an invoice',
    ]);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(dot(a, a)).toBeCloseTo(1, 5);
    expect(dot(a, c)).toBeGreaterThan(dot(a, d));
  });

  it('accepts a dimension, and unknown specs fail with invalid_config', async () => {
    expect((await createEmbedder('hash-64')).dim).toBe(64);
    await expect(createEmbedder('word2vec')).rejects.toMatchObject({ code: 'invalid_config' });
  });
});
