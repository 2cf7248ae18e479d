import type { Command } from 'commander';
import { once } from 'node:events';
import { CorrectionStore, toJsonl } from '../handoff/corrections.js';
import { withDatabase, withDatabaseOption } from './open-db.js';

/** `switchboard export corrections > labelled.jsonl`: staff routing corrections as `{ text, agent }` lines for train-router. */
export function register(program: Command): void {
  const exp = program.command('export').description('export data from the server database');
  withDatabaseOption(exp.command('corrections'))
    .description('routing corrections made in the console, as JSON Lines { text, agent } (input for train-router and eval routing)')
    .action(async (opts) => {
      let n = 0;
      await withDatabase(opts, async (db) => {
        for await (const row of toJsonl(new CorrectionStore(db).examples())) {
          n++;
          if (!process.stdout.write(row)) await once(process.stdout, 'drain');
        }
      });
      process.stderr.write(`exported ${n} correction${n === 1 ? '' : 's'}\n`);
    });
}
