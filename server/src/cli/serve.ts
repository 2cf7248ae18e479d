import type { Command } from 'commander';
import { ConfigError, type ConfigInput } from '../config.js';
import { AppError } from '../util/errors.js';
import { UsageError } from './exit.js';
import { newAdminToken, writeAdminLink } from './admin-link.js';
import { preflight } from './preflight.js';
import { settingFlags, settingsFromFlags } from '../settings/flags.js';
import { SETTING_ENTRIES } from '../settings/table.js';

/** The environment variables of settings that have no flag (secrets, URLs with passwords). */
function envOnly(): string {
  return SETTING_ENTRIES.flatMap(([, s]) =>
    typeof s.flag !== 'string' && typeof s.env === 'string' ? [s.env] : [],
  ).join(', ');
}

/** `switchboard serve`: run the chat server until SIGINT/SIGTERM. */
export function register(program: Command): void {
  const flags = settingFlags();
  const serve = program.command('serve').description('run the chat server (REST, Socket.IO, widget files, console)');
  for (const { option } of flags) serve.addOption(option);
  serve
    .addHelpText('after', `\nOnly in the environment: ${envOnly()}.\nSee docs/server-config.md.`)
    .action(async (opts: Record<string, unknown>) => {
      const input = settingsFromFlags(flags, opts) as ConfigInput;
      // Configuration and port first: mistakes show in a fraction of a second, not after the model has loaded.
      const config = await preflight(input);
      // Embedded database: `user`/`token` commands reach this process through its admin API while it runs (admin-link.ts).
      const adminToken = config.databaseUrl ? undefined : (config.adminToken ?? newAdminToken());
      // Loaded here, not at the top: the whole server graph would make `switchboard --help` slow.
      const { createServer } = await import('../index.js');
      let server;
      try {
        server = await createServer({ ...input, adminToken });
      } catch (err) {
        // A configuration problem found while starting (e.g. an embedder that cannot load) is still a usage error: exit 2.
        if (err instanceof ConfigError || (err instanceof AppError && err.code === 'invalid_config'))
          throw new UsageError(err.message);
        throw err;
      }
      const { url } = await server.listen();
      if (adminToken) process.once('exit', writeAdminLink(config.dataDir, url, adminToken));
      process.stdout.write(`Switchboard is running at ${url}\n`);
      // Start-up leaves ~100 MB of garbage in the main heap; with the embedded database on its own thread an idle main
      // thread allocates nothing that would trigger a collection, so it stayed resident until the first traffic
      // (bench:memory, restart: 367 → 279 MB idle). The bin's shebang passes --expose-gc for this one call.
      (globalThis as { gc?: () => void }).gc?.();
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        server.logger.info({ signal }, 'shutting down');
        server.close().then(
          () => process.exit(0),
          (err) => {
            server.logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
}
