// How often a tenant may pull: a cap per clock hour, and a burst cap per clock minute within it.
// Checked before the pull does anything: a refused pull writes nothing (not even to its counters)
// and sends no Places request. Only the owner's POST /v1/pulls counts; the nightly pre-fetch and
// other background work never use the allowance.
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../auth/tenant.ts';
import { readConfig, type Config } from '../env.ts';
import { takeOne, type RateWindow } from '../store/rate-limits.ts';
import { ApiError } from './errors.ts';

/** The one refusal of every rate limit: 429 RATE_LIMITED, with when to come back. */
export const rateLimitedError = (retryAfterSeconds: number, message: string): ApiError =>
  new ApiError(429, 'RATE_LIMITED', message, { 'Retry-After': String(Math.max(1, Math.ceil(retryAfterSeconds))) });

export const pullWindows = (config: Pick<Config, 'pullsPerMinute' | 'pullsPerHour'>): RateWindow[] => [
  { bucket: 'pulls:minute', seconds: 60, limit: config.pullsPerMinute },
  { bucket: 'pulls:hour', seconds: 3600, limit: config.pullsPerHour },
];

export const limitPulls = createMiddleware<AppEnv>(async function limitPulls(c, next) {
  const config = readConfig(c.env);
  const taken = await takeOne(c.env.DB, c.var.tenantId, pullWindows(config), c.var.now);
  if (!taken.ok) {
    const cap = taken.bucket === 'pulls:minute' ? `${config.pullsPerMinute} a minute` : `${config.pullsPerHour} an hour`;
    throw rateLimitedError(taken.retryAfterSeconds, `Too many pulls for this sheet (at most ${cap}); try again in ${taken.retryAfterSeconds} seconds.`);
  }
  await next();
});
