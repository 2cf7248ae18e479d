// Creates a new embedded database (PGlite's initdb) in a short-lived worker thread: initdb's WebAssembly instance and
// its file bundle (about 0.5 GB) die with the thread instead of lingering as garbage in the server's heap.
import { workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const pg = await PGlite.create(workerData.dataDir);
await pg.close();
