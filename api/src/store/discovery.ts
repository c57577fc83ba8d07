// Discovery state in D1: cached area rectangles, each query's tiling, and its sightings (place ids
// with first/last sweep and misses). Shared by every tenant asking the same query.
import type { Rect } from '../discovery/geometry.ts';
import type { LeafSweep } from '../discovery/sweep.ts';

/** Area rectangles are geometry we may cache; re-resolve them after this long. */
const AREA_TTL_MS = 30 * 24 * 3_600_000;

export async function getArea(db: D1Database, name: string, now: Date): Promise<Rect | null> {
  const row = await db.prepare('SELECT rect, resolved_at FROM areas WHERE name = ?1').bind(name).first<{ rect: string; resolved_at: string }>();
  if (!row || now.getTime() - Date.parse(row.resolved_at) > AREA_TTL_MS) return null;
  return JSON.parse(row.rect) as Rect;
}

export async function putArea(db: D1Database, name: string, rect: Rect, now: Date): Promise<void> {
  await db
    .prepare(
      `INSERT INTO areas (name, rect, resolved_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (name) DO UPDATE SET rect = excluded.rect, resolved_at = excluded.resolved_at`,
    )
    .bind(name, JSON.stringify(rect), now.toISOString())
    .run();
}

export interface QuerySpec {
  queryKey: string;
  area: string;
  /** The owner's word for the industry (not stored: queries are shared between tenants). */
  industry: string;
  textQuery: string;
  includedType: string | null;
}

export interface QueryState extends Omit<QuerySpec, 'industry'> {
  /** Number of the latest sweep begun (0 = never swept). */
  sweep: number;
  sweepDay: string | null;
  sweepComplete: boolean;
  /** The largest measured chance that one sweep misses a live place, when measured. */
  missRate: number | null;
}

interface QueryRow {
  query_key: string;
  area: string;
  text_query: string;
  included_type: string | null;
  sweep: number;
  sweep_day: string | null;
  sweep_complete: number;
  miss_rate: number | null;
}

const rowToQuery = (row: QueryRow): QueryState => ({
  queryKey: row.query_key,
  area: row.area,
  textQuery: row.text_query,
  includedType: row.included_type,
  sweep: row.sweep,
  sweepDay: row.sweep_day,
  sweepComplete: row.sweep_complete === 1,
  missRate: row.miss_rate,
});

export async function ensureQuery(db: D1Database, spec: Omit<QuerySpec, 'industry'>, now: Date): Promise<QueryState> {
  const row = await db
    .prepare(
      `INSERT INTO queries (query_key, area, text_query, included_type, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (query_key) DO UPDATE SET updated_at = excluded.updated_at
       RETURNING *`,
    )
    .bind(spec.queryKey, spec.area, spec.textQuery, spec.includedType, now.toISOString())
    .first<QueryRow>();
  if (!row) throw new Error(`query ${spec.queryKey} could not be stored`);
  return rowToQuery(row);
}

export interface CellState {
  rect: Rect;
  split: boolean;
  completeSweeps: number;
  lastSweep: number;
  placeCount: number;
}

export async function getCells(db: D1Database, queryKey: string): Promise<Map<string, CellState>> {
  const { results } = await db
    .prepare('SELECT cell_key, rect, split, complete_sweeps, last_sweep, place_count FROM cells WHERE query_key = ?1')
    .bind(queryKey)
    .all<{ cell_key: string; rect: string; split: number; complete_sweeps: number; last_sweep: number; place_count: number }>();
  return new Map(
    results.map((row) => [
      row.cell_key,
      {
        rect: JSON.parse(row.rect) as Rect,
        split: row.split === 1,
        completeSweeps: row.complete_sweeps,
        lastSweep: row.last_sweep,
        placeCount: row.place_count,
      },
    ]),
  );
}

/**
 * Complete sweeps that covered a cell before now: its own count, or — for a cell just created by
 * splitting — its nearest ancestor's, since the ancestor's sweeps covered the same ground.
 */
export function inheritedCompleteSweeps(cellKey: string, cells: ReadonlyMap<string, CellState>): number {
  for (let key = cellKey; key.length > 0; key = key.slice(0, -1)) {
    const cell = cells.get(key);
    if (cell && (cell.completeSweeps > 0 || key === cellKey)) return cell.completeSweeps;
  }
  return 0;
}

export interface SweepRecord {
  queryKey: string;
  sweep: number;
  day: string;
  now: Date;
  leaves: LeafSweep[];
  /** Cells found dense (capped) and split during this sweep. */
  splitCells: { key: string; rect: Rect }[];
  /** The cells as they were before this sweep. */
  before: ReadonlyMap<string, CellState>;
  /** True when every cell of the query has been swept in this sweep. */
  complete: boolean;
  /** This sweep's measured chance of missing a live place, when it could be measured. */
  missRate: number | null;
}

