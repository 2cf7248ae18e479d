// Load and fault benchmark on loopback. Usage:
//   npm run bench:load -- --clients 1000 --duration 60 [--rate 0.02] [--chaos] [--url URL] [--queries FILE]
//                         [--embedder use-lite] [--postgres] [--profile DIR] [--json]
// --postgres runs the server on a scratch database of the local PostgreSQL (or on DATABASE_URL) instead of PGlite.
// Exit code 1 when an acknowledged message was lost or a message duplicated.
import { runLoad, type LoadOptions } from './load/run.js';
import { withScratchDatabase } from './load/scratch-db.js';

const args = process.argv.slice(2);
const opt = (name: string, def?: string) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : def);
const number = (name: string, def: string) => {
  const v = Number(opt(name, def));
  if (!Number.isFinite(v) || v <= 0) {
    process.stderr.write(`--${name} must be a positive number\n`);
    process.exit(2);
  }
  return v;
};
const options: LoadOptions = {
  clients: Math.round(number('clients', '100')),
  duration: number('duration', '30'),
  rate: number('rate', '0.02'),
  chaos: args.includes('--chaos'),
  url: opt('url'),
  queries: opt('queries'),
  embedder: opt('embedder', 'use-lite')!,
  profileDir: opt('profile'),
  log: (l) => process.stderr.write(`${l}\n`),
};
const report = args.includes('--postgres') ? await withScratchDatabase((databaseUrl) => runLoad({ ...options, databaseUrl })) : await runLoad(options);
if (!report) {
  process.stderr.write('--postgres: no PostgreSQL reachable (set DATABASE_URL)\n');
  process.exit(2);
}
if (args.includes('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
else console.log(JSON.stringify(report, null, 2));
process.exit(report.lost || report.duplicated || report.unverified ? 1 : 0);
