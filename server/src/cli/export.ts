import type { Command } from 'commander';
import { once } from 'node:events';
import { CorrectionStore, toJsonl } from '../handoff/corrections.js';
import { dataDirOf, runningServer, serverCall } from './admin-link.js';
import { withDatabase, withDatabaseOption } from './open-db.js';

/** `switchboard export corrections > labelled.jsonl`: staff routing corrections as `{ text, agent }` lines for train-router. */
export function register(program: Command): void {
  const exp = program.command('export').description('export data from the server database');
  withDatabaseOption(exp.command('corrections'))
    .description(
      'routing corrections made in the console, as JSON Lines { text, agent } (input for train-router and eval routing)',
    )
    .action(async (opts) => {
      let n = 0;
      // While `serve` runs on this data folder, through its admin API (the embedded database admits one process).
      const link = runningServer(dataDirOf(opts));
      if (link) {
        const text = await (await serverCall(link, 'GET', '/api/console/corrections.jsonl')).text();
        n = text.split('\n').filter(Boolean).length;
        process.stdout.write(text);
      } else
        await withDatabase(opts, async (db) => {
          for await (const row of toJsonl(new CorrectionStore(db).examples())) {
            n++;
            if (!process.stdout.write(row)) await once(process.stdout, 'drain');
          }
        });
      process.stderr.write(`exported ${n} correction${n === 1 ? '' : 's'}\n`);
    });
}
