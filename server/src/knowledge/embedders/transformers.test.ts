import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../types.js';
import { createEmbedder } from './index.js';
import { dot } from './normalize.js';
import { loadTransformers } from './transformers.js';
import { writeTinyModel } from './tiny-model.fixture.js';

const WORDS = [
  'reset',
  'password',
  'login',
  'refund',
  'invoice',
  'billing',
  'my',
  'how',
  'do',
  'i',
  'the',
  'a',
  'account',
  'export',
  'data',
];

describe('transformers.js embedder with a generated tiny ONNX model', () => {
  let dir: string;
  let embedder: Embedder;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sb-tiny-model-'));
    writeTinyModel(dir, 'test/tiny-bert', WORDS, 64);
    embedder = await createEmbedder('transformers:test/tiny-bert', { modelDir: dir });
  }, 60_000);
  afterAll(async () => {
    await embedder?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads from the local folder and reports its id and dimension', () => {
    expect(embedder.id).toBe('transformers:test/tiny-bert');
    expect(embedder.dim).toBe(64);
  });

  it('returns unit vectors, identical for identical text, closer for shared words', async () => {
    const [a, b, c, d] = await embedder.embed([
      'reset my password',
      'reset my password',
      'reset my password login',
      'refund invoice billing',
    ]);
    expect(Math.abs(dot(a, a) - 1)).toBeLessThan(1e-4);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(dot(a, c)).toBeGreaterThan(dot(a, d));
  });

  it('handles a batch with texts of different lengths (padding is masked out)', async () => {
    const [alone] = await embedder.embed(['login']);
    const [, inBatch] = await embedder.embed(['how do i export my account data', 'login']);
    for (let i = 0; i < 64; i++) expect(inBatch[i]).toBeCloseTo(alone[i], 4);
  });

  it('fails with invalid_config when the model is not in the folder and remote loading is off', async () => {
    await expect(createEmbedder('transformers:test/missing-model', { modelDir: dir })).rejects.toMatchObject({
      code: 'invalid_config',
    });
  });
});

describe('transformers.js as an optional peer dependency', () => {
  it('names the package to install when it is missing', async () => {
    // The same error Node raises for an import of a package that is not installed (the packaging test runs it for real).
    const missing = () =>
      Promise.reject(
        Object.assign(new Error("Cannot find package '@huggingface/transformers'"), { code: 'ERR_MODULE_NOT_FOUND' }),
      );
    const err = await loadTransformers(missing).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'invalid_config' });
    expect((err as Error).message).toContain('npm install @huggingface/transformers');
  });

  it('passes other load failures through unchanged', async () => {
    const broken = new Error('native binding failed');
    await expect(loadTransformers(() => Promise.reject(broken))).rejects.toBe(broken);
  });
});
