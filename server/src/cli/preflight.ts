import { createServer } from 'node:net';
import { resolveConfig, type Config, type ConfigInput } from '../config.js';
import { UsageError } from './exit.js';

/** Can this process listen on host:port right now? Port 0 (any free port) always can. */
function portFree(port: number, host: string): Promise<NodeJS.ErrnoException | undefined> {
  if (!port) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => resolve(err));
    probe.listen(port, host, () => probe.close(() => resolve(undefined)));
  });
}

/**
 * The checks `serve` runs before the slow start (database, embedding model, knowledge base): the configuration (every
 * problem at once) and the port. Failures are usage errors: one message, exit code 2.
 */
export async function preflight(input: ConfigInput): Promise<Config> {
  let config: Config;
  try {
    config = resolveConfig(input);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const err = await portFree(config.port, config.host);
  if (err?.code === 'EADDRINUSE')
    throw new UsageError(
      `port ${config.port} on ${config.host} is already in use (another server is running there): stop it, or choose another with --port or PORT`,
    );
  if (err?.code === 'EACCES')
    throw new UsageError(
      `no permission to listen on port ${config.port} on ${config.host}: ports below 1024 need privileges; choose another with --port or PORT`,
    );
  if (err) throw new UsageError(`cannot listen on ${config.host}:${config.port}: ${err.message} (--host, --port)`);
  return config;
}
