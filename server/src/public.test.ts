import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import type { Message } from 'switchboard-chat/protocol';
import type { z } from 'zod';
import type { configSchema } from './config.js';
import {
  createServer,
  type ConfigInput,
  type ServerOptions,
  type Switchboard,
  type SwitchboardEvents,
} from './public.js';
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

  it('types its options from the settings table and its events from the conversation service (type test)', () => {
    expectTypeOf<Parameters<typeof createServer>[0]>().toEqualTypeOf<ServerOptions | undefined>();
    expectTypeOf<ConfigInput>().toEqualTypeOf<z.input<typeof configSchema>>();
    expectTypeOf<ServerOptions>().toMatchTypeOf<ConfigInput>();
    expectTypeOf<Parameters<Switchboard['on']>[0]>().toEqualTypeOf<keyof SwitchboardEvents>();
    expectTypeOf<SwitchboardEvents['message'][0]>().toEqualTypeOf<Message>();
    expectTypeOf<Awaited<ReturnType<Switchboard['listen']>>>().toEqualTypeOf<{ port: number; url: string }>();
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
