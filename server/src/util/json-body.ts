import type { Context } from 'hono';
import { AppError } from './errors.js';

/** The JSON body of a request; `invalid_payload` when it is not JSON. */
export async function jsonBody(c: Context): Promise<unknown> {
  try {
    return await c.req.json();
  } catch {
    throw new AppError('invalid_payload', 'The body must be JSON.');
  }
}
