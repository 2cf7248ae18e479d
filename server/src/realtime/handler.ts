import type { Parsed, WireError } from 'switchboard-chat/protocol';
import { wireError } from 'switchboard-chat/protocol';
import { loggableError } from '../security/redact.js';
import { toWireError } from '../util/errors.js';
import type { Logger } from '../util/logger.js';

type AckFn = (res: unknown) => void;

/** A socket event listener shared by many sockets: the event emitter calls it with `this` set to the socket. */
export type SocketListener<S> = (this: S, payload: unknown, ack?: unknown) => void;

/**
 * Wrap a socket event handler: run the `before` guard (rate limits: before validation, so invalid payloads count too),
 * validate the payload, run the handler, and always answer the ack with `{ ok: true, ... }` or `{ ok: false, error }`.
 * Errors are logged and never escape into Socket.IO. `run` and `before` get the socket the event came on (`this`), so
 * one listener serves every socket.
 */
export function handle<P, R extends object, S = unknown>(
  logger: Logger,
  event: string,
  parse: (payload: unknown) => Parsed<P>,
  run: (payload: P, socket: S) => Promise<R>,
  onError?: (error: WireError) => void,
  before?: (socket: S) => Promise<void>,
): SocketListener<S> {
  return function (this: S, payload, ack) {
    const socket = this;
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
      run(parsed.value, socket).then(
        (result) => reply({ ok: true, ...result }),
        (err: unknown) => {
          const error = toWireError(err);
          if (error.code === 'internal') logger.error({ err: loggableError(err), event }, 'socket handler failed');
          else logger.warn({ event, code: error.code }, 'socket request refused');
          fail(error);
        },
      );
    };
    if (before) before(socket).then(validateAndRun, (err: unknown) => fail(toWireError(err)));
    else validateAndRun();
  };
}
