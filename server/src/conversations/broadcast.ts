import type { Message, ServerToClientEvents } from 'switchboard-chat/protocol';

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

/** A broadcaster that records what it would send, for tests of the service alone. */
export function recordingBroadcaster(): Broadcaster & { sent: Array<{ conversationId: string; event: string; payload: unknown }>; messages(): Message[] } {
  const sent: Array<{ conversationId: string; event: string; payload: unknown }> = [];
  return {
    sent,
    toConversation(conversationId, event, payload) {
      sent.push({ conversationId, event, payload });
    },
    messages: () => sent.filter((s) => s.event === 'message').map((s) => s.payload as Message),
  };
}
