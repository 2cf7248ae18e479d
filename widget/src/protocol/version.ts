/** Wire protocol version; the server refuses clients that announce a different major version. */
export const PROTOCOL_VERSION = 1;

/** Socket.IO namespace customers (the widget) connect to. */
export const CHAT_NAMESPACE = '/chat';

/** Socket.IO namespace support staff (the console) connect to. */
export const AGENTS_NAMESPACE = '/agents';
