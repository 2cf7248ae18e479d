import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createServer, type Switchboard } from './public.js';
import { escalatingAgents } from './testing/handoff.js';

describe('the package entry (switchboard-server)', () => {
  let server: Switchboard;
  let url: string;
  beforeAll(async () => {
    server = await createServer({
      inMemory: true,
      embedder: 'hash',
      demo: false,
      agents: escalatingAgents,
      logLevel: 'silent',
    });
    ({ url } = await server.listen(0, '127.0.0.1'));
  });
  afterAll(() => server?.close());

  it('hands an embedder the app, the Socket.IO server, listen, close and events, and no internals', () => {
    expect(Object.keys(server).sort()).toEqual(['app', 'close', 'io', 'listen', 'on']);
    expectTypeOf<Switchboard>().not.toHaveProperty('db');
    expectTypeOf<Switchboard>().not.toHaveProperty('service');
  });

  it('reports stored messages as typed events until unsubscribed', async () => {
    const seen: string[] = [];
    const off = server.on('message', (message) => seen.push(`${message.role}:${message.text}`));
    const post = (text: string) =>
      fetch(`${url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: url },
        body: JSON.stringify({ message: text }),
      });
    expect((await post('hello there')).status).toBe(200);
    expect(seen).toEqual(expect.arrayContaining(['customer:hello there']));
    off();
    const before = seen.length;
    expect((await post('second')).status).toBe(200);
    expect(seen).toHaveLength(before);
  });
});
