// Knowledge-base benchmark: `npm run bench:kb [-- --chunks 20000 --queries 500 --no-use-lite --json]`.
// Synthetic help-centre-like chunks (Zipf-distributed words) so it runs anywhere; numbers go to bench/results/kb.json.
// Query latency is measured with precomputed query vectors (retrieval alone); the query embedding is timed apart.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEmbedder } from '../server/src/knowledge/embedders/index.js';
import { createHashEmbedder } from '../server/src/knowledge/embedders/hash.js';
import { percentile } from '../server/src/knowledge/evaluate.js';
import { createKnowledgeBase, type DocumentInput } from '../server/src/knowledge/index.js';
import { benchArgs } from './cli.js';

const flags = benchArgs(
  'npm run bench:kb --',
  'Knowledge-base benchmark: indexing, memory, restore and query latency on synthetic chunks.',
  {
    chunks: { type: 'number', default: 20_000, integer: true, help: 'chunks to index' },
    queries: { type: 'number', default: 500, integer: true, help: 'queries to time' },
    'no-use-lite': { type: 'boolean', help: 'skip the USE-lite embedding timings' },
    json: { type: 'boolean', help: 'print one JSON line' },
  },
);
const CHUNKS = flags.chunks;
const QUERIES = flags.queries;
const withUseLite = !flags['no-use-lite'];
const asJson = flags.json;
const gc = (globalThis as { gc?: () => void }).gc;

let seed = 42;
const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
const SYLLABLES = [
  'ac',
  'me',
  'lo',
  'gin',
  'pass',
  'word',
  'in',
  'voice',
  're',
  'fund',
  'plan',
  'key',
  'sync',
  'app',
  'ex',
  'port',
  'data',
  'ship',
  'card',
  'bill',
];
const VOCAB = Array.from(
  { length: 6000 },
  (_, i) =>
    SYLLABLES[i % 20] + SYLLABLES[Math.floor(i / 20) % 20] + (i >= 400 ? SYLLABLES[Math.floor(i / 400) % 20] : ''),
);
const zipfWord = () => VOCAB[Math.min(VOCAB.length - 1, Math.floor(Math.exp(rand() * Math.log(VOCAB.length))) - 1)];
const sentence = (n: number) => Array.from({ length: n }, zipfWord).join(' ');
const COLLECTIONS = ['technical', 'billing', 'general'];

