import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { adminCall, dataDirOf, runningServer } from './admin-link.js';
import { UsageError } from './exit.js';

/** `switchboard kb list|remove`: see which folders the knowledge base holds documents from, and remove one. */
export function register(program: Command): void {
  const kb = program.command('kb').description('see and clean what the knowledge base holds, folder by folder');
  kb.command('list')
    .description('documents and chunks per source (a folder ingested with serve --kb or ingest, or "api")')
    .option('-d, --data <dir>', 'data folder, as for serve (env SWITCHBOARD_DATA; default ./.switchboard)')
    .option('--json', 'print JSON instead')
    .action(async (opts) => {
      // Loaded in the action so `switchboard --help` stays fast.
      const { loadSnapshot } = await import('../knowledge/persist.js');
      const { summariseSources } = await import('../knowledge/sources.js');
      const snap = loadSnapshot(join(dataDirOf(opts), 'kb'));
      const rows = snap ? summariseSources(snap.sources, snap.chunks) : [];
      if (opts.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      else if (!rows.length) process.stdout.write(`the knowledge base in ${join(dataDirOf(opts), 'kb')} is empty\n`);
      else
        for (const r of rows)
          process.stdout.write(`${r.source.replace(/^path:/, '')}\t${r.documents} documents\t${r.chunks} chunks\n`);
    });
  kb.command('remove')
    .description('remove every document that came from a folder (or "api" for documents added through the REST API)')
    .argument('<folder>', 'the folder as given to --kb or ingest, or a source printed by kb list')
    .option('-d, --data <dir>', 'data folder, as for serve (env SWITCHBOARD_DATA; default ./.switchboard)')
    .action(async (folder: string, opts) => {
      const { loadSnapshot, saveSnapshot } = await import('../knowledge/persist.js');
      const { snapshotWithoutSource } = await import('../knowledge/sources.js');
      const { sourceKeyOf } = await import('../http/kb.js');
      const { lockFolder } = await import('../storage/folder-lock.js');
      const dataDir = dataDirOf(opts);
      const source = sourceKeyOf(folder);
      // A running server keeps the index in memory and would write the folder back: it removes the documents itself.
      const link = runningServer(dataDir);
      if (link) {
        const { removedDocuments } = await adminCall<{ removedDocuments: number }>(
          link,
          'POST',
          '/api/kb/sources/remove',
          { source },
        );
        process.stdout.write(`removed ${removedDocuments} documents from ${source.replace(/^path:/, '')}\n`);
        return;
      }
      const dbDir = join(dataDir, 'db');
      let release = () => {};
      try {
        if (existsSync(dbDir)) release = lockFolder(dbDir);
      } catch (err) {
        // A server on this folder without an admin link (started by an older version, or with DATABASE_URL elsewhere).
        throw new UsageError(`${(err as Error).message} Stop it, or restart it so that kb remove can reach it.`);
      }
      try {
        const snap = loadSnapshot(join(dataDir, 'kb'));
        const { snapshot, removedDocuments } = snap
          ? snapshotWithoutSource(snap, source)
          : { snapshot: undefined, removedDocuments: 0 };
        if (!snapshot || !removedDocuments)
          throw new UsageError(`no documents from ${folder} in ${join(dataDir, 'kb')} (see switchboard kb list)`);
        await saveSnapshot(join(dataDir, 'kb'), snapshot);
        process.stdout.write(`removed ${removedDocuments} documents from ${source.replace(/^path:/, '')}\n`);
      } finally {
        release();
      }
    });
}
