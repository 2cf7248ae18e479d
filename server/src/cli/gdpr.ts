import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { resolveConfig } from '../config.js';
import { AuditLog } from '../security/audit.js';
import { PrivacyService, subjectLabel, type DataSubject } from '../security/privacy.js';
import { adminCall, dataDirOf, runningServer } from './admin-link.js';
import { UsageError } from './exit.js';
import { withDatabase, withDatabaseOption } from './open-db.js';
import { cliActor } from './token.js';

/** Erased conversations' attachment objects, when attachments live in an S3 bucket (database bytes went with their rows). */
async function removeStoredFiles(conversationIds: string[]): Promise<void> {
  const config = resolveConfig({});
  // Every command module is loaded by the CLI (serve too): the AWS SDK only when a bucket is configured.
  const s3 =
    conversationIds.length && config.s3Bucket
      ? await (await import('../attachments/s3.js')).s3FromConfig(config)
      : undefined;
  if (!s3) return;
  try {
    await s3.removeConversations(conversationIds);
  } finally {
    s3.close();
  }
}

type EraseReport = Awaited<ReturnType<PrivacyService['erase']>>;

/** The REST path of a data subject on a running server (privacyRoutes). */
const subjectPath = (s: DataSubject) =>
  'userId' in s ? `/api/users/${encodeURIComponent(s.userId)}` : `/api/visitors/${encodeURIComponent(s.visitorId)}`;

function subjectOf(opts: { user?: string; visitor?: string }): DataSubject {
  if (!!opts.user === !!opts.visitor) throw new UsageError('give exactly one of --user <id> or --visitor <id>');
  return opts.user ? { userId: opts.user } : { visitorId: opts.visitor! };
}

const subjectOptions = (cmd: Command) =>
  withDatabaseOption(cmd)
    .option('--user <id>', "an identified user: the `sub` of the host site's identity token")
    .option('--visitor <id>', 'an anonymous visitor id (v_…)');

/** `switchboard gdpr export|delete --user … | --visitor …`: a person's data as JSON, or erased. */
export function register(program: Command): void {
  const gdpr = program
    .command('gdpr')
    .description("privacy requests: export or erase one person's conversations and personal data");

  subjectOptions(gdpr.command('export'))
    .description('print (or write with --out) everything stored about a person, as JSON')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (opts) => {
      const subject = subjectOf(opts);
      // While `serve` runs on this data folder, through its admin API, which audits the request itself.
      const link = runningServer(dataDirOf(opts));
      const data = link
        ? await adminCall<{ conversations: unknown[] }>(link, 'GET', `${subjectPath(subject)}/export`)
        : await withDatabase(opts, async (db) => {
            const found = await new PrivacyService(db).export(subject);
            await new AuditLog(db).record({
              actor: cliActor(),
              action: 'gdpr.exported',
              target: subjectLabel(subject),
              data: { conversations: found.conversations.length },
            });
            return found;
          });
      const json = `${JSON.stringify(data, null, 2)}\n`;
      if (opts.out) writeFileSync(opts.out, json, { mode: 0o600 });
      else process.stdout.write(json);
      process.stderr.write(`exported ${data.conversations.length} conversation(s) of ${subjectLabel(subject)}\n`);
    });

  subjectOptions(gdpr.command('delete'))
    .description("erase a person's conversations, messages and every row referring to them")
    .action(async (opts) => {
      const subject = subjectOf(opts);
      const link = runningServer(dataDirOf(opts));
      // The running server also removes stored files and disconnects the erased conversations' sockets.
      const report = link
        ? await adminCall<EraseReport>(link, 'DELETE', subjectPath(subject))
        : await withDatabase(opts, async (db) => {
            const erased = await new PrivacyService(db).erase(subject);
            await removeStoredFiles(erased.conversationIds);
            await new AuditLog(db).record({
              actor: cliActor(),
              action: 'gdpr.deleted',
              target: subjectLabel(subject),
              data: { deleted: erased.deleted },
            });
            return erased;
          });
      const rows = Object.entries(report.deleted)
        .map(([t, n]) => `${t} ${n}`)
        .join(', ');
      process.stdout.write(
        `erased ${subjectLabel(subject)}: ${report.conversationIds.length} conversation(s)${rows ? ` (${rows})` : ''}\n`,
      );
    });
}