function mem(): number {
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

function dirBytes(dir: string): number {
  return readdirSync(dir).reduce((s, f) => s + statSync(join(dir, f)).size, 0);
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await fn();
  return [r, performance.now() - t];
}

/** Milliseconds for 10M float multiply-adds in a plain loop: how fast (or how busy) this machine is; a 20k × 512 scan is the same work. */
function calibrate(): number {
  const a = new Float32Array(512).fill(0.5);
  const rows = new Float32Array(512 * 1000).fill(0.25);
  const t = performance.now();
  let s = 0;
  for (let r = 0; r < 20; r++) for (let i = 0; i < rows.length; i++) s += rows[i] * a[i & 511];
  const ms = performance.now() - t;
  return s > 0 ? ms : ms;
}

async function main(): Promise<void> {
  const calibrationMs = [calibrate(), calibrate(), calibrate()].sort((x, y) => x - y)[1];
  const dataDir = mkdtempSync(join(tmpdir(), 'sb-bench-kb-'));
  const embedder = createHashEmbedder(512); // same dimension as USE-lite; instant, so ingest measures indexing
  const docs: DocumentInput[] = Array.from({ length: CHUNKS }, (_, i) => ({
    id: `d${i}`,
    title: sentence(5),
    body: sentence(60),
    collection: COLLECTIONS[i % 3],
    tags: [`t${i % 10}`],
  }));
  const before = mem();
  const kb = await createKnowledgeBase({ dataDir, embedder, cacheSize: 0 });
  const [ingest, ingestMs] = await timed(() => kb.upsertDocuments(docs));
  const memPerChunk = (mem() - before) / ingest.chunks;
  const snapshotBytes = dirBytes(dataDir);

  const queryTexts = Array.from({ length: QUERIES }, () => sentence(3 + Math.floor(rand() * 5)));
  const vectors = await embedder.embed(queryTexts);
  const latency: Record<string, { p50: number; p95: number }> = {};
  const modes: Array<[string, Parameters<typeof kb.search>[1]]> = [
    ['hybrid', {}],
    ['bm25', { mode: 'bm25' }],
    ['vector', { mode: 'vector' }],
    ['hybrid, one collection', { collections: ['billing'] }],
    ['hybrid, one tag', { tags: ['t3'] }],
  ];
  for (const [name, opts] of modes) {
    for (let i = 0; i < 20; i++) await kb.search(queryTexts[i], { ...opts, vector: vectors[i] }); // warm-up
    const times: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const t = performance.now();
      await kb.search(queryTexts[i], { ...opts, vector: vectors[i], limit: 5 });
      times.push(performance.now() - t);
    }
    latency[name] = { p50: percentile(times, 50), p95: percentile(times, 95) };
  }
  await kb.close();
  const [restored, restoreMs] = await timed(() => createKnowledgeBase({ dataDir, embedder, cacheSize: 0 }));
  const restoredChunks = restored.stats().chunks;

  let useLite: Record<string, number> | undefined;
  if (withUseLite) {
    const use = await createEmbedder('use-lite');
    await use.embed(['warm up']);
    const single: number[] = [];
    for (const q of queryTexts.slice(0, 50)) {
      const t = performance.now();
      await use.embed([q]);
      single.push(performance.now() - t);
    }
    const sample = docs.slice(0, 64).map((d) => `${d.title}. ${d.body}`);
    const [, embedMs] = await timed(() => use.embed(sample));
    await use.close();
    useLite = {
      query_embed_p50_ms: percentile(single, 50),
      query_embed_p95_ms: percentile(single, 95),
      chunk_embed_per_s: sample.length / (embedMs / 1000),
    };
  }
  rmSync(dataDir, { recursive: true, force: true });

  const r2 = (x: number) => Math.round(x * 100) / 100;
  const result = {
    chunks: ingest.chunks,
    dim: embedder.dim,
    ingest_index_chunks_per_s: Math.round(ingest.chunks / (ingestMs / 1000)),
    memory_bytes_per_chunk: Math.round(memPerChunk),
    snapshot_bytes: snapshotBytes,
    restore_ms: Math.round(restoreMs),
    restored_chunks: restoredChunks,
    query_ms: Object.fromEntries(Object.entries(latency).map(([k, v]) => [k, { p50: r2(v.p50), p95: r2(v.p95) }])),
    use_lite: useLite && Object.fromEntries(Object.entries(useLite).map(([k, v]) => [k, r2(v)])),
    calibration_10m_madd_ms: r2(calibrationMs),
    node: process.version,
    cpus: (await import('node:os')).cpus().length,
    gc_exposed: !!gc,
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/kb.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  if (asJson) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  console.log(
    `machine: 10M float multiply-adds take ${result.calibration_10m_madd_ms} ms (load ${(await import('node:os')).loadavg()[0].toFixed(1)} on ${result.cpus} cores)`,
  );
  console.log(
    `${result.chunks} chunks × ${result.dim}-d: indexing ${result.ingest_index_chunks_per_s} chunks/s (embedding excluded), ${(result.memory_bytes_per_chunk / 1024).toFixed(1)} KB/chunk in memory${gc ? '' : ' (no --expose-gc: rough)'}`,
  );
  console.log(
    `snapshot ${(snapshotBytes / 1e6).toFixed(1)} MB on disk, restart restores ${restoredChunks} chunks in ${result.restore_ms} ms without embedding`,
  );
  for (const [k, v] of Object.entries(result.query_ms))
    console.log(
      `query ${k.padEnd(24)} p50 ${String(v.p50).padStart(6)} ms  p95 ${String(v.p95).padStart(6)} ms  (query vector precomputed)`,
    );
  if (useLite)
    console.log(
      `USE-lite: query embedding p50 ${result.use_lite!.query_embed_p50_ms} ms, p95 ${result.use_lite!.query_embed_p95_ms} ms; chunk embedding ${result.use_lite!.chunk_embed_per_s} chunks/s`,
    );
}

await main();
