import { ERROR_CODES, wireError, type ErrorCode, type Parsed, type WireError } from 'switchboard-chat/protocol';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  invalid_payload: 400,
  text_empty: 400,
  text_too_long: 413,
  payload_too_large: 413,
  unknown_event: 400,
  protocol_mismatch: 400,
  unauthorized: 401,
  token_invalid: 401,
  token_expired: 401,
  identity_required: 401,
  forbidden: 403,
  origin_not_allowed: 403,
  not_found: 404,
  conversation_closed: 409,
  already_claimed: 409,
  invalid_transition: 409,
  rate_limited: 429,
  invalid_config: 500,
  kb_unavailable: 503,
  llm_failed: 502,
  unavailable: 503,
  internal: 500,
  attachment_too_large: 413,
  attachment_type: 415,
  attachment_not_allowed: 403,
  invalid_attribute_filter: 400,
  assignee_at_capacity: 409,
};

/** An error with a stable code from the protocol catalogue; every thrown error on the server should be one. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly retryAfter?: number;
  readonly field?: string;
  constructor(code: ErrorCode, message?: string, extra: { retryAfter?: number; field?: string; cause?: unknown } = {}) {
    super(message ?? ERROR_CODES[code], { cause: extra.cause });
    this.name = 'AppError';
    this.code = code;
    this.retryAfter = extra.retryAfter;
    this.field = extra.field;
  }

  /** The HTTP status for this error's code. */
  get status(): number {
    return HTTP_STATUS[this.code] ?? 500;
  }

  /** The wire form sent in acks and REST bodies. */
  toWire(): WireError {
    return wireError(this.code, this.message, { retryAfter: this.retryAfter, field: this.field });
  }
}

/** Turn anything thrown into a wire error; unknown errors become `internal` without leaking details. */
export function toWireError(err: unknown): WireError {
  if (err instanceof AppError) return err.toWire();
  return wireError('internal');
}

/** HTTP status for a wire error code. */
export function statusFor(code: ErrorCode): number {
  return HTTP_STATUS[code] ?? 500;
}

/** The value of a validation, or its wire error thrown as an AppError (code, message and field kept). */
export function unwrap<T>(parsed: Parsed<T>): T {
  if (parsed.ok) return parsed.value;
  throw new AppError(parsed.error.code, parsed.error.message, { field: parsed.error.field });
}
