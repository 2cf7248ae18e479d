import type { Namespace, Server, Socket } from 'socket.io';
import type { ChatAuth, ClientToServerEvents, ServerToClientEvents } from 'switchboard-chat/protocol';
import type { ConversationRecord } from '../storage/rows.js';

/** Per-socket state kept on `socket.data` for customers. */
export interface ChatSocketData {
  visitorId: string;
  visitorToken: string;
  conversationId: string;
  userId?: string;
  userVerified?: boolean;
  ip: string;
  auth: ChatAuth;
  conversation?: ConversationRecord;
  /** The unsaved conversation of a first-time visitor, until its first message stores it. */
  draft?: ConversationRecord;
  /** Events outside the protocol this socket sent (the warning about them is sampled). */
  unknownEvents?: number;
}

export type ChatNamespace = Namespace<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  ChatSocketData
>;
export type ChatSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, ChatSocketData>;
// Socket.IO's server is typed per namespace; the root is untyped.
export type IoServer = Server;
