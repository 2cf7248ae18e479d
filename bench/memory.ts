// Memory benchmark: resident memory of an idle `switchboard serve`, where it goes, and what each open connection adds.
//   npm run bench:memory [-- --embedder use-lite] [--connections 1000] [--postgres] [--restart] [--gc] [--json]
// Starts the server on a scratch data folder with the demo help centre, waits until it is idle, reads /proc and the
// server's own /metrics (V8 heap, external memory), opens N customer sockets that say nothing, and reads them again.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { BIN_ENV, BIN_NODE_ARGS } from '../server/src/testing/compiled.js';
import { benchArgs } from './cli.js';
import { withScratchDatabase } from './load/scratch-db.js';
import { ServerProcess } from './load/server-process.js';

const flags = benchArgs('npx tsx bench/memory.ts', 'Idle and per-connection memory of the server.', {
  embedder: { type: 'string', default: 'use-lite', help: 'embedder of the started server' },
  connections: { type: 'number', default: 1000, integer: true, help: 'idle customer sockets to open' },
  postgres: { type: 'boolean', help: 'run the server on a scratch PostgreSQL database instead of PGlite' },
  restart: {
    type: 'boolean',
    help: 'measure a second start on the same data folder (database, index and router cache exist), as a deployment runs',
  },
  json: { type: 'boolean', help: 'print one JSON line' },
  gc: {
    type: 'boolean',
    help: "after the idle reading, open the server's inspector and force a full GC before the heap readings (heap per connection without garbage)",
  },
  'malloc-default': {
    type: 'boolean',
    help: "glibc's and Node's defaults instead of the allocator and heap settings the switchboard bin sets (to measure them)",
  },
});
const ROOT = new URL('../', import.meta.url).pathname;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mb = (b: number) => Math.round((b / 1e6) * 10) / 10;

type Reading = {
  heapUsed: number;
  heapTotal: number;
  external: number;
  dbWasm: number;
  embedderHeap: number;
  embedderWasm: number;
};

