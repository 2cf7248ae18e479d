// In-memory PGlite databases (tests, `eval conversations`, embedders of `createServer({ inMemory: true })`) are often
// opened many times in one process. Each fresh one runs initdb and every migration inside WebAssembly (~1.5 s idle,
// 7 s on a busy 2-core machine); restoring a data folder dumped once after the migrations skips both (measured
// 7.3 s → 2.0 s per database at load 16). The compiled WebAssembly module is shared as well.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';

type Template = { dump: Blob; module: WebAssembly.Module };
let template: Promise<Template> | undefined;

/** The compiled `pglite.wasm` shipped beside PGlite's entry point. */
async function compilePglite(): Promise<WebAssembly.Module> {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return WebAssembly.compile(await readFile(join(dirname(entry), 'pglite.wasm')));
}

/**
 * Open an in-memory PGlite on which `prepare` (the migrations) has run. The first call in a process creates one and
 * prepares it, then keeps a dump of it as the template; later calls restore that dump.
 * @example const pg = await openMemoryPglite({}, (fresh) => fresh.exec('CREATE TABLE notes (body text)'));
 */
export async function openMemoryPglite(
  options: Pick<PGliteOptions, 'postgresqlconf'>,
  prepare: (pg: PGlite) => Promise<unknown>,
): Promise<PGlite> {
  if (!template) {
    let first: PGlite | undefined;
    const building = (async () => {
      const module = await compilePglite();
      first = await PGlite.create({ ...options, pgliteWasmModule: module });
      await prepare(first);
      return { dump: await first.dumpDataDir('none'), module };
    })();
    template = building;
    try {
      await building;
      return first!;
    } catch (err) {
      // A failed template (say a broken migration) must not poison every later open in this process.
      template = undefined;
      await first?.close().catch(() => undefined);
      throw err;
    }
  }
  const { dump, module } = await template;
  const pg = await PGlite.create({ ...options, loadDataDir: dump, pgliteWasmModule: module });
  // The template was made by this process's code; `prepare` is idempotent and finds nothing to do unless it changed.
  await prepare(pg);
  return pg;
}

/** The prepared template's dump and compiled module (made on first use), to start an in-memory PGlite elsewhere. */
export async function memoryTemplate(prepare: (pg: PGlite) => Promise<unknown>): Promise<Template> {
  if (!template) await (await openMemoryPglite({}, prepare)).close();
  return template!;
}
