import type { AttributeValue } from './protocol/attributes.js';
import type { ChatController } from './core/controller.js';
import type { ChatEvents, ChatOptions, ChatState, UserInfo } from './core/types.js';
import { defineElement, type SwitchboardChatElement } from './element.js';

/** Public events of `chat.on()` (without the internal `change`). */
export type PublicEvent = Exclude<keyof ChatEvents, 'change'>;

/** The handle `createChat` returns; every method is idempotent and safe to call before the widget is ready. */
export interface Chat {
  open(): void;
  close(): void;
  toggle(): void;
  send(text: string): void;
  /** Send a file (image, PDF or text) as a message. */
  attach(file: File): void;
  /** E-mail the conversation's transcript (to `email`, or the address the customer left). */
  requestTranscript(email?: string): Promise<void>;
  identify(user: UserInfo): Promise<void>;
  /** Unsigned custom attributes for staff (shown as not verified); `null` removes one. Signed ones go in the identify token. */
  setAttributes(attributes: Record<string, AttributeValue | null>): Promise<void>;
  logout(): void;
  setLocale(locale: string): void;
  setTheme(theme: 'light' | 'dark' | 'auto'): void;
  on<E extends PublicEvent>(event: E, fn: (payload: ChatEvents[E]) => void): () => void;
  /** Current state (messages, connection, unread…), read-only. */
  readonly state: ChatState | undefined;
  /** The `<switchboard-chat>` element. */
  readonly element: SwitchboardChatElement | undefined;
  destroy(): void;
}

/** Mount the widget and return its handle. @example const chat = createChat({ server: 'https://support.example.com' }); chat.open(); */
export function createChat(options: ChatOptions): Chat {
  defineElement();
  let el: SwitchboardChatElement | undefined = document.createElement('switchboard-chat') as SwitchboardChatElement;
  el.configure(options);
  el.server = options.server;
  if (options.title) el.title = options.title;
  if (options.color) el.color = options.color;
  if (options.position) el.position = options.position;
  if (options.locale) el.locale = options.locale;
  if (options.nonce) el.nonce = options.nonce;
  el.theme = options.theme ?? 'auto';
  (options.container ?? document.body).appendChild(el);
  const chat = (): ChatController | undefined => el?.chat;

  return {
    open: () => chat()?.setOpen(true),
    close: () => chat()?.setOpen(false),
    toggle: () => chat()?.setOpen(!chat()?.state.open),
    send: (text) => chat()?.send(text),
    attach: (file) => chat()?.attach(file),
    requestTranscript: async (email) => chat()?.transcript(email),
    identify: async (user) => chat()?.identify(user),
    setAttributes: async (attributes) => chat()?.setAttributes(attributes),
    logout: () => chat()?.logout(),
    setLocale: (locale) => {
      if (el) el.locale = locale;
    },
    setTheme: (theme) => {
      if (el) el.theme = theme;
    },
    // Listeners live on the element, not the controller, so they survive logout/identify and the element being moved.
    on: (event, fn) => el?.events.on(event, fn) ?? (() => undefined),
    get state() {
      return chat()?.state;
    },
    get element() {
      return el;
    },
    destroy() {
      if (!el) return;
      el.teardown();
      el.events.clear();
      el.remove();
      el = undefined;
    },
  };
}
