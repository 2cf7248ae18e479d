// What a website owner installs: `npx tsx bench/install.ts [--runs 5] [--json]` (after `npm run build`). Packs both
// workspaces, installs the tarballs offline into a temporary folder outside the repository (as the packaging test does),
// and prints the installed size, the packages with install scripts and the time of `switchboard --help`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  folderBytes,
  installTarballs,
  packagesWithInstallScripts,
  packWorkspaces,
} from '../server/e2e/tarball-install.js';
import { benchArgs } from './cli.js';

const flags = benchArgs('npx tsx bench/install.ts', 'Installed size and CLI start-up of the packed tarballs.', {
  runs: { type: 'number', default: 5, integer: true, help: 'timed `switchboard --help` runs' },
  json: { type: 'boolean', help: 'print one JSON line' },
});
const dir = mkdtempSync(join(tmpdir(), 'sb-install-bench-'));
try {
  const app = join(dir, 'app');
  const t0 = performance.now();
  installTarballs(app, packWorkspaces(join(dir, 'tarballs')));
  const installMs = Math.round(performance.now() - t0);
  const help: number[] = [];
  for (let i = 0; i < flags.runs; i++) {
    const started = performance.now();
    execFileSync(join(app, 'node_modules/.bin/switchboard'), ['--help'], { stdio: 'ignore' });
    help.push(Math.round(performance.now() - started));
  }
  help.sort((a, b) => a - b);
  const result = {
    installed_mb: Math.round((folderBytes(join(app, 'node_modules')) / 1024 / 1024) * 10) / 10,
    // On disk, in file-system blocks (what `du -sh node_modules` shows).
    disk_mb:
      Math.round(
        Number(execFileSync('du', ['-sk', join(app, 'node_modules')], { encoding: 'utf8' }).split('\t')[0]) / 102.4,
      ) / 10,
    install_scripts: packagesWithInstallScripts(app),
    pack_and_install_ms: installMs,
    help_ms_min: help[0],
    help_ms_median: help[Math.floor(help.length / 2)],
  };
  process.stdout.write(flags.json ? `${JSON.stringify(result)}\n` : `${JSON.stringify(result, null, 2)}\n`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
