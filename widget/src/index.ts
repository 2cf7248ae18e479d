// The npm SDK: `import { createChat } from 'switchboard-chat'`.
export { createChat, type Chat, type PublicEvent } from './sdk.js';
export { defineElement, SwitchboardChatElement } from './element.js';
export type { ChatEvents, ChatOptions, ChatState, ConnectionStatus, UserInfo } from './core/types.js';
export type { Message, Role, RoutingDecision, Source, ConversationState } from './protocol/messages.js';
export type { WireError, ErrorCode } from './protocol/errors.js';
