// Administration without downtime. With the embedded database only one process may open the data folder, so while
// `serve` runs, the admin commands (`user`, `token`, `export`, `gdpr`, `kb remove`) go through its admin REST API instead. `serve` writes the address
// and a random admin credential to `<data>/admin.json` (mode 0600: readable only by the account running the server, like
// the signing secret next to it) and deletes the file when it stops.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alive } from '../storage/folder-lock.js';
import { UsageError } from './exit.js';

/** How a CLI command reaches a running server. */
export interface AdminLink {
  url: string;
  token: string;
  pid: number;
}

const FILE = 'admin.json';

/** The data folder a command works on: `--data`, else SWITCHBOARD_DATA, else ./.switchboard (as `serve`). */
export const dataDirOf = (opts: { data?: string }): string =>
  opts.data ?? process.env.SWITCHBOARD_DATA ?? './.switchboard';

/** A fresh random admin credential for this server run. */
export const newAdminToken = (): string => `sba_${randomBytes(32).toString('base64url')}`;

/** Write `<dataDir>/admin.json` for a listening server; returns the function that removes it. */
export function writeAdminLink(dataDir: string, url: string, token: string): () => void {
  const file = join(dataDir, FILE);
  // A server bound to every interface is reached locally on loopback.
  const local = url.replace('//0.0.0.0:', '//127.0.0.1:').replace('//[::]:', '//[::1]:');
  writeFileSync(file, JSON.stringify({ url: local, token, pid: process.pid } satisfies AdminLink), { mode: 0o600 });
  return () => rmSync(file, { force: true });
}

/** The running server on this data folder, if there is one (a link left by a killed server is ignored). */
export function runningServer(dataDir: string): AdminLink | undefined {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) return undefined;
  try {
    const link = JSON.parse(readFileSync(file, 'utf8')) as AdminLink;
    return Number.isInteger(link.pid) && alive(link.pid) ? link : undefined;
  } catch {
    return undefined;
  }
}

/** Call the running server's REST API (`path` from `/api`); a refusal becomes a usage error (exit 2) with its message. */
export async function serverCall(link: AdminLink, method: string, path: string, body?: unknown): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`${link.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${link.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new UsageError(
      `the server running on this data folder (process ${link.pid}) did not answer at ${link.url}: ${(err as Error).message}`,
    );
  }
  if (!res.ok) {
    const json = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
    throw new UsageError(json.error?.message ?? `the server answered ${res.status}`);
  }
  return res;
}

/** Call the running server's JSON API; `path` is under `/api/admin` unless it starts with `/api/`. */
export async function adminCall<T>(link: AdminLink, method: string, path: string, body?: unknown): Promise<T> {
  return (await (
    await serverCall(link, method, path.startsWith('/api/') ? path : `/api/admin${path}`, body)
  ).json()) as T;
}
