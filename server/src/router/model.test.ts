import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../knowledge/embedders/hash.js';
import { loadRouterConfig } from './config.js';
import { forgetTrainedModels } from './model.js';
import { Router } from './router.js';
import { topicsOf } from './topics.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-router-auto-'));
const file = join(dir, 'agents.yaml');
writeFileSync(
  file,
  `agents:
  - name: garden
    description: Plants
    topics:
      - name: watering
        keywords: { watering can: 3 }
        collection: garden-faq
        examples: [how often should I water tomatoes, my basil wilts despite watering, the watering can leaks onto the seedlings, tomatoes need water daily]
  - name: billing
    description: Money
    topics:
      - name: refunds
        examples: [refund my order please, I want my money back]
routing:
  method: auto
`,
);
const config = loadRouterConfig(file);
const embedder = createHashEmbedder();

describe('topics in the configuration', () => {
  it("puts the owner's topics first and keeps the shipped generic topics of an agent the owner overrides", () => {
    const topics = topicsOf(config);
    expect(topics.slice(0, 2).map((t) => [t.id, t.site])).toEqual([
      ['billing/refunds', true],
      ['garden/watering', true],
    ]);
    expect(topics.find((t) => t.id === 'billing/shipped')).toMatchObject({ site: false });
    expect(topics.find((t) => t.id === 'garden/watering')).toMatchObject({
      collection: 'garden-faq',
      keywords: { 'watering can': 3 },
    });
    // Extra labelled rows join their topic, or the agent's own; unknown agents are ignored.
    const extra = topicsOf(config, [
      { text: 'my box never came', agent: 'garden', topic: 'watering' },
      { text: 'x', agent: 'nobody' },
      { text: 'charge me less', agent: 'billing' },
    ]);
    expect(extra.find((t) => t.id === 'garden/watering')!.examples).toContain('my box never came');
    expect(extra.find((t) => t.id === 'billing/billing')).toMatchObject({ site: true, examples: ['charge me less'] });
  });

  it('rejects an agent without examples or topics, with the field named', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'agents:\n  - name: empty\n    description: Nothing\n');
    expect(() => loadRouterConfig(bad)).toThrow(/agents\.0\.examples: needs at least one example utterance or topic/);
  });
});

describe('router with the auto method', () => {
  it('routes with a calibrated confidence, names the topic, reports the chosen model and learns from a retrain', async () => {
    const router = await Router.create(config, embedder);
    const info = router.modelInfo()!;
    expect(info.model).toMatch(/^(knn|logistic) /);
    expect(info).toMatchObject({ siteExamples: 6 });
    expect(info.cvAccuracy).toBeGreaterThan(0);
    const d = await router.route({ text: 'how often should I water my tomatoes' });
    expect(d).toMatchObject({ topic: 'garden/watering' });
    expect(d.alternatives[0].agent).toBe('garden');
    expect(d.alternatives.reduce((s, a) => s + a.score, 0)).toBeCloseTo(1, 2);

    const odd = 'the hamster chewed the seed packet';
    const retrained = await router.retrain([{ text: odd, agent: 'garden', topic: 'watering' }]);
    expect(retrained!.siteExamples).toBe(7);
    expect(router.modelInfo()!.siteExamples).toBe(7);
    // One kind of model, so that what is tested is learning from the correction: with the toy hash embedder the
    // extra example can flip the cross-validated choice (logistic → kNN k=10), which moves every probability.
    const pinned = await Router.create(
      { ...config, routing: { ...config.routing, candidates: ['logistic'] } },
      embedder,
    );
    const pinnedP = async () =>
      (await pinned.route({ text: odd })).alternatives.find((a) => a.agent === 'garden')!.score;
    const pinnedBefore = await pinnedP();
    await pinned.retrain([{ text: odd, agent: 'garden', topic: 'watering' }]);
    expect(await pinnedP()).toBeGreaterThan(pinnedBefore);
  }, 120_000);

  it('retrains the fixed methods too: corrections join their agent, human ones the off-topic examples', async () => {
    for (const method of ['knn', 'centroid', 'logistic'] as const) {
      const fixed = await Router.create({ ...config, routing: { ...config.routing, method } }, embedder);
      expect(fixed.modelInfo(), method).toMatchObject({
        model: expect.stringMatching(new RegExp(`^fixed ${method}`)),
        siteExamples: 6,
      });
      expect((await fixed.route({ text: 'how often should I water tomatoes' })).alternatives[0].agent, method).toBe(
        'garden',
      );
    }
    const knn = await Router.create({ ...config, routing: { ...config.routing, method: 'knn' } }, embedder);
    const odd = 'the hamster chewed the seed packet';
    const gardenP = async () => (await knn.route({ text: odd })).alternatives.find((a) => a.agent === 'garden')!.score;
    const before = await gardenP();
    const joke = 'sing me a song about hamsters and pirates';
    const offTopicSimilarity = async () =>
      knn.model!.similarities((await embedder.embed([joke]))[0]).get('__out_of_scope__')!;
    const offBefore = await offTopicSimilarity();
    const info = await knn.retrain([
      { text: odd, agent: 'garden' },
      { text: joke, agent: 'human' },
      { text: 'x', agent: 'nobody' },
    ]);
    expect(info).toMatchObject({ siteExamples: 8 });
    expect(await gardenP()).toBeGreaterThan(before);
    expect(await offTopicSimilarity()).toBeGreaterThan(offBefore + 0.1);
    expect(await knn.route({ text: joke })).toMatchObject({ agent: 'human', reason: 'out-of-scope' });
    // The full list each time: an empty one drops what was learnt.
    await knn.retrain([]);
    expect(await gardenP()).toBeCloseTo(before, 5);
  });

  it('trains in the worker thread of the built package too (server/dist, compiled training code)', async () => {
    // The global test setup builds server/dist; `switchboard serve` runs from there with `auto` as the default.
    const built = (await import(
      new URL('../../dist/router/router.js', import.meta.url).href
    )) as typeof import('./router.js');
    forgetTrainedModels();
    const router = await built.Router.create(loadRouterConfig(), embedder);
    expect(router.modelInfo()).toMatchObject({ model: expect.stringMatching(/^knn /), offTopic: 'knn-margin' });
  }, 120_000);

  it('keeps the trained model on disk, so a restart with the same examples does not train again', async () => {
    const cacheFile = join(dir, 'router', 'examples.json');
    forgetTrainedModels(); // the tests above trained this configuration already
    const first = await Router.create(config, embedder, { cacheFile });
    expect(existsSync(join(dir, 'router', 'examples.model.json'))).toBe(true);
    forgetTrainedModels();
    const second = await Router.create(config, embedder, { cacheFile });
    // Read back, not retrained: the same training time is reported, and it routes the same.
    expect(second.modelInfo()).toEqual({ ...first.modelInfo(), warmStart: 'data' });
    const text = 'my basil wilts in the sun';
    expect(await second.route({ text })).toEqual(await first.route({ text }));
    // A different example set does not reuse it.
    forgetTrainedModels();
    const third = await Router.create(config, embedder, {
      cacheFile,
      extra: [{ text: 'prune the roses in march', agent: 'garden' }],
    });
    expect(third.modelInfo()!.siteExamples).toBe(7);
    expect(JSON.parse(readFileSync(join(dir, 'router', 'examples.model.json'), 'utf8')).key).toEqual(
      expect.any(String),
    );
  }, 120_000);
});
