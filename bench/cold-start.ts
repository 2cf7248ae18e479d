// Server start with a persisted knowledge base: `npm run bench:startup -- [--chunks 10000] [--runs 3] [--json]`.
// The index is built once with stand-in vectors recorded under the default embedder's id (embedding 10k chunks with
// USE-lite would take ~10 minutes and is not what this measures); every run then starts `switchboard serve` on the same
// data folder and times until /readyz answers 200. With PostgreSQL reachable (env DATABASE_URL, or the local test
// database) it also times a start against it, and it times the start-up parts one by one in this process (`parts_ms`)
// so the cause of a slow start is visible.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKnowledgeBase } from '../server/src/knowledge/index.js';
import type { Embedder } from '../server/src/knowledge/types.js';
import { benchArgs } from './cli.js';
import { withScratchDatabase } from './load/scratch-db.js';
import { ServerProcess } from './load/server-process.js';

const flags = benchArgs(
  'npx tsx bench/cold-start.ts',
  'Server cold start (until /readyz is 200) with a persisted knowledge base.',
  {
    chunks: { type: 'number', default: 10_000, integer: true, help: 'chunks in the persisted index' },
    runs: { type: 'number', default: 3, integer: true, help: 'starts to time' },
    json: { type: 'boolean', help: 'print one JSON line' },
  },
);
const { chunks, runs } = flags;
const dir = mkdtempSync(join(tmpdir(), 'sb-cold-'));
const log = (l: string) => process.stderr.write(`${l}\n`);

// Same id and dimension as USE-lite, so the server restores these vectors instead of re-embedding.
const standIn: Embedder = {
  id: 'use-lite',
  dim: 512,
  async embed(texts) {
    return texts.map(() => {
      const v = new Float32Array(512).map(() => Math.random() - 0.5);
      const n = Math.hypot(...v);
      return v.map((x) => x / n);
    });
  },
  async close() {},
};
const WORDS =
  'account password invoice refund delivery order plan payment card login error sync export privacy shipping warranty team billing settings security app desktop mobile backup storage file share'.split(
    ' ',
  );
const text = (i: number) =>
  Array.from({ length: 70 }, (_, j) => WORDS[(i * 7 + j * 13 + (i % 11) * j) % WORDS.length]).join(' ');

const since = (t0: number) => Math.round(performance.now() - t0);

/** Start `switchboard serve` `runs` times on `dataDir` and time each until /readyz = 200. */
async function timeStarts(extra: string[], env: Record<string, string> = {}): Promise<number[]> {
  // The first start creates the database: on a busy machine that takes minutes.
  const server = new ServerProcess(['--data', dir, ...extra], { env, startTimeoutMs: 600_000 });
  // A first start creates the database and caches (not a cold start of an installed server).
  await server.start();
  await server.stop();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const url = await server.start();
    for (let i = 0; i < 2000; i++) {
      if (
        await fetch(`${url}/readyz`).then(
          (res) => res.ok,
          () => false,
        )
      )
        break;
      await new Promise((res) => setTimeout(res, 25));
    }
    times.push(since(t0));
    await server.stop();
  }
  return times.sort((a, b) => a - b);
}

/** The start-up parts one after the other in this process (they overlap partly in the server). */
async function parts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  let t0 = performance.now();
  await import('../server/src/index.js');
  out.import_server_modules = since(t0);
  t0 = performance.now();
  const { openDatabase } = await import('../server/src/storage/db.js');
  const db = await openDatabase({ dataDir: join(dir, 'db') });
  await db.query('SELECT 1');
  out.pglite_open = since(t0);
  await db.close();
  t0 = performance.now();
  const { createEmbedder } = await import('../server/src/knowledge/embedders/index.js');
  const embedder = await createEmbedder('use-lite');
  out.use_lite_model_load = since(t0);
  t0 = performance.now();
  const kb = await createKnowledgeBase({ dataDir: join(dir, 'kb'), embedder });
  out.kb_restore = since(t0);
  out.kb_restored_chunks = kb.stats().chunks;
  await kb.close();
  t0 = performance.now();
  const { loadRouterConfig } = await import('../server/src/router/config.js');
  const { Router } = await import('../server/src/router/router.js');
  const { forgetTrainedModels } = await import('../server/src/router/model-cache.js');
  const config = loadRouterConfig();
  // Without any cache: every example embedded, the model trained (a first start, or a server without a data folder).
  forgetTrainedModels();
  await Router.create(config, embedder);
  out.router_create = since(t0);
  // With the shared cache folder (`cacheDir`) a second process with the same inputs loads the model: no embedding,
  // no training. The first create fills it; the in-process memo is forgotten in between, as in a new process.
  const sharedCacheDir = join(dir, 'cache', 'router-models');
  forgetTrainedModels();
  await Router.create(config, embedder, { sharedCacheDir });
  forgetTrainedModels();
  t0 = performance.now();
  const warm = await Router.create(config, embedder, { sharedCacheDir });
  out.router_create_cached = since(t0);
  if (warm.modelInfo().warmStart !== 'shared') throw new Error('the shared router cache was not used');
  out.router_example_texts =
    config.agents.reduce((n, a) => n + a.examples.length + a.topics.reduce((m, t) => m + t.examples.length, 0), 0) +
    config.human.outOfScope.length;
  await embedder.close();
  return out;
}

try {
  log(`building a ${chunks}-chunk index in ${dir}`);
  const kb = await createKnowledgeBase({ dataDir: join(dir, 'kb'), embedder: standIn });
  for (let i = 0; i < chunks; i += 1000) {
    await kb.upsertDocuments(
      Array.from({ length: Math.min(1000, chunks - i) }, (_, j) => ({
        id: `doc-${i + j}`,
        title: `Article ${i + j}`,
        body: text(i + j),
        collection: ['technical', 'billing', 'general'][(i + j) % 3],
      })),
    );
  }
  await kb.close();

  const pglite = await timeStarts([]);
  log(`PGlite: ${pglite.join(', ')} ms`);
  const postgres = await withScratchDatabase((url) => timeStarts([], { DATABASE_URL: url }));
  if (postgres) log(`PostgreSQL: ${postgres.join(', ')} ms`);
  const breakdown = await parts();
  log(`parts: ${JSON.stringify(breakdown)}`);
  const median = (xs: number[]) => xs[Math.floor(xs.length / 2)];
  const result = {
    chunks,
    runs,
    // Other work on the machine slows every start: read the times beside it.
    load_average: loadavg().map((l) => Math.round(l * 100) / 100),
    cold_start_ms_min: pglite[0],
    cold_start_ms_median: median(pglite),
    ...(postgres ? { postgres_cold_start_ms_min: postgres[0], postgres_cold_start_ms_median: median(postgres) } : {}),
    parts_ms: breakdown,
  };
  if (flags.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else console.log(result);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
