// Entry of the lazily loaded bundle (switchboard-widget.js): takes over from the loader and replays its queue.
// Loaded on its own by a <script> tag it also registers <switchboard-chat>, so the element works without the loader.
import type { ChatOptions } from './core/types.js';
import { replay, type QueuedCall } from './core/queue.js';
import { defineElement } from './element.js';
import { createChat, type Chat } from './sdk.js';

declare global {
  interface Window {
    SwitchboardWidget?: { boot(options: ChatOptions, queue: QueuedCall[]): Chat; createChat: typeof createChat };
  }
}

defineElement();
window.SwitchboardWidget = {
  createChat,
  boot(options, queue) {
    const chat = createChat(options);
    replay(chat, queue);
    return chat;
  },
};
