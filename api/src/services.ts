// Builds what a tenant's pull needs from the Worker's environment — configuration, a Places client
// metered against the tenant's daily budget, the queue hand-off — for the route, the Cron Trigger
// and the queue consumer alike.
import { readConfig, type Env } from './env.ts';
import { createPlacesClient } from './places/client.ts';
import { UsageMeter } from './places/meter.ts';
import { japanDay, type PullDeps } from './pipeline/pull.ts';
import type { SiteReader } from './pipeline/screen.ts';
import { screenSite } from './screening/reader.ts';

export interface TenantWork {
  deps: PullDeps;
  /** Records the Places usage of this piece of work; call it once, at the end. */
  flush(): Promise<void>;
}

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
  const places = createPlacesClient({ baseUrl: config.placesBaseUrl, apiKey: config.placesApiKey, onRequest: meter.count });
  const queue = env.WORK_QUEUE;
  return {
    deps: {
      db: env.DB,
      places,
      now,
      batchTtlMs: config.batchTtlMs,
      sweepBudgetMs: sweepBudgetMs ?? config.sweepBudgetMs,
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
    flush: () => meter.flush(env.DB, tenantId, day),
  };
}
