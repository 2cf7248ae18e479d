import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RouterConfig } from './config.js';
import type { Rows } from './logistic.js';
import type { Topic } from './topics.js';
import type { TrainedRouting } from './training.js';

/** Bump when the stored shape changes (the training code itself is hashed into every key, see `codeVersion`). */
const FORMAT = 2;
/** Models kept in a shared cache folder; older files are removed after a write (each is 1–10 MB). */
export const SHARED_CACHE_MAX_MODELS = 50;

/** A trained topic model with the example vectors it scores against: a cache hit needs neither embedding nor training. */
export interface CachedModel {
  x: Rows;
  offTopic: Rows;
  trained: TrainedRouting;
}

/** Where trained models are kept: the data folder's copy (the last model this server used) and a shared folder. */
export interface ModelCacheOptions {
  /** The data folder's file. */
  file?: string;
  /** A folder shared by servers, demo starts and test runs: one file per key. */
  dir?: string;
  /** Told about a cache file that exists but cannot be used (it is then ignored and rewritten). */
  warn?: (message: string, file: string, error: string) => void;
}

/** Where a cache hit came from, reported in the model's summary. */
export type WarmStart = 'memory' | 'data' | 'shared';

/** What the embedder contributes to the key: vectors of another model or version live in another space. */
export interface EmbedderIdentity {
  id: string;
  dim: number;
  version?: string;
}

// Models trained or loaded in this process, by key: tests, retrains to the same examples and every node of a cluster
// get the same model without training again.
const memo = new Map<string, CachedModel>();

/** Forget the models trained in this process (tests and benchmarks of the on-disk model cache). */
export function forgetTrainedModels(): void {
  memo.clear();
}

// The files whose code decides what training produces: a change to any of them is a new key.
const TRAINING_MODULES = [
  'classifier',
  'training',
  'logistic',
  'calibrate',
  'offtopic',
  'topics',
  'keywords',
  'semantic',
];
let codeHash: string | undefined;

/** A hash of the training code as installed (the `.ts` sources under tsx, the compiled `.js` in the package). */
export function codeVersion(): string {
  if (codeHash) return codeHash;
  const ext = extname(fileURLToPath(import.meta.url));
  const h = createHash('sha256');
  for (const m of TRAINING_MODULES) {
    try {
      h.update(readFileSync(new URL(`./${m}${ext}`, import.meta.url)));
    } catch {
      h.update(`missing:${m}`); // a bundler may have merged them: the format still keys the model
    }
  }
  return (codeHash = h.digest('base64url').slice(0, 16));
}

/**
 * The key of a trained model: everything that determines it — the topics with their examples and keywords (own,
 * shipped and corrections), the off-topic examples, the agents' keywords, the routing settings, the embedder's id,
 * dimension and version, and the training code.
 */
export function modelCacheKey(config: RouterConfig, topics: Topic[], offTopic: string[], embedder: EmbedderIdentity) {
  return createHash('sha256')
    .update(
      JSON.stringify({
        format: FORMAT,
        code: codeVersion(),
        embedder: [embedder.id, embedder.dim, embedder.version ?? ''],
        agents: config.agents.map((a) => [a.name, a.keywords]),
        routing: config.routing,
        topics: topics.map((t) => [t.id, t.agent, t.site, t.keywords, t.examples]),
        offTopic,
      }),
    )
    .digest('base64url');
}

/** The cached model for `key`: from this process, else the data folder, else the shared folder. */
export function findCachedModel(
  o: ModelCacheOptions,
  key: string,
): { model: CachedModel; source: WarmStart } | undefined {
  const known = memo.get(key);
  if (known) return { model: known, source: 'memory' };
  const tries: Array<[string | undefined, WarmStart]> = [
    [o.file, 'data'],
    [o.dir && join(o.dir, `${key}.json`), 'shared'],
  ];
  for (const [file, source] of tries) {
    const model = file ? readModel(file, key, o.warn) : undefined;
    if (!model) continue;
    memo.set(key, model);
    // A model found only in the shared folder is copied to the data folder: the next start needs no shared folder.
    if (source === 'shared' && o.file) writeModel(o.file, key, model);
    return { model, source };
  }
  return undefined;
}

/** Keep a freshly trained model in this process, the data folder and the shared folder. */
export function storeCachedModel(o: ModelCacheOptions, key: string, model: CachedModel): void {
  memo.set(key, model);
  try {
    if (o.file) writeModel(o.file, key, model);
    if (o.dir) {
      writeModel(join(o.dir, `${key}.json`), key, model);
      prune(o.dir);
    }
  } catch (err) {
    // A full disk or a read-only folder costs the next start a training run, nothing more.
    o.warn?.('router model cache not written', o.dir ?? o.file ?? '', (err as Error).message);
  }
}

const F32 = '__f32';
const I32 = '__i32';

function writeModel(file: string, key: string, model: CachedModel): void {
  const text = JSON.stringify({ format: FORMAT, key, model }, (_, v) =>
    v instanceof Float32Array
      ? { [F32]: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') }
      : v instanceof Int32Array
        ? { [I32]: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') }
        : v,
  );
  mkdirSync(dirname(file), { recursive: true });
  // Write then rename (a unique temporary name: test workers share the folder), so no reader sees half a file.
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

function readModel(file: string, key: string, warn: ModelCacheOptions['warn']): CachedModel | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined; // no cache yet
  }
  try {
    const data = JSON.parse(text, (_, v) => {
      if (!v || typeof v !== 'object') return v;
      const b64 = typeof v[F32] === 'string' ? v[F32] : typeof v[I32] === 'string' ? v[I32] : undefined;
      if (b64 === undefined) return v;
      const bytes = Buffer.from(b64 as string, 'base64');
      const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      return typeof v[F32] === 'string' ? new Float32Array(buffer) : new Int32Array(buffer);
    }) as { format?: number; key?: string; model?: CachedModel };
    // Another key (other examples or settings; the data folder keeps one model) or an older format: not an error.
    if (data.format !== FORMAT || data.key !== key) return undefined;
    if (!isModel(data.model)) throw new Error('not a trained router model');
    return data.model;
  } catch (err) {
    warn?.('router model cache unreadable, ignored: training again', file, (err as Error).message);
    return undefined;
  }
}

function isModel(m: CachedModel | undefined): m is CachedModel {
  const rows = (r: Rows | undefined) => !!r && r.data instanceof Float32Array && r.data.length === r.n * r.dim;
  return !!m && rows(m.x) && rows(m.offTopic) && !!m.trained?.topic && !!m.trained.offTopic;
}

/** Remove all but the newest models of a shared folder. */
function prune(dir: string): void {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      try {
        return { f, t: statSync(join(dir, f)).mtimeMs };
      } catch {
        return { f, t: 0 }; // removed meanwhile by another process
      }
    })
    .sort((a, b) => b.t - a.t);
  for (const { f } of files.slice(SHARED_CACHE_MAX_MODELS)) rmSync(join(dir, f), { force: true });
}
