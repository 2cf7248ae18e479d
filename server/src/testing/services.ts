import net from 'node:net';

/** True when SWITCHBOARD_REQUIRE_SERVICES=1 (CI): missing services fail instead of skipping. */
export const servicesRequired = process.env.SWITCHBOARD_REQUIRE_SERVICES === '1';

/** Whether something listens on host:port (a quick TCP probe). */
export function reachable(port: number, host = '127.0.0.1', timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ port, host });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/**
 * Decide whether a test needing a service runs: returns true to run; false to skip (with a printed reason);
 * throws under SWITCHBOARD_REQUIRE_SERVICES=1 so CI never silently skips.
 */
export async function needService(name: string, available: boolean | Promise<boolean>): Promise<boolean> {
  if (await available) return true;
  const msg = `${name} is not available`;
  if (servicesRequired) throw new Error(`${msg}, and SWITCHBOARD_REQUIRE_SERVICES=1 requires it`);
  console.warn(
    `[skip] ${msg}; tests that need it are skipped (set SWITCHBOARD_REQUIRE_SERVICES=1 to make this a failure)`,
  );
  return false;
}

/** PostgreSQL test URL (env TEST_DATABASE_URL, default the local `test` database). */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Redis test URL (env TEST_REDIS_URL). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
