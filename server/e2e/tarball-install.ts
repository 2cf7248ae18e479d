// Install the packed `switchboard-chat` and `switchboard-server` tarballs into a folder outside the repository, as a
// website owner would, but offline: the versions come from the repository's package-lock.json and the tarballs of
// their dependencies from the npm cache, so no registry metadata is needed (`npm ci --offline`).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
  [key: string]: unknown;
}

const run = (cmd: string, args: string[], cwd: string) =>
  execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' },
  });

/** `npm pack` both workspaces into `dest` (from the current build: run `npm run build` first) and return the tarball paths. */
export function packWorkspaces(dest: string): { widget: string; server: string } {
  mkdirSync(dest, { recursive: true });
  // --ignore-scripts: the repository's build (pretest) already made dist/; prepack would rebuild it a second time.
  const out = JSON.parse(
    run(
      'npm',
      ['pack', '--json', '--ignore-scripts', '-w', 'widget', '-w', 'server', '--pack-destination', dest],
      ROOT,
    ),
  ) as Array<{ name: string; filename: string }>;
  const file = (name: string) => join(dest, out.find((p) => p.name === name)!.filename);
  return { widget: file('switchboard-chat'), server: file('switchboard-server') };
}

/** Total size of the files under `dir`, in bytes (what `du --apparent-size` counts). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (e.isFile()) total += statSync(join(e.parentPath ?? e.path, e.name)).size;
  return total;
}

/** Installed packages that declare an install script (npm records them in node_modules/.package-lock.json). */
export function packagesWithInstallScripts(appDir: string): string[] {
  const lock = JSON.parse(readFileSync(join(appDir, 'node_modules/.package-lock.json'), 'utf8')) as {
    packages: Record<string, { hasInstallScript?: boolean }>;
  };
  return Object.entries(lock.packages)
    .filter(([, p]) => p.hasInstallScript)
    .map(([path]) => path);
}

/** The registry's tarball URL of a lock entry (the repository's lock omits them); npm then finds it in its cache by integrity. */
function registryTarball(path: string, version: string): string {
  const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  return `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${version}.tgz`;
}

function sri(file: string): string {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/** Write package.json and package-lock.json for an app depending on the two tarballs, then `npm ci --offline` there. */
export function installTarballs(appDir: string, tarballs: { widget: string; server: string }): void {
  mkdirSync(appDir, { recursive: true });
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>;
  };
  const manifest = (ws: string) =>
    JSON.parse(readFileSync(join(ROOT, ws, 'package.json'), 'utf8')) as Record<string, unknown>;
  const deps = { 'switchboard-chat': `file:${tarballs.widget}`, 'switchboard-server': `file:${tarballs.server}` };
  const packages: Record<string, unknown> = { '': { name: 'switchboard-tarball-app', dependencies: deps } };
  for (const [ws, name, tgz] of [
    ['widget', 'switchboard-chat', tarballs.widget],
    ['server', 'switchboard-server', tarballs.server],
  ] as const) {
    const m = manifest(ws);
    packages[`node_modules/${name}`] = {
      version: m.version,
      resolved: `file:${tgz}`,
      integrity: sri(tgz),
      license: m.license,
      dependencies: m.dependencies,
      peerDependencies: m.peerDependencies,
      peerDependenciesMeta: m.peerDependenciesMeta,
      bin: m.bin,
      engines: m.engines,
    };
  }
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (entry.dev || entry.link || !path) continue;
    // A workspace's own nested copies (version conflicts) move under the installed package.
    const moved = path
      .replace(/^server\/node_modules\//, 'node_modules/switchboard-server/node_modules/')
      .replace(/^widget\/node_modules\//, 'node_modules/switchboard-chat/node_modules/');
    if (moved.startsWith('node_modules/'))
      packages[moved] = { ...entry, resolved: entry.resolved ?? registryTarball(moved, entry.version!) };
  }
  writeFileSync(
    join(appDir, 'package.json'),
    JSON.stringify({ name: 'switchboard-tarball-app', private: true, type: 'module', dependencies: deps }, null, 2),
  );
  writeFileSync(
    join(appDir, 'package-lock.json'),
    JSON.stringify({ name: 'switchboard-tarball-app', lockfileVersion: 3, requires: true, packages }, null, 2),
  );
  // No allowScripts and no ONNXRUNTIME_NODE_INSTALL_CUDA here, as on a user's machine: the install must need neither.
  run('npm', ['ci', '--offline', '--no-audit', '--no-fund'], appDir);
}
