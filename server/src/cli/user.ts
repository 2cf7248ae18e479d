import type { Command } from 'commander';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { hashPassword } from '../security/passwords.js';
import type { StaffRole } from '../security/staff-tokens.js';
import { StaffStore, type StaffRecord } from '../storage/staff.js';
import { UsageError } from './exit.js';
import { adminCall, dataDirOf, runningServer, type AdminLink } from './admin-link.js';
import { withDatabase, withDatabaseOption } from './open-db.js';

const MIN_PASSWORD = 10;

function role(value: string): StaffRole {
  if (value !== 'agent' && value !== 'admin') throw new UsageError(`role must be agent or admin, not "${value}"`);
  return value;
}

function email(value: string): string {
  if (!z.string().email().max(320).safeParse(value).success) throw new UsageError(`not an e-mail address: "${value}"`);
  return value.trim().toLowerCase();
}

/** Read the whole of stdin (for `--password-stdin`); the trailing newline is dropped. */
async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.replace(/\r?\n$/, '');
}

/** Ask for a password on the terminal without echoing it. */
function promptHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WritableStream };
    out._writeToOutput = (s: string) => {
      if (s.includes(question)) process.stderr.write(s);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

async function password(fromStdin: boolean): Promise<string> {
  let value: string;
  if (fromStdin) value = await readStdin();
  else if (process.stdin.isTTY) {
    value = await promptHidden('Password: ');
    if ((await promptHidden('Repeat password: ')) !== value) throw new UsageError('the passwords do not match');
  } else throw new UsageError('no terminal to ask for a password: pipe it with --password-stdin');
  if (value.length < MIN_PASSWORD) throw new UsageError(`the password needs at least ${MIN_PASSWORD} characters`);
  return value;
}

async function account(staff: StaffStore, address: string): Promise<StaffRecord> {
  const found = await staff.byEmail(email(address));
  if (!found) throw new UsageError(`no account with e-mail ${address}`);
  return found;
}

/** The account with this e-mail on a running server. */
async function remoteAccount(link: AdminLink, address: string): Promise<StaffRecord> {
  const { users } = await adminCall<{ users: StaffRecord[] }>(link, 'GET', '/users');
  const found = users.find((u) => u.email === email(address));
  if (!found) throw new UsageError(`no account with e-mail ${address}`);
  return found;
}

/** Change an account through the running server when there is one, else in the database. */
async function updateAccount(
  opts: { data?: string },
  address: string,
  patch: { role?: StaffRole; disabled?: boolean },
): Promise<StaffRecord> {
  const link = runningServer(dataDirOf(opts));
  if (link)
    return (
      await adminCall<{ user: StaffRecord }>(link, 'PATCH', `/users/${(await remoteAccount(link, address)).id}`, patch)
    ).user;
  return (await withDatabase(opts, async (db) => {
    const staff = new StaffStore(db);
    return staff.update((await account(staff, address)).id, patch);
  }))!;
}

const line = (s: StaffRecord) => [s.id, s.email, s.name, s.role, s.disabled ? 'disabled' : 'active'].join('\t');

/** `switchboard user add|list|set-role|disable`: support staff accounts for the console. */
export function register(program: Command): void {
  const user = program.command('user').description('manage support staff accounts (console logins)');

  withDatabaseOption(user.command('add'))
    .description('create an account; the password is asked for, or read from stdin with --password-stdin')
    .requiredOption('--email <email>', 'login e-mail')
    .requiredOption('--name <name>', 'name shown to customers, e.g. "Maria"')
    .option('--role <role>', 'agent (conversations) or admin (everything)', 'agent')
    .option('--password-stdin', 'read the password from standard input')
    .action(async (opts) => {
      const input = { email: email(opts.email), name: String(opts.name).trim(), role: role(opts.role) };
      if (!input.name || input.name.length > 100) throw new UsageError('--name must be 1 to 100 characters');
      const secret = await password(!!opts.passwordStdin);
      const link = runningServer(dataDirOf(opts));
      if (link) {
        const { user: created } = await adminCall<{ user: StaffRecord }>(link, 'POST', '/users', {
          ...input,
          password: secret,
        });
        process.stdout.write(`created ${created.role} ${created.email} (${created.id}) on the running server\n`);
        return;
      }
      const passwordHash = await hashPassword(secret);
      const created = await withDatabase(opts, async (db) => {
        const staff = new StaffStore(db);
        if (await staff.byEmail(input.email))
          throw new UsageError(`an account with e-mail ${input.email} already exists`);
        return staff.create({ ...input, passwordHash });
      });
      process.stdout.write(`created ${created.role} ${created.email} (${created.id})\n`);
    });

  withDatabaseOption(user.command('list'))
    .description('list accounts (tab-separated: id, email, name, role, status)')
    .option('--json', 'print JSON instead')
    .action(async (opts) => {
      const link = runningServer(dataDirOf(opts));
      const all = link
        ? (await adminCall<{ users: StaffRecord[] }>(link, 'GET', '/users')).users
        : await withDatabase(opts, (db) => new StaffStore(db).list());
      process.stdout.write(opts.json ? `${JSON.stringify(all, null, 2)}\n` : all.map((s) => `${line(s)}\n`).join(''));
    });

  withDatabaseOption(user.command('set-role'))
    .description('make an account an agent or an admin')
    .argument('<email>')
    .argument('<role>', 'agent | admin')
    .action(async (address: string, newRole: string, opts) => {
      const updated = await updateAccount(opts, address, { role: role(newRole) });
      process.stdout.write(`${updated.email} is now ${updated.role}\n`);
    });

  withDatabaseOption(user.command('disable'))
    .description('stop an account: no sign-in, its tokens are refused, an open console is cut off at its next action')
    .argument('<email>')
    .option('--enable', 'enable the account again instead')
    .action(async (address: string, opts) => {
      const updated = await updateAccount(opts, address, { disabled: !opts.enable });
      process.stdout.write(`${updated.email} is ${updated.disabled ? 'disabled' : 'enabled'}\n`);
    });
}
