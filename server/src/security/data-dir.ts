import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Create the data folder if needed and make it 0700 whatever the umask: nothing under it is reachable by other users. */
export function secureFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/**
 * Folders 0700 and files 0600 under `dir`. PGlite creates its files 0666 whatever the umask, so this runs after the
 * database opens and again when it closes; the 0700 folder is what protects files created in between.
 */
export function secureTree(dir: string): void {
  let st;
  try {
    st = lstatSync(dir);
  } catch {
    return;
  }
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    chmodSync(dir, 0o700);
    for (const name of readdirSync(dir)) secureTree(join(dir, name));
  } else if (st.isFile() && (st.mode & 0o077) !== 0) {
    chmodSync(dir, 0o600);
  }
}
