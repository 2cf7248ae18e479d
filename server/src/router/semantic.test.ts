import { describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../knowledge/embedders/hash.js';
import { l2normalize } from '../knowledge/embedders/normalize.js';
import type { Embedder } from '../knowledge/types.js';
import { routerConfigSchema } from './config.js';
import { Router } from './router.js';
import { createSemanticModel, type SemanticMethod } from './semantic.js';

const axis = (i: number, dim = 8) => {
  const v = new Float32Array(dim);
  v[i] = 1;
  return v;
};
/** A message between axis 0 and axis 1: t = 0 is pure axis 0, t = 1 pure axis 1. */
const between = (t: number) =>
  l2normalize(Float32Array.from({ length: 8 }, (_, i) => (i === 0 ? 1 - t : i === 1 ? t : 0)));

// A fake embedder mapping the first word of each example to an axis, so tests control the geometry exactly.
const AXES = ['alpha', 'beta', 'gamma'];
const axisEmbedder: Embedder = {
  id: 'axes',
  dim: 8,
  embed: async (texts) => texts.map((t) => axis(Math.max(0, AXES.indexOf(t.split(' ')[0])))),
  close: async () => undefined,
};

const config = (method: SemanticMethod = 'knn') =>
  routerConfigSchema.parse({
    agents: [
      { name: 'a', description: 'A', threshold: 0.6, examples: ['alpha one', 'alpha two'] },
      { name: 'b', description: 'B', threshold: 0.6, examples: ['beta one', 'beta two'] },
    ],
    human: { outOfScope: ['gamma weather'] },
    routing: { method },
  });

describe('semantic models', () => {
  for (const method of ['knn', 'centroid', 'logistic'] as const) {
    it(`${method}: scores the nearest group highest`, () => {
      const model = createSemanticModel(
        new Map([
          ['a', [axis(0), axis(0)]],
          ['b', [axis(1)]],
          ['c', [axis(2)]],
        ]),
        { method, k: 2, temperature: 0.03, l2: 0.0001 },
      );
      for (const [i, g] of [
        [0, 'a'],
        [1, 'b'],
        [2, 'c'],
      ] as const) {
        const logits = model.logits(axis(i));
        expect(Math.max(...logits.values()), `${method} ${g}`).toBe(logits.get(g));
      }
    });
  }
});

describe('calibrated confidence', () => {
  it('falls monotonically as a message moves away from an agent’s examples, and stays in [0, 1]', async () => {
    for (const method of ['knn', 'centroid', 'logistic'] as const) {
      const router = await Router.create(config(method), axisEmbedder);
      let last = 2;
      for (let step = 0; step <= 10; step++) {
        const t = step / 20;
        const d = await router.route({ text: 'x', vector: between(t) });
        const pA = d.alternatives.find((a) => a.agent === 'a')!.score;
        expect(pA, `${method} t=${t}`).toBeLessThanOrEqual(last);
        expect(pA).toBeGreaterThanOrEqual(0);
        expect(pA).toBeLessThanOrEqual(1);
        last = pA;
      }
      expect(last, method).toBeLessThan(0.55);
    }
  });

  it('is high for a clear message and near 0.5 (→ human, low confidence) halfway between two agents', async () => {
    const router = await Router.create(config(), axisEmbedder);
    expect(await router.route({ text: 'x', vector: axis(0) })).toMatchObject({ agent: 'a', reason: 'semantic' });
    expect((await router.route({ text: 'x', vector: axis(0) })).confidence).toBeGreaterThan(0.99);
    const d = await router.route({ text: 'x', vector: between(0.5) });
    expect(d).toMatchObject({ agent: 'human', reason: 'low-confidence' });
    expect(d.confidence).toBeCloseTo(0.5, 1);
  });

  it('sends messages nearest the out-of-scope examples to a human', async () => {
    const router = await Router.create(config(), axisEmbedder);
    expect(await router.route({ text: 'x', vector: axis(2) })).toMatchObject({
      agent: 'human',
      reason: 'out-of-scope',
    });
  });

  it('routes by example similarity alone when no keyword matches', async () => {
    const cfg = routerConfigSchema.parse({
      agents: [
        {
          name: 'garden',
          description: 'Garden',
          examples: ['my tomato plants have yellow leaves', 'when should I prune the roses'],
        },
        {
          name: 'kitchen',
          description: 'Kitchen',
          examples: ['the oven does not heat up', 'my fridge is making a loud noise'],
        },
      ],
      human: {},
    });
    const router = await Router.create(cfg, createHashEmbedder());
    expect(await router.route({ text: 'the fridge is making a weird noise' })).toMatchObject({
      agent: 'kitchen',
      reason: 'semantic',
    });
    expect(await router.route({ text: 'should I prune my roses in winter' })).toMatchObject({
      agent: 'garden',
      reason: 'semantic',
    });
  });
});
