// Background work: the nightly pre-fetch (sweep every active profile's queries and prepare each
// tenant's next batch, so the morning pull only reads what is ready) and the continuation of
// sweeps a pull had to leave unfinished.
import type { Env, WorkMessage } from '../env.ts';
import { logError } from '../http/log.ts';
import { siteReader, tenantWork } from '../services.ts';
import { expireHeld } from '../store/screenings.ts';
import { screenInBackground } from './screen.ts';
import { expireBatches } from '../store/batches.ts';
import { deleteEndedWindows } from '../store/rate-limits.ts';
import { getProfile } from '../store/profiles.ts';
import { querySpecs, sweepQuery } from './discover.ts';
import { japanDay, pull } from './pull.ts';

/** Background work may sweep far longer than a pull (a Cron or queue invocation has minutes). */
const BACKGROUND_SWEEP_MS = 60_000;

export async function activeTenants(db: D1Database): Promise<string[]> {
  const { results } = await db.prepare('SELECT tenant_id FROM profiles ORDER BY tenant_id').all<{ tenant_id: string }>();
  return results.map((row) => row.tenant_id);
}

/**
 * The Cron Trigger: release expired batches, forget ended rate-limit windows, then pre-fetch for
 * every tenant (queued when possible). The pre-fetch is not an owner's pull: it uses none of the
 * tenant's pull allowance (its paid Places requests do count against the budget and per-minute cap).
 */
export async function nightly(env: Env, now: Date): Promise<void> {
  await expireBatches(env.DB, now);
  await expireHeld(env.DB, now);
  await deleteEndedWindows(env.DB, now);
  for (const tenantId of await activeTenants(env.DB)) {
    if (env.WORK_QUEUE) {
      await env.WORK_QUEUE.send({ kind: 'prefetch', tenantId });
      continue;
    }
    // One tenant's failure (an unknown area, Places down) must not cost the others their batch.
    await runWork(env, { kind: 'prefetch', tenantId }, now).catch((err: unknown) => logError(env, 'pre-fetch failed', err, tenantId));
  }
}

export async function runWork(env: Env, message: WorkMessage, now: Date): Promise<void> {
  if (message.kind === 'screen') {
    await screenInBackground(env.DB, siteReader(env), message.url, now);
    return;
  }
  const work = await tenantWork(env, message.tenantId, now, BACKGROUND_SWEEP_MS);
  try {
    if (message.kind === 'prefetch') {
      await pull(work.deps, message.tenantId, { prepare: true });
      return;
    }
    const profile = await getProfile(env.DB, message.tenantId);
    const spec = profile && querySpecs(profile).find((candidate) => candidate.queryKey === message.queryKey);
    if (!spec) return; // the profile changed since: nothing to continue
    const deps = work.deps;
    const outcome = await sweepQuery({ db: deps.db, places: deps.places, now, day: japanDay(now) }, spec, Date.now() + BACKGROUND_SWEEP_MS);
    if (!outcome.complete) await deps.continueSweep?.(spec.queryKey);
  } finally {
    await work.flush();
  }
}
