// discover: which places might be leads. Each area × industry of the profile is a query; its area
// is resolved to a rectangle and covered by an adaptive tiling of IDs-only Text Searches (billed at
// $0). The sweep is recorded per cell — ids, first/last sweep, misses — and shared by every tenant
// asking the same query. A sweep cut short by its deadline resumes where it stopped.
import type { SearchProfile } from '../../../shared/contract.ts';
import { industryQuery } from '../../../shared/industries.ts';
import { rootCell, splitCell, type Cell, type Rect } from '../discovery/geometry.ts';
import { DEADLINE_ERROR, estimateSweepMissRate, placesCellSearch, sweepArea, type LeafSweep, type SearchCell } from '../discovery/sweep.ts';
import { ApiError } from '../http/errors.ts';
import { PlacesError, type PlacesClient } from '../places/client.ts';
import { ensureQuery, getArea, getCells, putArea, recordSweep, type QuerySpec, type QueryState } from '../store/discovery.ts';

export const AREA_FIELD_MASK = 'places.id,places.viewport';

export interface DiscoverDeps {
  db: D1Database;
  places: PlacesClient;
  now: Date;
  /** The owner's calendar day (JST), YYYY-MM-DD: one sweep per query and day. */
  day: string;
}

export function querySpecs(profile: SearchProfile): QuerySpec[] {
  return profile.areas.flatMap((area) =>
    profile.industries.map((word) => {
      const query = industryQuery(word);
      return {
        queryKey: `${area}|${query.type ?? `keyword:${query.keyword}`}`,
        area,
        industry: word,
        textQuery: query.keyword,
        includedType: query.type,
      };
    }),
  );
}

/** The area's rectangle: cached in D1, else the viewport of the area itself from Text Search. */
export async function resolveArea(deps: DiscoverDeps, area: string): Promise<Rect> {
  const cached = await getArea(deps.db, area, deps.now);
  if (cached) return cached;
  const response = await deps.places.searchText({ textQuery: area, pageSize: 1 }, AREA_FIELD_MASK);
  const viewport = response.places?.[0]?.viewport;
  const low = viewport?.low;
  const high = viewport?.high;
  if (low?.latitude == null || low.longitude == null || high?.latitude == null || high.longitude == null) {
    throw new ApiError(422, 'AREA_UNKNOWN', `The area 「${area}」 was not found on Google Maps; write it like 東京都渋谷区.`);
  }
  const rect: Rect = {
    low: { latitude: low.latitude, longitude: low.longitude },
    high: { latitude: high.latitude, longitude: high.longitude },
  };
  await putArea(deps.db, area, rect, deps.now);
  return rect;
}

export interface SweepOutcome {
  query: QueryState;
  /** Every cell of today's sweep has been swept. */
  complete: boolean;
  /** Paid-for or failed requests interrupted the sweep (not only the deadline). */
  errors: string[];
}

/**
 * Makes sure the query was swept today: starts today's sweep, resumes an unfinished one, or does
 * nothing when it is done. Stops at `deadline` (epoch ms) and reports the sweep incomplete.
 */
export async function sweepQuery(deps: DiscoverDeps, spec: QuerySpec, deadline: number): Promise<SweepOutcome> {
  let query = await ensureQuery(deps.db, spec, deps.now);
  if (query.sweepDay === deps.day && query.sweepComplete) return { query, complete: true, errors: [] };
  const resuming = query.sweepDay === deps.day;
  const sweep = resuming ? query.sweep : query.sweep + 1;

  const rect = await resolveArea(deps, spec.area);
  const before = await getCells(deps.db, spec.queryKey);
  const doneToday = (key: string) => {
    const cell = before.get(key);
    return resuming && cell !== undefined && !cell.split && cell.lastSweep === sweep;
  };
  const search = placesCellSearch(deps.places, { textQuery: spec.textQuery, includedType: spec.includedType });
  // Leaves already swept in this sweep (before an interruption) are not asked again.
  const resumable: SearchCell = (cell) => (doneToday(cell.key) ? Promise.resolve({ placeIds: [], capped: false }) : search(cell));
  const root = rootCell(rect);
  const leaves = await sweepArea(root, resumable, {
    knownSplit: (key) => before.get(key)?.split === true,
    deadline,
  });
  const swept = leaves.filter((leaf) => !doneToday(leaf.cell.key));
  // A leaf capped at the size floor is incomplete (it showed only 60 places) but there is nothing
  // more to sweep there; only failures and the deadline leave a sweep unfinished.
  const complete = leaves.every((leaf) => !leaf.error);
  const errors = leaves.flatMap((leaf) => (leaf.error && leaf.error !== DEADLINE_ERROR ? [leaf.error] : []));
  if (swept.length > 0 && errors.length === swept.length) {
    // Not one cell could be searched: the Places API is down, not merely slow.
    throw new PlacesError(503, 'UNAVAILABLE', `every search of 「${spec.area}」 failed: ${errors[0]}`);
  }
  await recordSweep(deps.db, {
    queryKey: spec.queryKey,
    sweep,
    day: deps.day,
    now: deps.now,
    leaves: swept,
    splitCells: splitAncestors(root, leaves).filter((cell) => !before.get(cell.key)?.split),
    before,
    complete,
    missRate: estimateSweepMissRate(swept),
  });
  query = await ensureQuery(deps.db, spec, deps.now);
  return { query, complete, errors };
}

/** The split cells above a set of leaves (every proper ancestor of a leaf was split). */
function splitAncestors(root: Cell, leaves: LeafSweep[]): Cell[] {
  const wanted = new Set<string>();
  for (const leaf of leaves) {
    for (let key = leaf.cell.key.slice(0, -1); key.length >= root.key.length; key = key.slice(0, -1)) wanted.add(key);
  }
  const found: Cell[] = [];
  const walk = (cell: Cell) => {
    if (!wanted.has(cell.key)) return;
    found.push(cell);
    splitCell(cell).forEach(walk);
  };
  walk(root);
  return found;
}
