/**
 * An error as logged: type, message (capped) and stack, never its other properties. Database errors can carry the
 * query and its parameters (a customer's text); logging `{ err }` whole would write that payload into the log.
 */
export function loggableError(err: unknown): { type: string; message: string; code?: string; stack?: string } {
  if (!(err instanceof Error)) return { type: typeof err, message: 'a non-Error value was thrown' };
  const code = (err as { code?: unknown }).code;
  return {
    type: err.name,
    message: err.message.slice(0, 300),
    ...(typeof code === 'string' ? { code } : {}),
    stack: err.stack?.split('\n').slice(0, 8).join('\n'),
  };
}
