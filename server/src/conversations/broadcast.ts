import type { ServerToClientEvents } from 'switchboard-chat/protocol';

/** Delivers events to everyone watching a conversation (all of a visitor's tabs, on any node). */
export interface Broadcaster {
  toConversation<E extends keyof ServerToClientEvents>(
    conversationId: string,
    event: E,
    payload: Parameters<ServerToClientEvents[E]>[0],
    options?: { exceptSocket?: string },
  ): void;
}

/** The Socket.IO room of a conversation on `/chat`. */
export const conversationRoom = (id: string): string => `conv:${id}`;
