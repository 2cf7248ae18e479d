import type { Parsed, WireError } from 'switchboard-chat/protocol';
import { wireError } from 'switchboard-chat/protocol';
import { loggableError } from '../security/redact.js';
import { toWireError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';

type AckFn = (res: unknown) => void;

/**
 * Wrap a socket event handler: run the `before` guard (rate limits: before validation, so invalid payloads count too),
 * validate the payload, run the handler, and always answer the ack with `{ ok: true, ... }` or `{ ok: false, error }`.
 * Errors are logged and never escape into Socket.IO.
 */
export function handle<P, R extends object>(
  logger: Logger,
  event: string,
  parse: (payload: unknown) => Parsed<P>,
  run: (payload: P) => Promise<R>,
  onError?: (error: WireError) => void,
  before?: () => Promise<void>,
): (payload: unknown, ack?: unknown) => void {
  return (payload, ack) => {
    const reply: AckFn = typeof ack === 'function' ? (ack as AckFn) : () => undefined;
    const fail = (error: WireError) => {
      onError?.(error);
      reply({ ok: false, error });
    };
    const validateAndRun = () => {
      let parsed: Parsed<P>;
      try {
        parsed = parse(payload);
      } catch {
        parsed = { ok: false, error: wireError('invalid_payload') };
      }
      if (!parsed.ok) {
        logger.warn({ event, code: parsed.error.code, detail: parsed.error.message }, 'rejected socket payload');
        return fail(parsed.error);
      }
      run(parsed.value).then(
        (result) => reply({ ok: true, ...result }),
        (err: unknown) => {
          const error = toWireError(err);
          if (error.code === 'internal') logger.error({ err: loggableError(err), event }, 'socket handler failed');
          else logger.warn({ event, code: error.code }, 'socket request refused');
          fail(error);
        },
      );
    };
    if (before) before().then(validateAndRun, (err: unknown) => fail(toWireError(err)));
    else validateAndRun();
  };
}
