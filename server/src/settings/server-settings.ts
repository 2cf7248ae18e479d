import { z } from 'zod';
import { int, setting } from './define.js';

const PASSWORD_IN_URL = 'the URL may hold a password, which the process list would show';

/** Where the server listens, where it keeps its data, and how it runs. */
export const SERVER_SETTINGS = {
  port: setting({
    type: int(0, 65535).default(3000),
    doc: 'port to listen on (`0` = any free port)',
    env: 'PORT',
    flag: '-p, --port <port>',
  }),
  host: setting({
    type: z.string().min(1).default('127.0.0.1'),
    doc: 'address to bind; `0.0.0.0` to accept connections from other machines',
    env: 'HOST',
    flag: '--host <host>',
  }),
  dataDir: setting({
    type: z.string().min(1).default('./.switchboard'),
    doc: 'data folder: embedded database, knowledge-base index, generated secret; also the trained router model (`router/`), so a restart with the same agents, examples and corrections loads it instead of training',
    env: 'SWITCHBOARD_DATA',
    flag: '-d, --data <dir>',
  }),
  cacheDir: setting({
    type: z.string().min(1).optional(),
    doc: 'a cache folder shared by several servers, demo starts and test runs (e.g. `~/.cache/switchboard`): trained router models under `router-models/`, one file per hash of everything that determines the model (agents and topics, examples and corrections, embedder id and version, routing settings, training code); the newest 50 are kept; safe to delete at any time. None by default, so a server writes only to its data folder unless told otherwise',
    env: 'SWITCHBOARD_CACHE_DIR',
    flag: '--cache-dir <dir>',
    shownDefault: 'none',
  }),
  mode: setting({
    type: z.enum(['development', 'production']).default('development'),
    doc: '`development` or `production`; `production` requires `allowedOrigins`, `secret` and a guarded `/metrics`',
    env: 'SWITCHBOARD_MODE',
    flag: '--mode <mode>',
  }),
  logLevel: setting({
    type: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    doc: '`fatal`, `error`, `warn`, `info`, `debug`, `trace`, `silent`',
    help: 'fatal | error | warn | info | debug | trace | silent',
    env: 'LOG_LEVEL',
    flag: '--log-level <level>',
    shownDefault: '`info`',
  }),
  demo: setting({
    type: z.boolean().optional(),
    doc: 'serve the demo page at `/`',
    env: 'SWITCHBOARD_DEMO',
    flag: '--demo',
    negatable: true,
    shownDefault: 'on in development, off in production',
  }),
  kb: setting({
    type: z.array(z.string()).default([]),
    doc: 'knowledge-base folders or `.jsonl` files ingested incrementally at start (repeatable, comma-separated)',
    help: 'knowledge-base folder or .jsonl file to ingest at start; repeatable or comma-separated',
    env: 'SWITCHBOARD_KB',
    flag: '--kb <path>',
  }),
  watchKb: setting({
    type: z.boolean().default(false),
    doc: 're-ingest when files under `kb` change',
    env: 'SWITCHBOARD_WATCH_KB',
    flag: '--watch',
  }),
  config: setting({
    type: z.string().optional(),
    doc: 'agents and router configuration, JSON or YAML (see `docs/agents.md`)',
    env: 'SWITCHBOARD_CONFIG',
    flag: '-c, --config <file>',
    shownDefault: 'shipped defaults',
  }),
  embedder: setting({
    type: z.string().default('use-lite'),
    doc: '`use-lite` (Universal Sentence Encoder lite, shipped in npm), `transformers:<model id>`, or `hash` (instant, for tests only)',
    help: 'use-lite | transformers:<model id> | hash',
    env: 'SWITCHBOARD_EMBEDDER',
    flag: '--embedder <spec>',
  }),
  modelDir: setting({
    type: z.string().optional(),
    doc: 'folder with local Hugging Face models for `transformers:` embedders',
    env: 'SWITCHBOARD_MODEL_DIR',
    flag: '--model-dir <dir>',
  }),
  allowRemoteModels: setting({
    type: z.boolean().default(false),
    doc: 'let a `transformers:` embedder download its model once into the cache',
    env: 'SWITCHBOARD_ALLOW_REMOTE_MODELS',
    flag: '--allow-remote-models',
  }),
  databaseUrl: setting({
    type: z.string().url().optional(),
    doc: 'PostgreSQL connection string; without it PGlite is embedded under `dataDir/db`',
    env: 'DATABASE_URL',
    flag: { none: PASSWORD_IN_URL },
  }),
  databaseSchema: setting({
    type: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a lower-case SQL identifier')
      .optional(),
    doc: 'PostgreSQL schema for every table, created when missing; give each deployment sharing one database its own',
    env: 'SWITCHBOARD_DATABASE_SCHEMA',
    flag: '--database-schema <schema>',
    shownDefault: "the role's `search_path` (usually `public`)",
  }),
  embeddedDbBuffersMb: setting({
    type: int(1, 1024).default(16),
    doc: "buffer cache of the embedded database (PGlite), held in its WebAssembly heap; PGlite's own default is 128 MB; the operating system caches the data files as well, so raising it helps only large databases",
    help: 'buffer cache of the embedded database (PGlite) in MB',
    env: 'SWITCHBOARD_EMBEDDED_DB_BUFFERS_MB',
    flag: '--embedded-db-buffers-mb <mb>',
    unit: 'MB',
  }),
  embeddedDbWorker: setting({
    type: z.boolean().default(true),
    doc: 'run the embedded database (PGlite) in a worker thread, so its queries do not block sockets, timers and the AI on the event loop; off runs it on the main thread as before',
    help: 'run the embedded database (PGlite) in a worker thread',
    env: 'SWITCHBOARD_EMBEDDED_DB_WORKER',
    flag: '--embedded-db-worker',
    negatable: true,
  }),
  redisUrl: setting({
    type: z.string().url().optional(),
    doc: 'Redis for several nodes: Socket.IO Redis Streams adapter, shared rate limits, presence, knowledge-base notifications',
    env: 'REDIS_URL',
    flag: { none: PASSWORD_IN_URL },
  }),
  redisPrefix: setting({
    type: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits and _ . : - only (1-64)')
      .default('switchboard'),
    doc: 'prefix of every Redis key, stream and pub/sub channel; give each deployment sharing one Redis server its own (pub/sub channels ignore the logical database number, so `redis://…/1` alone does not separate them)',
    env: 'SWITCHBOARD_REDIS_PREFIX',
    flag: '--redis-prefix <prefix>',
  }),
  jobLeaseMs: setting({
    type: int(500).default(15_000),
    doc: 'lease on an AI answer or webhook delivery a node took on, renewed every third of it while the work runs; a job whose node crashed is taken over by any node once its lease ran out (at start-up on the embedded database, which only one process can open)',
    env: 'SWITCHBOARD_JOB_LEASE_MS',
    flag: '--job-lease-ms <ms>',
    unit: 'ms',
  }),
  jobSweepMs: setting({
    type: int(100).default(5_000),
    doc: 'how often each node looks for orphaned or retry-due jobs',
    env: 'SWITCHBOARD_JOB_SWEEP_MS',
    flag: '--job-sweep-ms <ms>',
    unit: 'ms',
  }),
  jobConcurrency: setting({
    type: int(1, 100).default(4),
    doc: "orphaned jobs each node's sweeper runs at once",
    env: 'SWITCHBOARD_JOB_CONCURRENCY',
    flag: '--job-concurrency <n>',
  }),
  recoveryWindowMs: setting({
    type: int(0).default(120_000),
    doc: "how long Socket.IO keeps a disconnected socket's state for connection state recovery",
    env: 'SWITCHBOARD_RECOVERY_WINDOW_MS',
    flag: '--recovery-window-ms <ms>',
    unit: 'ms',
  }),
};
