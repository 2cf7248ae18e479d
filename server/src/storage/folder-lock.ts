import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../util/errors.js';

// Folders this process holds: a lock file with our own pid that is not in here was left by an earlier process that had
// the same pid (a container's pid 1 after a restart).
const held = new Set<string>();

/** Is a process with this id alive (on this machine)? */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Take the embedded database folder for this process (a `switchboard.pid` file), or fail with `data_dir_in_use` when a
 * live process holds it: two processes writing one PGlite folder would corrupt it. A lock left by a killed process is
 * taken over. Returns the release function.
 * @example const release = lockFolder('./.switchboard/db'); …; release();
 */
export function lockFolder(dir: string): () => void {
  const file = join(dir, 'switchboard.pid');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      held.add(file);
      return () => {
        if (!held.delete(file)) return;
        rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(file, 'utf8').trim());
      const ours = holder === process.pid;
      if (Number.isInteger(holder) && holder > 0 && (ours ? held.has(file) : alive(holder))) {
        throw new AppError(
          'data_dir_in_use',
          `The database folder ${dir} is in use by process ${holder}${ours ? ' (this one)' : ''}. Stop that server first, or give this one its own --data folder; several servers share a database through PostgreSQL (DATABASE_URL).`,
        );
      }
      rmSync(file, { force: true }); // left behind by a process that no longer runs
    }
  }
  throw new AppError('data_dir_in_use', `Could not lock the database folder ${dir}.`);
}
