#!/usr/bin/env node
// Prints the widget's sizes and, with --check, fails when a budget is exceeded. --json prints one JSON line.
import { readFileSync, statSync } from 'node:fs';
import { gzipSync, brotliCompressSync } from 'node:zlib';

const BUDGETS = [
  { name: 'loader', file: 'widget/dist/switchboard-loader.js', gzipBudget: 2 * 1024 },
  { name: 'widget', file: 'widget/dist/switchboard-widget.js', gzipBudget: 40 * 1024 },
];
const args = new Set(process.argv.slice(2));
const results = BUDGETS.map((b) => {
  const buf = readFileSync(b.file);
  return { ...b, bytes: statSync(b.file).size, gzip: gzipSync(buf, { level: 9 }).length, brotli: brotliCompressSync(buf).length };
});
if (args.has('--json')) {
  process.stdout.write(`${JSON.stringify(Object.fromEntries(results.map((r) => [r.name, { bytes: r.bytes, gzip: r.gzip, brotli: r.brotli, gzipBudget: r.gzipBudget }])))}\n`);
} else {
  for (const r of results) {
    const ok = r.gzip <= r.gzipBudget;
    console.log(`${ok ? 'ok  ' : 'OVER'} ${r.name.padEnd(7)} ${(r.bytes / 1024).toFixed(1).padStart(6)} KB raw  ${(r.gzip / 1024).toFixed(2).padStart(6)} KB gzip (budget ${r.gzipBudget / 1024} KB)  ${(r.brotli / 1024).toFixed(2)} KB brotli`);
  }
}
if (args.has('--check') && results.some((r) => r.gzip > r.gzipBudget)) {
  console.error('widget size budget exceeded');
  process.exit(1);
}
