#!/usr/bin/env node
// Prints the widget's sizes and, with --check, fails when a budget is exceeded. --json prints one JSON line.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { gzipSync, brotliCompressSync } from 'node:zlib';

const BUDGETS = [
  { name: 'loader', file: 'widget/dist/switchboard-loader.js', gzipBudget: 2 * 1024 },
  { name: 'widget', file: 'widget/dist/switchboard-widget.js', gzipBudget: 40 * 1024 },
];
const USAGE = 'Usage: node bench/widget-size.mjs [--check] [--json]  (after `npm run build`)';
let flags;
try {
  flags = parseArgs({ options: { check: { type: 'boolean' }, json: { type: 'boolean' } }, strict: true }).values;
} catch (err) {
  console.error(`${err.message}\n${USAGE}`);
  process.exit(2);
}
const missing = BUDGETS.filter((b) => !existsSync(b.file));
if (missing.length) {
  console.error(`${missing.map((b) => b.file).join(', ')} not found: build the widget first (npm run build)`);
  process.exit(2);
}
const results = BUDGETS.map((b) => {
  const buf = readFileSync(b.file);
  return {
    ...b,
    bytes: statSync(b.file).size,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf).length,
  };
});
if (flags.json) {
  process.stdout.write(
    `${JSON.stringify(Object.fromEntries(results.map((r) => [r.name, { bytes: r.bytes, gzip: r.gzip, brotli: r.brotli, gzipBudget: r.gzipBudget }])))}\n`,
  );
} else {
  for (const r of results) {
    const ok = r.gzip <= r.gzipBudget;
    console.log(
      `${ok ? 'ok  ' : 'OVER'} ${r.name.padEnd(7)} ${(r.bytes / 1024).toFixed(1).padStart(6)} KB raw  ${(r.gzip / 1024).toFixed(2).padStart(6)} KB gzip (budget ${r.gzipBudget / 1024} KB)  ${(r.brotli / 1024).toFixed(2)} KB brotli`,
    );
  }
}
if (flags.check && results.some((r) => r.gzip > r.gzipBudget)) {
  console.error('widget size budget exceeded');
  process.exit(1);
}
