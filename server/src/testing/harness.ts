import { io as connect, type Socket } from 'socket.io-client';
import type { ChatAuth, ClientToServerEvents, ServerToClientEvents, SessionInfo } from 'switchboard-chat/protocol';
import { createServer, type ServerOptions, type SwitchboardServer } from '../index.js';

export type ChatClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A server on 127.0.0.1 with a random port, in-memory storage and the instant `hash` embedder unless told otherwise. */
export async function startTestServer(
  options: ServerOptions = {},
): Promise<SwitchboardServer & { url: string; port: number }> {
  const server = await createServer({ inMemory: true, embedder: 'hash', demo: false, port: 0, ...options });
  const { url, port } = await server.listen(0, '127.0.0.1');
  return Object.assign(server, { url, port });
}

/** Connect a real socket.io-client to `/chat` and wait for its `session` event. */
export async function connectCustomer(
  url: string,
  auth: ChatAuth = {},
  opts: { transports?: string[] } = {},
): Promise<{ socket: ChatClient; session: SessionInfo }> {
  const socket: ChatClient = connect(`${url}/chat`, {
    auth,
    transports: opts.transports ?? ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const session = await new Promise<SessionInfo>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no session event within 10 s')), 10_000);
    socket.once('session', (s) => {
      clearTimeout(timer);
      resolve(s);
    });
    socket.once('connect_error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
  return { socket, session };
}

type AnyEmitter = { on(e: any, fn: any): unknown; off(e: any, fn: any): unknown };

/** Resolve with the next `event` emitted on `socket` that satisfies `match`. */
export function nextEvent<T>(
  socket: AnyEmitter,
  event: string,
  match: (p: T) => boolean = () => true,
  timeoutMs = 10_000,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, fn);
      reject(new Error(`no matching "${event}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const fn = (p: T) => {
      if (!match(p)) return;
      clearTimeout(timer);
      socket.off(event, fn);
      resolve(p);
    };
    socket.on(event, fn);
  });
}

/** Emit with an ack and await it. */
export function request<R = any>(
  socket: ChatClient | Socket,
  event: string,
  payload: unknown,
  timeoutMs = 10_000,
): Promise<R> {
  return (socket as Socket).timeout(timeoutMs).emitWithAck(event, payload) as Promise<R>;
}
