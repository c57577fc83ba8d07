// Builds what a tenant's pull needs from the Worker's environment — configuration, a Places client
// metered against the tenant's daily budget and per-minute cap, a gBizINFO client within the
// deployment's allowance, the queue hand-off — for the route, the Cron Trigger and the queue
// consumer alike.
import { Allowance, movingClock } from './allowance.ts';
import { readConfig, type Env } from './env.ts';
import { createGbizinfoClient, GbizinfoError } from './gbizinfo/client.ts';
import { createPlacesClient } from './places/client.ts';
import { UsageMeter } from './places/meter.ts';
import { PlacesRateLimiter } from './places/rate-limiter.ts';
import type { Sku } from './places/sku.ts';
import { japanDay, type PullDeps } from './pipeline/pull.ts';
import type { SiteReader } from './pipeline/screen.ts';
import { screenSite } from './screening/reader.ts';

export interface TenantWork {
  deps: PullDeps;
  /** Records the Places usage of this piece of work; call it once, at the end. */
  flush(): Promise<void>;
}

/** gBizINFO's allowance belongs to the token, shared by every tenant: one scope for the deployment. */
export const GBIZINFO_SCOPE = '*gbizinfo';
export const GBIZINFO_BUCKET = 'gbizinfo:minute';

/**
 * Reads company websites from the Worker: never private addresses; locally, through the
 * emulator's /sites base URL (only the base differs from production).
 */
export function siteReader(env: Env): SiteReader {
  const base = readConfig(env).siteFetchBaseUrl;
  const mapUrl = base ? (url: URL) => `${base}/${url.host}${url.pathname}${url.search}` : undefined;
  return (url) => screenSite(url, { mapUrl, allowPrivateHosts: false });
}

export async function tenantWork(env: Env, tenantId: string, now: Date, sweepBudgetMs?: number): Promise<TenantWork> {
  const config = readConfig(env);
  const day = japanDay(now);
  const meter = await UsageMeter.forTenant(env.DB, tenantId, day, config.dailyBudgetUsd);
  const limiter = new PlacesRateLimiter(env.DB, tenantId, config.placesCallsPerMinute, movingClock(now));
  // Before a paid request is sent: within today's budget, then within the per-minute cap.
  const onRequest = async (sku: Sku): Promise<void> => {
    meter.check(sku);
    await limiter.take(sku);
    try {
      meter.count(sku);
    } catch (err) {
      limiter.giveBack(sku);
      throw err;
    }
  };
  const places = createPlacesClient({ baseUrl: config.placesBaseUrl, apiKey: config.placesApiKey, onRequest });
  // gBizINFO blocks a token for 10 minutes past about 6,000 requests in 10: every request of the
  // deployment draws on one per-minute allowance below that, and one refused is not sent. A pull
  // waits little on gBizINFO: what it cannot fetch now is fetched next time.
  const gbizinfoAllowance = new Allowance(env.DB, GBIZINFO_SCOPE, { bucket: GBIZINFO_BUCKET, seconds: 60, limit: config.gbizinfoCallsPerMinute }, movingClock(now), 10);
  const gbizinfo = config.gbizinfoToken
    ? createGbizinfoClient({
        baseUrl: config.gbizinfoBaseUrl,
        token: config.gbizinfoToken,
        maxRetries: 2,
        maxRetryAfterMs: 2_000,
        timeoutMs: 5_000,
        beforeRequest: async () => {
          const took = await gbizinfoAllowance.take();
          if (!took.ok) {
            throw new GbizinfoError('GBIZINFO_RATE_LIMITED', `Tsugi's gBizINFO allowance (${config.gbizinfoCallsPerMinute} a minute) is used up for ${took.retryAfterSeconds}s`);
          }
        },
      })
    : null;
  const queue = env.WORK_QUEUE;
  return {
    deps: {
      db: env.DB,
      places,
      now,
      batchTtlMs: config.batchTtlMs,
      sweepBudgetMs: sweepBudgetMs ?? config.sweepBudgetMs,
      gbizinfo,
      continueSweep: queue
        ? async (queryKey) => {
            await queue.send({ kind: 'sweep', tenantId, queryKey });
          }
        : undefined,
      screen: {
        read: siteReader(env),
        inlineBudgetMs: config.screenInlineMs,
        enqueue: queue
          ? async (url) => {
              await queue.send({ kind: 'screen', url });
            }
          : undefined,
      },
    },
    flush: async () => {
      await Promise.all([meter.flush(env.DB, tenantId, day), limiter.flush(), gbizinfoAllowance.flush()]);
    },
  };
}
