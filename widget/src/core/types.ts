import type { WireError } from '../protocol/errors.js';
import type { ConversationState, Message } from '../protocol/messages.js';
import type { Pending } from './outbox.js';

/** Options of `createChat` and the `<switchboard-chat>` element. */
export interface ChatOptions {
  /** The Switchboard server's base URL, e.g. `https://support.example.com`. */
  server: string;
  /** Panel title (default "Help"). */
  title?: string;
  /** Accent colour, any CSS colour (default `#4f46e5`). */
  color?: string;
  /** Launcher side (default `right`). */
  position?: 'left' | 'right';
  /** `auto` (browser language) or one of `en`, `es`, `fr`, `de`, `ar`. */
  locale?: string;
  /** `light`, `dark` or `auto` (follows the system; default). */
  theme?: 'light' | 'dark' | 'auto';
  /** A logged-in user; `token` is a JWT signed by your backend (see docs/security.md). */
  user?: UserInfo;
  /** CSP nonce for the `<style>` fallback in browsers without constructable stylesheets. */
  nonce?: string;
  /** Element to mount into (default `document.body`). */
  container?: HTMLElement;
  /** Show the launcher button (default true). */
  launcher?: boolean;
}

export interface UserInfo {
  id?: string;
  name?: string;
  email?: string;
  token?: string;
}

export type ConnectionStatus = 'idle' | 'connecting' | 'online' | 'offline';

/** Everything the UI renders. */
export interface ChatState {
  open: boolean;
  connection: ConnectionStatus;
  messages: Message[];
  pending: Pending[];
  conversation: ConversationState;
  typing: { ai: boolean; human?: string };
  /** Streamed AI text by stream id, until the final message arrives. */
  streams: Record<string, string>;
  unread: number;
  feedback: Record<string, boolean>;
  csatRequested: boolean;
  /** The person who took the conversation over (state `human`). */
  assignee?: { id?: string; name: string };
  /** False when nobody can answer now (offline ticket): the widget asks for an e-mail address. */
  humansAvailable?: boolean;
}

/**
 * Events of `chat.on(…)`, also dispatched as DOM CustomEvents named `switchboard:<event>`. A closed map (a type, not an
 * interface with a string index), so a misspelled event name fails to compile.
 */
export type ChatEvents = {
  ready: { conversationId: string };
  open: undefined;
  close: undefined;
  message: Message;
  routed: { agent: string; confidence: number; reason: string; messageId: string };
  escalated: { state: ConversationState; assignee?: { id: string; name: string } };
  unread: { count: number };
  connection: { status: ConnectionStatus };
  error: WireError | { code: string; message: string };
  change: ChatState;
};
