// One error type for the whole API and the handlers that turn anything thrown into the one JSON
// shape `{ error: { code, message } }`. Codes are machine-readable and stable; messages are for
// people reading logs and the CLI.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../../../shared/contract.ts';
import { logError } from './log.ts';

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const errorBody = (code: string, message: string): ErrorBody => ({ error: { code, message } });

export function onError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message), err.status, err.headers);
  }
  // hono's own HTTPException (e.g. from the body-limit middleware) carries a status we honour.
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = /json/i.test(err.message) ? 'INVALID_JSON' : 'BAD_REQUEST';
    return c.json(errorBody(code, err.message || 'Bad request.'), status as ContentfulStatusCode);
  }
  // Anything else is our fault: log it (secrets blanked), leak nothing.
  logError(c.env ?? {}, 'unhandled error', err, `${c.req.method} ${new URL(c.req.url).pathname}`);
  return c.json(errorBody('INTERNAL', 'Internal error. Please try again later.'), 500);
}

export const onNotFound = (c: Context): Response =>
  c.json(errorBody('NOT_FOUND', `No route for ${c.req.method} ${new URL(c.req.url).pathname}`), 404);
