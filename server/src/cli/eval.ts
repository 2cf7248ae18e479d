import type { Command } from 'commander';
import { registerRetrieval } from './eval-retrieval.js';
import { registerRouting } from './eval-routing.js';

/** `switchboard eval …`: evaluation commands on labelled data. */
export function register(program: Command): void {
  const evalCmd = program.command('eval').description('evaluate retrieval or routing on labelled data');
  registerRetrieval(evalCmd);
  registerRouting(evalCmd);
}
