import type { Command } from 'commander';
import { userInfo } from 'node:os';
import { configFromEnv } from '../config.js';
import { ApiTokens, durationSeconds, type ApiTokenRecord as TokenRecord } from '../security/api-tokens.js';
import { AuditLog } from '../security/audit.js';
import { loadSecret } from '../security/secret.js';
import { StaffTokens } from '../security/staff-tokens.js';
import { AppError } from '../util/errors.js';
import { UsageError } from './exit.js';
import { adminCall, dataDirOf, runningServer } from './admin-link.js';
import { withDatabase, withDatabaseOption } from './open-db.js';

/** Who ran a CLI command, for the audit log. */
export function cliActor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return 'cli';
  }
}

/** The server's signing secret: SWITCHBOARD_SECRET, else the one generated into the data folder. */
function secretFor(data: string | undefined): string {
  const env = configFromEnv();
  return loadSecret(env.secret, data ?? env.dataDir ?? './.switchboard');
}

/** `switchboard token create|list|revoke`: API keys for the REST API (`Authorization: Bearer …`). */
export function register(program: Command): void {
  const token = program.command('token').description('API tokens for the REST API (create, list, revoke)');

  withDatabaseOption(token.command('create'))
    .description('create an API token and print it once')
    .requiredOption('--name <name>', 'what the token is for, e.g. "CI deploys"')
    .option('--role <role>', 'agent | admin', 'agent')
    .option('--expires <duration>', 'lifetime like 90d, 12h or 1y (default: never)')
    .action(async (opts) => {
      if (opts.role !== 'agent' && opts.role !== 'admin')
        throw new UsageError(`role must be agent or admin, not "${opts.role}"`);
      if (opts.expires) {
        try {
          durationSeconds(opts.expires);
        } catch (err) {
          throw new UsageError((err as AppError).message);
        }
      }
      const name = String(opts.name).trim().slice(0, 200);
      if (!name) throw new UsageError('--name must not be empty');
      const link = runningServer(dataDirOf(opts));
      if (link) {
        // Signed by the running server with its own secret, so the token is valid there whatever this shell's environment.
        const created = await adminCall<{ token: string; id: string; role: string; expiresAt: string | null }>(
          link,
          'POST',
          '/tokens',
          { name, role: opts.role, expiresIn: opts.expires },
        );
        process.stderr.write(
          `created ${created.role} token ${created.id} "${name}" on the running server${created.expiresAt ? `, expires ${created.expiresAt}` : ', never expires'}\n`,
        );
        process.stdout.write(`${created.token}\n`);
        return;
      }
      await withDatabase(opts, async (db) => {
        const tokens = new ApiTokens(db, new StaffTokens(secretFor(opts.data)));
        const { token: secret, record } = await tokens.create({
          name,
          role: opts.role,
          expiresIn: opts.expires,
          createdBy: cliActor(),
        });
        await new AuditLog(db).record({
          actor: cliActor(),
          action: 'token.created',
          target: record.id,
          data: { name, role: record.role, expiresAt: record.expiresAt },
        });
        process.stderr.write(
          `created ${record.role} token ${record.id} "${name}"${record.expiresAt ? `, expires ${record.expiresAt}` : ', never expires'}\n`,
        );
        process.stdout.write(`${secret}\n`);
      });
    });

  withDatabaseOption(token.command('list'))
    .description('list API tokens (never their secrets)')
    .action(async (opts) => {
      const link = runningServer(dataDirOf(opts));
      const all = link
        ? (await adminCall<{ tokens: TokenRecord[] }>(link, 'GET', '/tokens')).tokens
        : await withDatabase(opts, (db) => new ApiTokens(db, new StaffTokens('unused-for-listing')).list());
      for (const t of all) {
        const state = t.revokedAt
          ? 'revoked'
          : t.expiresAt && Date.parse(t.expiresAt) < Date.now()
            ? 'expired'
            : 'active';
        process.stdout.write(`${t.id}\t${t.role}\t${state}\t${t.expiresAt ?? 'never'}\t${t.name}\n`);
      }
    });

  withDatabaseOption(token.command('revoke'))
    .description('revoke an API token at once')
    .argument('<id>', 'token id (t_…), from `token list`')
    .action(async (id: string, opts) => {
      const link = runningServer(dataDirOf(opts));
      if (link) {
        await adminCall(link, 'DELETE', `/tokens/${encodeURIComponent(id)}`);
        process.stdout.write(`revoked ${id}\n`);
        return;
      }
      await withDatabase(opts, async (db) => {
        if (!(await new ApiTokens(db, new StaffTokens('unused-for-revoking')).revoke(id)))
          throw new UsageError(`no active token ${id}`);
        await new AuditLog(db).record({ actor: cliActor(), action: 'token.revoked', target: id });
        process.stdout.write(`revoked ${id}\n`);
      });
    });
}
