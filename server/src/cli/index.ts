import { Command, CommanderError } from 'commander';
import { COMMANDS } from './commands.js';
import { failAndExit } from './exit.js';

/** Build the `switchboard` program with every subcommand registered. */
export function buildProgram(): Command {
  const program = new Command('switchboard')
    .description(
      'Self-hosted AI customer support: chat server, multi-agent router, local knowledge base, human handoff.',
    )
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of COMMANDS) register(program);
  return program;
}

/** Run the CLI with `argv` (defaults to the process arguments). */
export async function main(argv: string[] = process.argv): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError)
      process.exit(err.code === 'commander.helpDisplayed' || err.code === 'commander.version' ? 0 : 2);
    failAndExit(err);
  }
}
