// The package entry (`switchboard-server`): what an embedder needs and nothing more. Tests and the CLI use the full
// server of ./index.ts, which the package does not export.
import type { Hono } from 'hono';
import { subscribeEvent, type SwitchboardEvents } from './conversations/public-events.js';
import { createServer as createFullServer, type ServerOptions } from './index.js';
import type { IoServer } from './realtime/types.js';

export type { Config, ConfigInput } from './config.js';
export type { AgentLayer, AgentReply, AgentRequest, AgentStream } from './conversations/agent-port.js';
export type { ConversationChange } from './conversations/changes.js';
export type { SwitchboardEvents, ServerOptions };

/** A running Switchboard: its HTTP app and Socket.IO server, lifecycle, and the conversation events of this node. */
export interface Switchboard {
  /** The Hono app, to mount more routes or call with `app.request()`. */
  app: Hono;
  /** The Socket.IO server (namespaces `/chat` and `/agents`). */
  io: IoServer;
  /** Start listening; resolves with the bound port and base URL. */
  listen(port?: number, host?: string): Promise<{ port: number; url: string }>;
  /** Stop accepting, close sockets, flush storage. Idempotent. */
  close(): Promise<void>;
  /**
   * Subscribe to this node's conversation changes: `change` (every change, typed) or one kind (`message`,
   * `conversation`, `replied`, `customer-typing`); returns an unsubscribe function.
   */
  on<E extends keyof SwitchboardEvents>(event: E, listener: (...args: SwitchboardEvents[E]) => void): () => void;
}

/** Create a server: one Node HTTP server running Hono, with Socket.IO attached. @example const s = await createServer({ port: 0 }); await s.listen(); */
export async function createServer(options: ServerOptions = {}): Promise<Switchboard> {
  const s = await createFullServer(options);
  return {
    app: s.app,
    io: s.io,
    listen: (port, host) => s.listen(port, host),
    close: () => s.close(),
    on: (event, listener) => subscribeEvent(s.service, event, listener),
  };
}
