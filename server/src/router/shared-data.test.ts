import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createEmbedder } from '../knowledge/embedders/index.js';
import type { Embedder } from '../knowledge/types.js';
import { loadRouterConfig } from './config.js';
import { evaluateRouting, type LabelledRow } from './evaluate.js';
import { Router } from './router.js';

// The shared routing sets live next to the checkout (../shared/data/routing); a user's clone does not have them.
const DIR = fileURLToPath(new URL('../../../../shared/data/routing/', import.meta.url));
const present = existsSync(`${DIR}dev.jsonl`);
const sample = (file: string, every: number): LabelledRow[] =>
  readFileSync(`${DIR}${file}`, 'utf8')
    .split('\n')
    .filter(Boolean)
    .filter((_, i) => i % every === 0)
    .map((l) => JSON.parse(l) as LabelledRow);

// The one test with the real default embedder (USE-lite): a smoke check of the shipped defaults on held-out rows.
// The full measurement is `switchboard eval routing` (docs/performance.md#routing).
describe.skipIf(!present)('shipped router on the shared held-out sets (USE-lite)', () => {
  let embedder: Embedder | undefined;
  afterAll(() => embedder?.close());

  it('routes a sample of both dev sets about as well as the full evaluation says', async () => {
    embedder = await createEmbedder('use-lite');
    const router = await Router.create(loadRouterConfig(), embedder);
    const dev = await evaluateRouting(router, sample('dev.jsonl', 10));
    expect(dev.n).toBeGreaterThan(90);
    expect(dev.non_ambiguous_accuracy).toBeGreaterThanOrEqual(0.85);
    expect(dev.human_recall).toBeGreaterThanOrEqual(0.6);
    const banking = await evaluateRouting(router, sample('supplementary_clinc_banking_dev.jsonl', 15));
    expect(banking.non_ambiguous_accuracy).toBeGreaterThanOrEqual(0.85);
  }, 120_000);
});

if (!present) console.warn(`skipped: shared routing data not found at ${DIR}`);
