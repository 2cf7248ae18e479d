import { conversationRoom, type Broadcaster } from '../conversations/broadcast.js';
import type { ChatNamespace } from './types.js';

/** The conversation service's broadcaster over Socket.IO rooms: every tab of the visitor, on every node (adapter). */
export function roomBroadcaster(chat: ChatNamespace): Broadcaster {
  return {
    toConversation(conversationId, event, payload, opts) {
      const room = chat.to(conversationRoom(conversationId));
      const target = opts?.exceptSocket ? room.except(opts.exceptSocket) : room;
      (target.emit as (ev: string, data: unknown) => boolean)(event, payload);
    },
  };
}
