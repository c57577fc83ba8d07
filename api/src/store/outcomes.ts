// The owner's verdicts on leads: one row per (tenant, lead) holding the latest verdict. The owner's
// own data (their tags and their sheet's segment attributes), read by the insights engine.
import type { Outcome, OutcomeReason, OutcomeStatus } from '../../../shared/contract.ts';

interface OutcomeRow {
  lead_id: string;
  status: OutcomeStatus;
  reason: OutcomeReason | null;
  at: string;
  employees: number | null;
  industry: string | null;
  area: string | null;
  new_listing: number | null;
  rating: number | null;
  reviews: number | null;
  newly_established: number | null;
}

const rowToOutcome = (row: OutcomeRow): Outcome => ({
  leadId: row.lead_id,
  status: row.status,
  reason: row.reason,
  at: row.at,
  segment: {
    employees: row.employees,
    industry: row.industry,
    area: row.area,
    newListing: row.new_listing == null ? null : row.new_listing !== 0,
    rating: row.rating,
    reviews: row.reviews,
    newlyEstablished: row.newly_established == null ? null : row.newly_established !== 0,
  },
});

/** Canonical ISO (millisecond precision, Z), so that text order in SQL is time order. */
const canonicalAt = (at: string) => new Date(at).toISOString();

/** Marks the tenant's verdicts as changed: its cached insights (insights.ts) are computed again. */
const bumpOutcomesVersion = (db: D1Database, tenantId: string): D1PreparedStatement =>
  db
    .prepare(
      `INSERT INTO insights_cache (tenant_id, outcomes_version) VALUES (?1, 1)
       ON CONFLICT (tenant_id) DO UPDATE SET outcomes_version = outcomes_version + 1`,
    )
    .bind(tenantId);

/**
 * Records verdicts, keeping per lead the one with the latest `at`. A verdict older than the one
 * stored for its lead is ignored (a late resend must not overwrite a newer verdict); an identical
 * resend counts as recorded and changes nothing. Within one call a lead's later `at` wins (on a tie,
 * the later entry); the superseded entries count as ignored, so recorded + ignored = outcomes.length.
 * `at` is stored in canonical ISO form (sub-millisecond digits are dropped).
 */
export async function recordOutcomes(
  db: D1Database,
  tenantId: string,
  outcomes: Outcome[],
  now: Date,
): Promise<{ recorded: number; ignored: number }> {
  const latest = new Map<string, Outcome & { at: string }>();
  for (const outcome of outcomes) {
    const candidate = { ...outcome, at: canonicalAt(outcome.at) };
    const kept = latest.get(outcome.leadId);
    if (!kept || candidate.at >= kept.at) latest.set(outcome.leadId, candidate);
  }
  if (latest.size === 0) return { recorded: 0, ignored: outcomes.length };

  const rows = [...latest.values()].map((o) => ({
    leadId: o.leadId,
    status: o.status,
    reason: o.reason,
    at: o.at,
    ...o.segment,
  }));
  // One statement (so one transaction and one bound parameter however many rows): the upsert only
  // touches a row when the incoming verdict is not older, so `changes` counts what was recorded.
  // An identical resend rewrites the same values and keeps updated_at.
  const [result] = await db.batch([
    db
      .prepare(
        `INSERT INTO outcomes (tenant_id, lead_id, status, reason, at, employees, industry, area, new_listing, rating, reviews, newly_established, updated_at)
         SELECT ?1, json_extract(value, '$.leadId'), json_extract(value, '$.status'), json_extract(value, '$.reason'),
                json_extract(value, '$.at'), json_extract(value, '$.employees'), json_extract(value, '$.industry'),
                json_extract(value, '$.area'), json_extract(value, '$.newListing'), json_extract(value, '$.rating'),
                json_extract(value, '$.reviews'), json_extract(value, '$.newlyEstablished'), ?3
         FROM json_each(?2) WHERE true
         ON CONFLICT (tenant_id, lead_id) DO UPDATE SET
           status = excluded.status, reason = excluded.reason, at = excluded.at, employees = excluded.employees,
           industry = excluded.industry, area = excluded.area, new_listing = excluded.new_listing,
           rating = excluded.rating, reviews = excluded.reviews, newly_established = excluded.newly_established,
           updated_at = CASE
             WHEN outcomes.at = excluded.at AND outcomes.status IS excluded.status AND outcomes.reason IS excluded.reason
               AND outcomes.employees IS excluded.employees AND outcomes.industry IS excluded.industry
               AND outcomes.area IS excluded.area AND outcomes.new_listing IS excluded.new_listing
               AND outcomes.rating IS excluded.rating AND outcomes.reviews IS excluded.reviews
               AND outcomes.newly_established IS excluded.newly_established
             THEN outcomes.updated_at ELSE excluded.updated_at END
         WHERE excluded.at >= outcomes.at`,
      )
      .bind(tenantId, JSON.stringify(rows), now.toISOString()),
    // The tenant's insights are computed again at the next request.
    bumpOutcomesVersion(db, tenantId),
  ]);
  const recorded = result?.meta.changes ?? 0;
  return { recorded, ignored: outcomes.length - recorded };
}

/** The tenant's verdicts, one per lead, oldest first (ties by lead id). */
export async function listOutcomes(db: D1Database, tenantId: string): Promise<Outcome[]> {
  const { results } = await db
    .prepare(
      `SELECT lead_id, status, reason, at, employees, industry, area, new_listing, rating, reviews, newly_established
       FROM outcomes WHERE tenant_id = ?1 ORDER BY at, lead_id`,
    )
    .bind(tenantId)
    .all<OutcomeRow>();
  return results.map(rowToOutcome);
}
