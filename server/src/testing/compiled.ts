// Vitest global setup: CLI-spawning tests run the compiled server (server/dist), as users do; rebuild it when any
// server source is newer than the build, so running one test file never exercises stale JavaScript.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../../', import.meta.url).pathname;
/** The compiled CLI entry point that tests spawn. */
export const COMPILED_CLI = join(ROOT, 'server/dist/cli/main.js');
// The `switchboard` bin's shebang: `#!/usr/bin/env -S VAR=value … node --flag …`.
const SHEBANG = readFileSync(join(ROOT, 'server/bin/switchboard.mjs'), 'utf8').split('\n')[0].split(/\s+/);
const NODE_AT = SHEBANG.indexOf('node');
/** The variables the bin's shebang sets (glibc allocator settings), so spawned servers run as users' do. */
export const BIN_ENV: Record<string, string> = Object.fromEntries(
  SHEBANG.slice(0, NODE_AT)
    .filter((t) => /^[A-Z_]+=/.test(t))
    .map((kv) => kv.split('=')),
);
/** The Node flags the bin's shebang passes (heap sizing), for the same reason. */
export const BIN_NODE_ARGS: string[] = SHEBANG.slice(NODE_AT + 1);

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && !entry.name.includes('.test.'))
      newest = Math.max(newest, statSync(join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
  }
  return newest;
}

/** Build what CLI-spawning tests run when it is missing or older than its sources: the widget protocol bundle, then server/dist. */
export default function ensureCompiledServer(): void {
  const mtime = (file: string) => (existsSync(file) ? statSync(file).mtimeMs : 0);
  // Without vitest's NODE_ENV=test, which would make rollup pick socket.io's debug builds for the widget bundle.
  const { NODE_ENV: _ignored, ...env } = process.env;
  const run = (script: string) =>
    execFileSync('npm', ['run', script, '--silent'], { cwd: ROOT, stdio: 'inherit', env });
  if (mtime(join(ROOT, 'widget/dist/protocol.js')) < newestSource(join(ROOT, 'widget/src'))) run('build');
  else if (mtime(COMPILED_CLI) < newestSource(join(ROOT, 'server/src'))) run('build:server');
}
