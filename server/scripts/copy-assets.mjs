// After `tsc`, copy the files the compiled server reads at run time (SQL migrations, the demo page, default agent
// settings, the embedding worker) from src/ to dist/ at the same relative paths, so `new URL('./x', import.meta.url)`
// finds them in both trees. The console has its own rollup build and is skipped.
import { cpSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const server = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(server, 'src');
const dist = join(server, 'dist');
const RUNTIME_ASSET = /\.(sql|html|css|json|mjs)$/;

let copied = 0;
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !RUNTIME_ASSET.test(entry.name)) continue;
  const from = join(entry.parentPath ?? entry.path, entry.name);
  const rel = relative(src, from);
  if (rel.startsWith('console') || rel.startsWith('testing') || /\.test\./.test(rel)) continue;
  cpSync(from, join(dist, rel));
  copied++;
}
console.log(`copied ${copied} run-time files to ${relative(process.cwd(), dist) || '.'}`);
