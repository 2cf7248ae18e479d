import { createServer } from './dist/index.js';
import v8 from 'node:v8';
const mb = (b) => Math.round(b / 1e6);
const show = (l) => { const m = process.memoryUsage(); console.log(l, { rss: mb(m.rss), heapUsed: mb(m.heapUsed), heapTotal: mb(m.heapTotal), external: mb(m.external), ab: mb(m.arrayBuffers) }); };
const t0 = Date.now();
const s = await createServer({ port: 0, dataDir: process.argv[2], kb: ['../examples/demo-kb'], logLevel: 'error', demo: false });
await s.listen();
show('started ' + (Date.now() - t0) + 'ms');
await new Promise((r) => setTimeout(r, 3000));
gc(); gc();
show('after gc');
if (process.argv[3]) { v8.writeHeapSnapshot(process.argv[3]); }
await s.close();
process.exit(0);
