import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../util/logger.js';

/** Start listening; resolves with the bound port and the base URL (IPv6 hosts in brackets). */
export function listenOn(
  httpServer: HttpServer,
  logger: Logger,
  port: number,
  host: string,
): Promise<{ port: number; url: string }> {
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      const { port: bound } = httpServer.address() as AddressInfo;
      const url = `http://${host.includes(':') ? `[${host}]` : host}:${bound}`;
      logger.info({ url }, 'switchboard listening');
      resolve({ port: bound, url });
    });
  });
}
