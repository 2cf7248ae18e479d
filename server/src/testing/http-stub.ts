import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request a stub received. */
export interface StubCall {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * A real HTTP endpoint on loopback standing in for a third party (an LLM, a webhook receiver) that a child server
 * process calls, where msw cannot reach. `respond` decides per call; returning undefined leaves the request hanging.
 */
export async function httpStub(respond: (call: StubCall, n: number) => { status: number; body?: unknown } | undefined) {
  const calls: StubCall[] = [];
  const waiters: Array<() => void> = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const call = { path: req.url ?? '/', headers: req.headers, body };
      calls.push(call);
      waiters.splice(0).forEach((w) => w());
      const r = respond(call, calls.length);
      if (!r) return void hanging.add(res);
      res.writeHead(r.status, { 'content-type': 'application/json' }).end(JSON.stringify(r.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    calls,
    /** Resolves once at least `n` calls arrived (bounded by `timeoutMs`). */
    async called(n = 1, timeoutMs = 30_000): Promise<void> {
      const until = Date.now() + timeoutMs;
      while (calls.length < n) {
        if (Date.now() > until) throw new Error(`stub got ${calls.length} of ${n} calls within ${timeoutMs} ms`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    close(): Promise<void> {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
