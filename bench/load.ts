// Load and fault benchmark on loopback. Usage:
//   npm run bench:load -- --clients 1000 --duration 60 [--rate 0.02] [--chaos] [--reconnect-once 0.25] [--url URL] [--queries FILE]
//                         [--embedder use-lite] [--postgres] [--profile DIR] [--json]
// --postgres runs the server on a scratch database of the local PostgreSQL (or on DATABASE_URL) instead of PGlite.
// Exit code 1 when an acknowledged message was lost, a message duplicated, or an answer the AI owed is missing.
import { benchArgs } from './cli.js';
import { runLoad, type LoadOptions } from './load/run.js';
import { withScratchDatabase } from './load/scratch-db.js';

const flags = benchArgs(
  'npm run bench:load --',
  'Load and fault benchmark: real socket.io-client customers against a server on loopback.',
  {
    clients: { type: 'number', default: 100, integer: true, help: 'concurrent customer connections' },
    duration: { type: 'number', default: 30, help: 'seconds of traffic' },
    rate: { type: 'number', default: 0.02, help: 'messages per second per customer' },
    chaos: { type: 'boolean', help: 'random reconnects, a reconnect burst and a server kill -9 mid-run' },
    'reconnect-once': {
      type: 'number',
      default: 0,
      min: 0,
      help: 'share of customers (0-1) that lose their connection once at a random moment (no server kill)',
    },
    url: { type: 'string', help: 'target a running server instead of starting one' },
    queries: { type: 'string', help: 'JSONL file of { query } rows to ask (default: built-in questions)' },
    embedder: { type: 'string', default: 'use-lite', help: 'embedder of the started server' },
    postgres: { type: 'boolean', help: 'run the server on a scratch PostgreSQL database instead of PGlite' },
    profile: { type: 'string', help: 'write a --cpu-prof profile of the server into this folder' },
    json: { type: 'boolean', help: 'print one JSON line' },
  },
);
const options: LoadOptions = {
  clients: flags.clients,
  duration: flags.duration,
  rate: flags.rate,
  chaos: flags.chaos,
  reconnectOnce: flags['reconnect-once'],
  url: flags.url,
  queries: flags.queries,
  embedder: flags.embedder,
  profileDir: flags.profile,
  log: (l) => process.stderr.write(`${l}\n`),
};
const report = flags.postgres
  ? await withScratchDatabase((databaseUrl) => runLoad({ ...options, databaseUrl }))
  : await runLoad(options);
if (!report) {
  process.stderr.write('--postgres: no PostgreSQL reachable (set DATABASE_URL)\n');
  process.exit(2);
}
if (flags.json) process.stdout.write(`${JSON.stringify(report)}\n`);
else console.log(JSON.stringify(report, null, 2));
process.exit(report.lost || report.duplicated || report.unverified || report.unanswered ? 1 : 0);
