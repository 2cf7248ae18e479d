import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { ChatAuth, ClientToServerEvents, ServerToClientEvents } from '../protocol/events.js';
import { CHAT_NAMESPACE } from '../protocol/version.js';

/** The typed `/chat` socket. */
export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Opens a socket; tests pass a fake, the widget uses socket.io-client. */
export type SocketFactory = (url: string, options: Partial<ManagerOptions & SocketOptions>) => ChatSocket;

/** The real transport. */
export const socketIo: SocketFactory = (url, options) => io(url, options);

/** Connect to a server's `/chat` namespace; `auth` is read again on every reconnect so a new visitor token is used. */
export function openChatSocket(server: string, auth: () => ChatAuth, factory: SocketFactory = socketIo): ChatSocket {
  return factory(`${server.replace(/\/+$/, '')}${CHAT_NAMESPACE}`, {
    auth: (cb) => cb(auth() as Record<string, unknown>),
    // WebSocket first; fall back to long-polling where proxies block WebSocket.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelayMax: 10_000,
  });
}
