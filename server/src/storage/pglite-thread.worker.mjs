// The embedded database (PGlite) on its own thread, so its WebAssembly and JavaScript run beside the event loop instead
// of on it. The main thread (`pglite-thread.ts`) posts { id, op, sql, params }; each answer is { id, rows } or
// { id, error } plus the WebAssembly memory's size. Requests are handled strictly in arrival order: the main side sends
// BEGIN, a transaction's statements and COMMIT as separate requests and holds back everything else meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const { dataDir, dump, module, postgresqlconf } = workerData;
const pg = await PGlite.create({
  ...(dataDir ? { dataDir } : {}),
  ...(dump ? { loadDataDir: new Blob([dump]) } : {}),
  ...(module ? { pgliteWasmModule: module } : {}),
  ...(postgresqlconf ? { postgresqlconf } : {}),
});

// PGlite keeps its Emscripten module private; the memory's size is all we read from it.
const wasmBytes = () => pg.mod?.wasmMemory?.buffer.byteLength ?? 0;

// What callers look at on a PostgreSQL error (`code` 23505, `constraint`, `detail`…): every own field that survives a
// structured clone as text or a number. The query's parameters are left out (they can be large blobs).
function plainError(err) {
  const out = { message: String(err?.message ?? err), name: err?.name ?? 'Error' };
  if (err && typeof err === 'object') {
    for (const [key, value] of Object.entries(err)) {
      if (key !== 'params' && (typeof value === 'string' || typeof value === 'number')) out[key] = value;
    }
  }
  return out;
}

async function handle({ op, sql, params }) {
  if (op === 'query') return (await pg.query(sql, params)).rows;
  if (op === 'exec') return void (await pg.exec(sql));
  if (op === 'close') return void (await pg.close());
  throw new Error(`unknown request ${op}`);
}

let tail = Promise.resolve();
parentPort.on('message', (request) => {
  tail = tail.then(async () => {
    try {
      const rows = await handle(request);
      parentPort.postMessage({ id: request.id, rows, wasm: wasmBytes() });
    } catch (err) {
      parentPort.postMessage({ id: request.id, error: plainError(err), wasm: wasmBytes() });
    }
    // Closing the port lets the thread end once the database is closed.
    if (request.op === 'close') parentPort.close();
  });
});
parentPort.postMessage({ ready: true, wasm: wasmBytes() });
