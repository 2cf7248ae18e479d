/**
 * The error-code catalogue shared by the server, the widget and the console.
 * Codes are stable API: add new ones, never rename or reuse them.
 */
export const ERROR_CODES = {
  invalid_payload: 'The request payload is malformed.',
  text_empty: 'The message text is empty.',
  text_too_long: 'The message text is longer than the server allows.',
  payload_too_large: 'The request body is larger than the server allows.',
  unknown_event: 'The server does not know this event.',
  protocol_mismatch: 'The client speaks a protocol version the server does not support.',
  unauthorized: 'Authentication is required or the credentials are invalid.',
  forbidden: 'You are not allowed to do this.',
  not_found: 'The requested resource does not exist.',
  token_invalid: 'The token is malformed or its signature is wrong.',
  token_expired: 'The token has expired.',
  identity_required: 'A signed identity token is required.',
  origin_not_allowed: 'This website is not allowed to use this server.',
  rate_limited: 'Too many requests; try again later.',
  conversation_closed: 'The conversation is closed.',
  already_claimed: 'Someone else has already taken this conversation.',
  invalid_transition: 'The conversation cannot move to that state from its current one.',
  invalid_config: 'The configuration is invalid.',
  kb_unavailable: 'The knowledge base is not available.',
  llm_failed: 'The language model endpoint failed.',
  unavailable: 'The service is temporarily unavailable.',
  data_dir_in_use: 'The embedded database folder is in use by another process.',
  internal: 'Something went wrong on the server.',
  attachment_too_large: 'The file is larger than the server allows.',
  attachment_type: 'This kind of file is not accepted.',
  attachment_not_allowed: 'You cannot attach a file to this conversation now.',
  invalid_attribute_filter: 'An attribute filter has a bad name or value.',
  assignee_at_capacity: 'That person already holds as many conversations as their capacity allows.',
} as const;

/** One of the stable error codes of {@link ERROR_CODES}. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The error object carried by acks, `server:error` events and REST error bodies. */
export interface WireError {
  code: ErrorCode;
  message: string;
  /** Seconds until the caller may retry (rate limits). */
  retryAfter?: number;
  /** Where in the payload the problem is, e.g. `text`. */
  field?: string;
}

/** Build a wire error, defaulting the message from the catalogue. @example wireError('text_empty') */
export function wireError(code: ErrorCode, message?: string, extra: Partial<WireError> = {}): WireError {
  return { code, message: message ?? ERROR_CODES[code], ...extra };
}

/** True when `code` is one of the catalogue's codes. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CODES, code);
}