/** Records one (possibly partial) sweep: cells, sightings and misses, in one transaction. */
export async function recordSweep(db: D1Database, record: SweepRecord): Promise<void> {
  const at = record.now.toISOString();
  const statements: D1PreparedStatement[] = [];
  const upsertCell = db.prepare(
    `INSERT INTO cells (query_key, cell_key, rect, split, place_count, complete_sweeps, last_sweep, last_swept_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
     ON CONFLICT (query_key, cell_key) DO UPDATE SET split = excluded.split, place_count = excluded.place_count,
       complete_sweeps = excluded.complete_sweeps, last_sweep = excluded.last_sweep, last_swept_at = excluded.last_swept_at`,
  );
  for (const split of record.splitCells) {
    const prior = inheritedCompleteSweeps(split.key, record.before);
    statements.push(upsertCell.bind(record.queryKey, split.key, JSON.stringify(split.rect), 1, 0, prior, record.sweep, at));
  }
  for (const leaf of record.leaves) {
    if (!leaf.complete && leaf.placeIds.length === 0) continue;
    const prior = inheritedCompleteSweeps(leaf.cell.key, record.before);
    statements.push(
      upsertCell.bind(
        record.queryKey,
        leaf.cell.key,
        JSON.stringify(leaf.cell.rect),
        0,
        leaf.placeIds.length,
        prior + (leaf.complete ? 1 : 0),
        record.sweep,
        at,
      ),
      db
        .prepare(
          `INSERT INTO sightings (query_key, place_id, cell_key, first_sweep, last_sweep, sightings, prior_complete_sweeps, misses, first_seen, last_seen)
           SELECT ?1, value, ?2, ?3, ?3, 1, ?4, 0, ?5, ?5 FROM json_each(?6) WHERE true
           ON CONFLICT (query_key, place_id) DO UPDATE SET
             cell_key = excluded.cell_key,
             sightings = sightings.sightings + (sightings.last_sweep < excluded.last_sweep),
             last_sweep = excluded.last_sweep, misses = 0, last_seen = excluded.last_seen`,
        )
        .bind(record.queryKey, leaf.cell.key, record.sweep, prior, record.day, JSON.stringify(leaf.placeIds)),
    );
    if (leaf.complete) {
      // A complete sweep of the cell that did not see a place counts a miss (never a disappearance
      // on its own: results jitter between identical queries).
      statements.push(
        db
          .prepare(`UPDATE sightings SET misses = misses + 1 WHERE query_key = ?1 AND cell_key = ?2 AND last_sweep < ?3`)
          .bind(record.queryKey, leaf.cell.key, record.sweep),
      );
    }
  }
  statements.push(
    db
      .prepare(
        `UPDATE queries SET sweep = ?2, sweep_day = ?3, sweep_complete = ?4, updated_at = ?5,
           miss_rate = CASE WHEN ?6 IS NULL THEN miss_rate ELSE max(coalesce(miss_rate, 0), ?6) END
         WHERE query_key = ?1`,
      )
      .bind(record.queryKey, record.sweep, record.day, record.complete ? 1 : 0, at, record.missRate),
  );
  await db.batch(statements);
}

export interface CandidateRow {
  placeId: string;
  cellKey: string;
  priorCompleteSweeps: number;
  sightings: number;
  firstSeen: string;
}

/**
 * Places of a query the tenant was never offered (nor reserved, nor skipped), oldest tiling first;
 * with `newOnly`, only places absent from an earlier complete sweep of their cell, newest first.
 */
export async function candidatesFor(
  db: D1Database,
  tenantId: string,
  queryKey: string,
  options: { newOnly: boolean; limit: number },
): Promise<CandidateRow[]> {
  const { results } = await db
    .prepare(
      `SELECT s.place_id, s.cell_key, s.prior_complete_sweeps, s.sightings, s.first_seen
       FROM sightings s
       WHERE s.query_key = ?1 AND s.misses < 3
         AND (?3 = 0 OR s.prior_complete_sweeps > 0)
         AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.tenant_id = ?2 AND o.place_id = s.place_id)
       ORDER BY CASE WHEN ?3 = 1 THEN -s.first_sweep ELSE 0 END, s.cell_key, s.place_id
       LIMIT ?4`,
    )
    .bind(queryKey, tenantId, options.newOnly ? 1 : 0, options.limit)
    .all<{ place_id: string; cell_key: string; prior_complete_sweeps: number; sightings: number; first_seen: string }>();
  return results.map((row) => ({
    placeId: row.place_id,
    cellKey: row.cell_key,
    priorCompleteSweeps: row.prior_complete_sweeps,
    sightings: row.sightings,
    firstSeen: row.first_seen,
  }));
}

/** Marks places whose details the profile rejected, so they are not paid for again. */
export async function skipPlaces(db: D1Database, tenantId: string, placeIds: string[]): Promise<void> {
  if (placeIds.length === 0) return;
  await db
    .prepare(
      `INSERT INTO offers (tenant_id, place_id, batch_id, state)
       SELECT ?1, value, NULL, 'skipped' FROM json_each(?2) WHERE true
       ON CONFLICT (tenant_id, place_id) DO NOTHING`,
    )
    .bind(tenantId, JSON.stringify(placeIds))
    .run();
}

/** A changed profile may want what the old one skipped, and not what it held back. */
export async function forgetProfileDecisions(db: D1Database, tenantId: string): Promise<void> {
  await db.batch([
    db.prepare(`DELETE FROM offers WHERE tenant_id = ?1 AND state IN ('skipped', 'held')`).bind(tenantId),
    db.prepare(`DELETE FROM held_leads WHERE tenant_id = ?1`).bind(tenantId),
  ]);
}
