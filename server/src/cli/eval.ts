import type { Command } from 'commander';
import { registerConversations } from './eval-conversations.js';
import { registerRetrieval } from './eval-retrieval.js';
import { registerRouting } from './eval-routing.js';

/** `switchboard eval …`: evaluation commands on labelled data. */
export function register(program: Command): void {
  const evalCmd = program
    .command('eval')
    .description('evaluate retrieval, routing or whole conversations on labelled data');
  registerRetrieval(evalCmd);
  registerRouting(evalCmd);
  registerConversations(evalCmd);
}
