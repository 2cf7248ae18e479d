import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Create the data folder if needed and make it 0700 whatever the umask: nothing under it is reachable by other users. */
export function secureFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Run a file-system step that may race with the database or index removing the file: a vanished file is fine. */
function ifPresent<T>(step: () => T): T | undefined {
  try {
    return step();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/**
 * Folders 0700 and files 0600 under `dir`. PGlite creates its files 0666 whatever the umask, so this runs after the
 * database opens and again when it closes; the 0700 folder is what protects files created in between.
 */
export function secureTree(dir: string): void {
  const st = ifPresent(() => lstatSync(dir));
  if (!st || st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    ifPresent(() => chmodSync(dir, 0o700));
    for (const name of ifPresent(() => readdirSync(dir)) ?? []) secureTree(join(dir, name));
  } else if (st.isFile() && (st.mode & 0o077) !== 0) {
    ifPresent(() => chmodSync(dir, 0o600));
  }
}
