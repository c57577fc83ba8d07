// The one zod wrapper every route validates its input through: a failure is a 400 with code
// INVALID_REQUEST (or INVALID_JSON) and a message naming the offending fields; a JSON route sent
// anything but a JSON body answers 415 UNSUPPORTED_MEDIA_TYPE.
import type { ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import { z } from 'zod';
import { ApiError } from './errors.ts';

/** The media types hono's validator parses as JSON (application/json, application/*+json). */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export function describeIssues(error: z.ZodError, whole = '(body)'): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : whole}: ${issue.message}`)
    .join('; ');
}

export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  const whole = target === 'json' ? '(body)' : `(${target})`;
  return validator(target, (value, c): z.output<Schema> => {
    // hono validates a body not declared as JSON as `{}`: a text/plain or form body would be
    // silently ignored, and acted on by a route whose schema accepts `{}` (a pull). Refuse it.
    if (target === 'json' && !JSON_MEDIA_TYPE.test((c.req.header('Content-Type') ?? '').split(';')[0]!.trim())) {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON, with Content-Type: application/json.');
    }
    const result = schema.safeParse(value);
    if (!result.success) throw new ApiError(400, 'INVALID_REQUEST', describeIssues(result.error, whole));
    return result.data;
  });
}

/** No route takes query parameters, so any is a client mistake (a route that comes to take some validates them itself). */
export const noQueryParameters = validate('query', z.object({}).strict());
