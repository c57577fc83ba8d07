// What the tenant's verdicts say (shared/insights.ts), computed once per change of its verdicts or
// its profile and kept in D1: a sheet refresh asks every time, and the engine's permutation tests
// cost tens to hundreds of milliseconds of CPU. A cached answer is also recomputed after a day, so
// a new engine deployed meanwhile is not hidden for long. Every write of the verdicts bumps the
// version the cache is keyed by (outcomes.ts).
import { SearchProfile, type InsightsResponse } from '../../../shared/contract.ts';
import { computeInsights } from '../../../shared/insights.ts';
import { listOutcomes } from './outcomes.ts';

const MAX_AGE_MS = 86_400_000;

export async function tenantInsights(db: D1Database, tenantId: string, now: Date): Promise<InsightsResponse> {
  const [cached, profileRow] = await Promise.all([
    db
      .prepare('SELECT outcomes_version, key, body, computed_at FROM insights_cache WHERE tenant_id = ?1')
      .bind(tenantId)
      .first<{ outcomes_version: number; key: string | null; body: string | null; computed_at: string | null }>(),
    db.prepare('SELECT profile FROM profiles WHERE tenant_id = ?1').bind(tenantId).first<{ profile: string }>(),
  ]);
  const version = cached?.outcomes_version ?? 0;
  const key = `${version}\n${profileRow?.profile ?? ''}`;
  if (cached?.key === key && cached.body !== null && cached.computed_at !== null && now.getTime() - Date.parse(cached.computed_at) < MAX_AGE_MS) {
    return JSON.parse(cached.body) as InsightsResponse;
  }

  const profile = profileRow ? SearchProfile.parse(JSON.parse(profileRow.profile)) : null;
  const insights = computeInsights(await listOutcomes(db, tenantId), { profile });
  // Verdicts written meanwhile bumped the version: the key says which version this answer is of,
  // so the next request recomputes.
  await db
    .prepare(
      `INSERT INTO insights_cache (tenant_id, outcomes_version, key, body, computed_at) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (tenant_id) DO UPDATE SET key = excluded.key, body = excluded.body, computed_at = excluded.computed_at`,
    )
    .bind(tenantId, version, key, JSON.stringify(insights), now.toISOString())
    .run();
  return insights;
}