/** The server's own view from `/metrics`: main V8 heap, external memory and the parts outside the main heap. */
async function metrics(url: string): Promise<Reading> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const read = (name: string) => Number(new RegExp(`^switchboard_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  const part = (p: string) => read(`memory_bytes\\{part="${p}"\\}`);
  return {
    heapUsed: read('nodejs_heap_size_used_bytes'),
    heapTotal: read('nodejs_heap_size_total_bytes'),
    external: read('nodejs_external_memory_bytes'),
    dbWasm: part('db_wasm'),
    embedderHeap: part('embedder_heap'),
    embedderWasm: part('embedder_wasm'),
  };
}

/** A full garbage collection in the server, through its inspector (opened by SIGUSR1 on a free port). */
async function collectGarbage(server: ServerProcess): Promise<void> {
  const url = await server.openInspector();
  const ws = new WebSocket(url);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  await new Promise((resolve) => {
    ws.once('message', resolve);
    ws.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }));
  });
  ws.close();
}

async function measure(databaseUrl?: string) {
  const data = mkdtempSync(join(tmpdir(), 'sb-mem-'));
  const server = new ServerProcess(
    [
      '--data',
      data,
      '--kb',
      join(ROOT, 'examples/demo-kb'),
      '--embedder',
      flags.embedder,
      '--rate-connections-per-minute',
      '0',
      '--max-connections-per-ip',
      '0',
    ],
    {
      env: databaseUrl ? { DATABASE_URL: databaseUrl } : {},
      startTimeoutMs: 300_000,
      // The inspector opens only after the idle reading (SIGUSR1): open from the start it added ~20 MB to idle memory.
      nodeArgs: flags.gc ? ['--inspect-port=127.0.0.1:0'] : [],
      binEnv: !flags['malloc-default'],
    },
  );
  const sockets: Socket[] = [];
  try {
    // A first start creates the database, ingests the help centre and embeds the router's examples: its one-off peaks
    // stay resident (WebAssembly memories never shrink). --restart measures the steady state of a restarted server.
    if (flags.restart) (await server.start(), await sleep(2000), await server.stop());
    const url = await server.start();
    await sleep(5000);
    const idle = { rss: server.usage()!.rssBytes, ...(await metrics(url)) };
    if (flags.gc) await collectGarbage(server);
    const idleCollected = flags.gc ? { rss: server.usage()!.rssBytes, ...(await metrics(url)) } : undefined;
    for (let i = 0; i < flags.connections; i += 50) {
      await Promise.all(
        Array.from(
          { length: Math.min(50, flags.connections - i) },
          () =>
            new Promise<void>((resolve) => {
              const s = io(`${url}/chat`, { transports: ['websocket'], reconnection: false, forceNew: true });
              sockets.push(s);
              s.once('session', () => resolve());
              s.once('connect_error', () => resolve());
            }),
        ),
      );
    }
    await sleep(5000);
    const open = sockets.filter((s) => s.connected).length;
    const busy = { rss: server.usage()!.rssBytes, ...(await metrics(url)) };
    if (flags.gc) await collectGarbage(server);
    const busyCollected = flags.gc ? await metrics(url) : undefined;
    const load = loadavg().map((x) => Math.round(x * 10) / 10);
    return {
      database: databaseUrl ? 'postgres' : 'pglite',
      embedder: flags.embedder,
      malloc: flags['malloc-default']
        ? 'glibc and Node defaults'
        : `switchboard bin (${[...Object.entries(BIN_ENV).map(([k, v]) => `${k}=${v}`), ...BIN_NODE_ARGS].join(' ')})`,
      start: flags.restart ? 'second (existing data folder)' : 'first (new data folder)',
      // Benchmarks on a shared machine are disturbed by the other work on it: the load average explains the numbers.
      load_average: load,
      idle_rss_mb: mb(idle.rss),
      // Where the idle resident memory goes. WebAssembly sizes are the memories' lengths (pages touched at least once
      // are resident, the rest reserved), so `other` (code, the worker isolate's fixed cost, native buffers, allocator
      // slack) is an estimate.
      breakdown_mb: {
        main_heap: mb(idle.heapTotal),
        main_heap_used: mb(idle.heapUsed),
        db_wasm: mb(idle.dbWasm),
        embedder_heap: mb(idle.embedderHeap),
        embedder_wasm: mb(idle.embedderWasm),
        other: mb(idle.rss - idle.heapTotal - idle.dbWasm - idle.embedderHeap - idle.embedderWasm),
      },
      connections: open,
      rss_with_connections_mb: mb(busy.rss),
      rss_per_connection_kb: Math.round(((busy.rss - (idleCollected?.rss ?? idle.rss)) / open / 1024) * 10) / 10,
      heap_per_connection_kb: Math.round(((busy.heapUsed - idle.heapUsed) / open / 1024) * 10) / 10,
      // The same after a full GC on both sides (--gc): what the open connections keep, without the garbage of opening them.
      ...(idleCollected && busyCollected
        ? {
            heap_after_gc_mb: mb(idleCollected.heapUsed),
            heap_per_connection_after_gc_kb:
              Math.round(((busyCollected.heapUsed - idleCollected.heapUsed) / open / 1024) * 10) / 10,
          }
        : {}),
    };
  } finally {
    sockets.forEach((s) => s.disconnect());
    await server.stop();
    rmSync(data, { recursive: true, force: true });
  }
}

const report = flags.postgres ? await withScratchDatabase((url) => measure(url)) : await measure();
if (!report) {
  process.stderr.write('--postgres: no PostgreSQL reachable (set DATABASE_URL)\n');
  process.exit(2);
}
console.log(flags.json ? JSON.stringify(report) : JSON.stringify(report, null, 2));
process.exit(0);
