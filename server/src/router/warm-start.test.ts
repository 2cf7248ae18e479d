import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHashEmbedder } from '../knowledge/embedders/hash.js';
import type { Embedder } from '../knowledge/types.js';
import { loadRouterConfig, type RouterConfig } from './config.js';
import { forgetTrainedModels } from './model-cache.js';
import { Router, type RouterOptions } from './router.js';

const base = mkdtempSync(join(tmpdir(), 'sb-warm-'));
const agentsFile = join(base, 'agents.yaml');
writeFileSync(
  agentsFile,
  `replaceDefaults: true
agents:
  - name: garden
    description: Plants
    topics:
      - name: watering
        examples: [how often should I water tomatoes, my basil wilts despite watering, tomatoes need water daily]
  - name: billing
    description: Money
    examples: [refund my order please, I want my money back, I was charged twice]
routing:
  method: auto
`,
);
const config = loadRouterConfig(agentsFile);

/** The hash embedder, counting the texts it embeds (a warm start embeds none of the examples). */
function countingEmbedder(version = '1'): Embedder & { texts: number } {
  const inner = createHashEmbedder();
  const e = {
    id: inner.id,
    dim: inner.dim,
    version,
    texts: 0,
    async embed(texts: string[]) {
      e.texts += texts.length;
      return inner.embed(texts);
    },
    close: () => inner.close(),
  };
  return e;
}

/** A fresh process as far as the router knows: nothing trained in memory. */
async function start(c: RouterConfig, o: RouterOptions & { embedder?: Embedder & { texts: number } } = {}) {
  forgetTrainedModels();
  const embedder = o.embedder ?? countingEmbedder();
  const warnings: string[] = [];
  const router = await Router.create(c, embedder, { ...o, warn: (m, f) => warnings.push(`${m} ${f}`) });
  return { router, embedded: embedder.texts, warnings, info: router.modelInfo() };
}

describe('warm start of the trained router', () => {
  it('loads the model from the data folder on a restart: no embedding, no training, the same routes', async () => {
    const cacheFile = join(mkdtempSync(join(base, 'data-')), 'router', 'examples.json');
    const first = await start(config, { cacheFile });
    expect(first.info.warmStart).toBeUndefined();
    expect(first.embedded).toBeGreaterThan(6);
    expect(existsSync(cacheFile.replace(/\.json$/, '.model.json'))).toBe(true);
    const second = await start(config, { cacheFile });
    expect(second.info).toEqual({ ...first.info, warmStart: 'data' });
    expect(second.embedded).toBe(0);
    for (const text of ['my basil wilts in the sun', 'I was charged twice', 'tell me a joke'])
      expect(await second.router.route({ text })).toEqual(await first.router.route({ text }));
  });

  it('shares models through a cache folder between servers without a data folder (tests, demo starts)', async () => {
    const sharedCacheDir = mkdtempSync(join(base, 'shared-'));
    const first = await start(config, { sharedCacheDir });
    expect(first.info.warmStart).toBeUndefined();
    expect(readdirSync(sharedCacheDir)).toHaveLength(1);
    const second = await start(config, { sharedCacheDir });
    expect(second).toMatchObject({ embedded: 0, info: { warmStart: 'shared' } });
    // A server with a data folder copies the shared model there, so its own restarts need no shared folder.
    const cacheFile = join(mkdtempSync(join(base, 'data-')), 'examples.json');
    expect((await start(config, { sharedCacheDir, cacheFile })).info.warmStart).toBe('shared');
    expect((await start(config, { cacheFile })).info.warmStart).toBe('data');
  });

  it('trains again when anything that determines the model changes', async () => {
    const sharedCacheDir = mkdtempSync(join(base, 'shared-'));
    await start(config, { sharedCacheDir });
    const changes: Array<[string, RouterConfig, RouterOptions & { embedder?: Embedder & { texts: number } }]> = [
      ['a correction', config, { extra: [{ text: 'prune the roses in march', agent: 'garden' }] }],
      ['an example', { ...config, agents: config.agents.map((a, i) => (i ? a : { ...a, examples: ['weeds'] })) }, {}],
      ['a keyword', { ...config, agents: config.agents.map((a, i) => (i ? a : { ...a, keywords: { hose: 2 } })) }, {}],
      ['a routing setting', { ...config, routing: { ...config.routing, siteWeight: 5 } }, {}],
      ['an off-topic example', { ...config, human: { ...config.human, outOfScope: ['who won the cup'] } }, {}],
      ['the embedder version', config, { embedder: countingEmbedder('2') }],
    ];
    for (const [what, c, o] of changes) {
      const again = await start(c, { ...o, sharedCacheDir });
      expect(again.info.warmStart, what).toBeUndefined();
      expect(again.embedded, what).toBeGreaterThan(0);
    }
    expect(readdirSync(sharedCacheDir)).toHaveLength(changes.length + 1);
  });

  it('ignores a corrupt cache file with a warning, trains, and writes a good one', async () => {
    const cacheFile = join(mkdtempSync(join(base, 'data-')), 'examples.json');
    const modelFile = cacheFile.replace(/\.json$/, '.model.json');
    await start(config, { cacheFile });
    const key = (JSON.parse(readFileSync(modelFile, 'utf8')) as { key: string }).key;
    for (const bad of ['{"format": 2, "key": "' + key + '", "model": {"x": 1}}', '{"format": 2, "key": "tru', '']) {
      writeFileSync(modelFile, bad);
      const s = await start(config, { cacheFile });
      expect(s.info.warmStart).toBeUndefined();
      expect(s.warnings).toEqual([expect.stringMatching(/router model cache unreadable, ignored.*model\.json/)]);
      expect((await start(config, { cacheFile })).info.warmStart).toBe('data');
    }
  });
});
