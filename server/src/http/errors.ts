import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { wireError } from 'switchboard-chat/protocol';
import { loggableError } from '../security/redact.js';
import { AppError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';

/** Hono error handler: AppErrors keep their code and status; everything else is a logged 500 `internal`. */
export function errorHandler(logger: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof AppError) {
      if (err.retryAfter) c.header('Retry-After', String(err.retryAfter));
      c.header('x-error-code', err.code);
      if (err.status >= 500) logger.error({ err: loggableError(err), path: c.req.path }, 'request failed');
      else logger.warn({ path: c.req.path, code: err.code }, 'request refused');
      return c.json({ error: err.toWire() }, err.status as 400);
    }
    if (err instanceof HTTPException) {
      const code =
        err.status === 413
          ? 'payload_too_large'
          : err.status === 401
            ? 'unauthorized'
            : err.status === 404
              ? 'not_found'
              : 'invalid_payload';
      logger.warn({ path: c.req.path, status: err.status }, 'request refused');
      c.header('x-error-code', code);
      return c.json({ error: wireError(code) }, err.status);
    }
    logger.error({ err: loggableError(err), path: c.req.path }, 'request failed');
    c.header('x-error-code', 'internal');
    return c.json({ error: wireError('internal') }, 500);
  };
}

// One reader of JSON bodies for every route, in util so services' routes share it.
export { jsonBody } from '../util/json-body.js';
