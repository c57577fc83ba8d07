// The adaptive IDs-only sweep: cover an area with Text Searches whose field mask asks only for
// place ids (billed at $0), split every cell that reaches the 60-result cap into four, and
// re-query each leaf until a pass adds nothing, because identical queries return different
// subsets. Pure apart from the SearchCell it is given; web-standard only (runs in workerd).
import { cellSizeMeters, splitCell, type Cell } from './geometry.ts';
import type { PlacesClient, SearchTextRequest } from '../places/client.ts';

/** Text Search field mask billed as "IDs only" ($0): the ids and the token of the next page. */
export const IDS_ONLY_FIELD_MASK = 'places.id,nextPageToken';
/** Text Search never returns more than 60 places, across 3 pages of 20. */
export const RESULT_CAP = 60;
export const PAGE_SIZE = 20;
export const MAX_PAGES = RESULT_CAP / PAGE_SIZE;

/** One paginated IDs-only Text Search over a cell: all ids (≤ 60) and whether it hit the cap. */
export type SearchCell = (cell: Cell) => Promise<{ placeIds: string[]; capped: boolean }>;

export interface CellQuery {
  textQuery: string;
  /** A Places type, searched with strictTypeFiltering; null for a keyword-only query. */
  includedType: string | null;
}

/** The Text Search body of a cell: the same for every page (Google requires it) but the token. */
export function cellSearchRequest(query: CellQuery, cell: Cell): SearchTextRequest {
  return {
    textQuery: query.textQuery,
    pageSize: PAGE_SIZE,
    locationRestriction: { rectangle: cell.rect },
    ...(query.includedType != null ? { includedType: query.includedType, strictTypeFiltering: true } : {}),
  };
}

/** SearchCell over the Places API: IDs-only, following nextPageToken up to the 3rd page. */
export function placesCellSearch(places: PlacesClient, query: CellQuery): SearchCell {
  return async function searchCell(cell) {
    const request = cellSearchRequest(query, cell);
    const ids = new Set<string>();
    let pageToken: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const response = await places.searchText(pageToken ? { ...request, pageToken } : request, IDS_ONLY_FIELD_MASK);
      for (const place of response.places ?? []) if (place.id) ids.add(place.id);
      pageToken = response.nextPageToken ?? undefined;
      if (!pageToken) break;
    }
    return { placeIds: [...ids], capped: ids.size >= RESULT_CAP };
  };
}

export interface LeafSweep {
  cell: Cell;
  /** Every id any pass over the cell returned (deduplicated). */
  placeIds: string[];
  /** Some pass returned the full 60: the cell is at the size floor and may hold more places. */
  capped: boolean;
  /** Queries made over this cell in this sweep (0 when the deadline came first). */
  passes: number;
  /** Ids each pass returned, in pass order (how much results jitter here). */
  returned: number[];
  /**
   * The ids are believed to be the cell's whole population: every pass succeeded, the passes
   * stopped by the rule (one added nothing, or maxPasses), and the cell was not capped. A capped
   * leaf is NOT complete: it can only show 60 of its places, and a later sweep would show others,
   * which must not pass for new listings.
   */
  complete: boolean;
  /** Why the leaf is incomplete (the Places failure, or the deadline); absent for a capped leaf. */
  error?: string;
}

export interface SweepOptions {
  /** Floor: a capped cell whose longer side is shorter than this is not split (default 150 m). */
  minCellMeters?: number;
  /** Cells known dense from earlier sweeps: split without querying them again. */
  knownSplit?: (key: string) => boolean;
  /**
   * Re-query each leaf until a pass adds no new id, at most this many passes (default 3). IDs-only
   * is free, so passes buy recall under jitter: with a drop rate j per query and n places in a
   * leaf, a place survives all k passes unseen with probability j^k (0.1³ = 0.001 at j = 10 %).
   */
  maxPasses?: number;
  /** Parallel requests (default 4; a Worker has 6 simultaneous connections). */
  concurrency?: number;
  /** Epoch ms; cells not reached by then are returned complete:false (a partial sweep). */
  deadline?: number;
  /**
   * Jitter-aware stop: a leaf also keeps being re-queried (up to maxPasses) while ĵ^passes is above
   * this, ĵ being the drop rate measured in this sweep (the share of a leaf's known ids a later
   * pass did not return). Default 1e-4. Without jitter ĵ = 0 and two passes do; at ĵ = 10 % no leaf
   * stops before its 3rd pass, where the plain rule would stop a small leaf after 2 passes whenever
   * its few missing places happen to be missed twice (5 places: ~70 % of the time).
   */
  targetMissRate?: number;
  /** Clock for the deadline (tests pass a fake one). */
  now?: () => number;
  /** Told of each cell split during the sweep (capped, or known dense), before its children run. */
  onSplit?: (cell: Cell) => void;
}

export const DEFAULT_MIN_CELL_METERS = 150;
export const DEFAULT_MAX_PASSES = 3;
export const DEFAULT_CONCURRENCY = 4;
export const DEFAULT_TARGET_MISS_RATE = 1e-4;
/** Depth guard: 2^-30 of a ward is far below any floor; protects against a zero floor. */
const MAX_DEPTH = 30;
/** Known ids re-asked before the measured drop rate is trusted. */
const MIN_DROP_SAMPLE = 50;

export const DEADLINE_ERROR = 'DEADLINE: the sweep stopped before this cell was finished';

interface LeafState {
  cell: Cell;
  ids: Set<string>;
  capped: boolean;
  passes: number;
  returned: number[];
  error?: string;
}

interface Job {
  cell: Cell;
  /** 1 = first query of the cell; later passes re-query a leaf. */
  pass: number;
}

/**
 * Sweeps an area from its root cell and returns the leaves, in key order. Never throws for a
 * failed search: the leaf is returned complete:false with the error, and the sweep goes on.
 */
export async function sweepArea(root: Cell, search: SearchCell, options: SweepOptions = {}): Promise<LeafSweep[]> {
  const minCellMeters = options.minCellMeters ?? DEFAULT_MIN_CELL_METERS;
  const maxPasses = Math.max(1, Math.floor(options.maxPasses ?? DEFAULT_MAX_PASSES));
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY));
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  const now = options.now ?? (() => Date.now());
  const knownSplit = options.knownSplit ?? (() => false);
  const targetMissRate = options.targetMissRate ?? DEFAULT_TARGET_MISS_RATE;
  // Drop rate measured over the sweep: known ids a later pass left out / known ids asked again.
  let missedKnown = 0;
  let askedKnown = 0;
  // Until enough ids were asked again, assume the worst (keep querying: it is free).
  const dropRate = (): number => (askedKnown < MIN_DROP_SAMPLE ? 1 : missedKnown / askedKnown);

  const leaves = new Map<string, LeafState>();
  const queue: Job[] = [];

  const canSplit = (cell: Cell): boolean => {
    if (cell.depth >= MAX_DEPTH) return false;
    const { width, height } = cellSizeMeters(cell);
    return Math.max(width, height) >= minCellMeters;
  };
  const split = (cell: Cell): void => {
    options.onSplit?.(cell);
    for (const child of splitCell(cell)) enqueueCell(child);
  };
  // Known-dense cells are split at once, without a query: their own results would be discarded.
  function enqueueCell(cell: Cell): void {
    if (knownSplit(cell.key) && canSplit(cell)) split(cell);
    else queue.push({ cell, pass: 1 });
  }

  async function run(job: Job): Promise<void> {
    const { cell, pass } = job;
    let result: { placeIds: string[]; capped: boolean };
    try {
      result = await search(cell);
    } catch (err) {
      const leaf = leaves.get(cell.key) ?? newLeaf(cell);
      leaf.error = describe(err);
      leaves.set(cell.key, leaf);
      return;
    }
    if (result.capped && canSplit(cell)) {
      // Dense: its 60 are a sample, not the population. A leaf can turn out capped on a later pass
      // (jitter, a new listing); its ids so far are dropped, the children find them again.
      leaves.delete(cell.key);
      split(cell);
      return;
    }
    const leaf = leaves.get(cell.key) ?? newLeaf(cell);
    leaves.set(cell.key, leaf);
    const before = leaf.ids.size;
    if (pass > 1 && before > 0) {
      const returned = new Set(result.placeIds);
      let missed = 0;
      for (const id of leaf.ids) if (!returned.has(id)) missed++;
      missedKnown += missed;
      askedKnown += before;
    }
    for (const id of result.placeIds) leaf.ids.add(id);
    leaf.passes = pass;
    leaf.returned.push(result.placeIds.length);
    leaf.capped ||= result.capped;
    const added = leaf.ids.size - before;
    // The first pass always "adds"; stop at the first later pass that adds nothing, unless the
    // jitter measured so far says that is still likely to leave places unseen.
    const settled = pass > 1 && added === 0 && dropRate() ** pass <= targetMissRate;
    if (!settled && pass < maxPasses) queue.push({ cell, pass: pass + 1 });
  }

  enqueueCell(root);
  await new Promise<void>((resolve) => {
    let active = 0;
    const pump = (): void => {
      while (active < concurrency && queue.length > 0) {
        if (now() >= deadline) {
          for (const job of queue.splice(0)) stopAtDeadline(job);
          break;
        }
        const job = queue.shift() as Job;
        active++;
        void run(job).then(
          () => {
            active--;
            pump();
          },
          // run() catches the search's failures; anything else is a bug, but must not hang the sweep.
          (err: unknown) => {
            const leaf = leaves.get(job.cell.key) ?? newLeaf(job.cell);
            leaf.error = describe(err);
            leaves.set(job.cell.key, leaf);
            active--;
            pump();
          },
        );
      }
      if (active === 0 && queue.length === 0) resolve();
    };
    pump();
  });

  function stopAtDeadline(job: Job): void {
    // A cell never reached is returned as it is (not split), with no ids; a leaf cut between
    // passes keeps what it found but is not complete.
    const leaf = leaves.get(job.cell.key) ?? newLeaf(job.cell);
    leaf.error = DEADLINE_ERROR;
    leaves.set(job.cell.key, leaf);
  }

  return [...leaves.values()]
    .sort((a, b) => (a.cell.key < b.cell.key ? -1 : a.cell.key > b.cell.key ? 1 : 0))
    .map((leaf) => ({
      cell: leaf.cell,
      placeIds: [...leaf.ids],
      capped: leaf.capped,
      passes: leaf.passes,
      returned: leaf.returned,
      complete: leaf.error === undefined && !leaf.capped,
      ...(leaf.error !== undefined ? { error: leaf.error } : {}),
    }));
}

function newLeaf(cell: Cell): LeafState {
  return { cell, ids: new Set(), capped: false, passes: 0, returned: [] };
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const status = (err as { status?: unknown }).status;
    return typeof status === 'string' && status !== '' ? `${status}: ${err.message}` : err.message;
  }
  return String(err);
}

/**
 * The share of a place's sightings one query leaves out, estimated from the leaves' passes
 * (ids returned per pass against the union). Slightly low, since the union misses a few too.
 */
export function estimateDropRate(leaves: readonly LeafSweep[]): number {
  let returned = 0;
  let possible = 0;
  for (const leaf of leaves) {
    if (leaf.returned.length < 2 || leaf.capped) continue;
    for (const count of leaf.returned) returned += count;
    possible += leaf.placeIds.length * leaf.returned.length;
  }
  return possible === 0 ? 0 : Math.max(0, 1 - returned / possible);
}

/** Floor of a measured miss rate: zero drops seen is not proof that nothing is ever missed. */
export const MIN_SWEEP_MISS_RATE = 1e-6;

/**
 * Probability that this sweep missed a live place of a complete leaf: ĵ^p, with ĵ the measured
 * drop rate and p the fewest passes a complete non-empty leaf got (the weakest leaf decides).
 * Newness takes it as `sweepMissRate`; null when the sweep measured nothing (no leaf re-queried).
 */
export function estimateSweepMissRate(leaves: readonly LeafSweep[]): number | null {
  const passes = leaves.filter((leaf) => leaf.complete && leaf.placeIds.length > 0 && leaf.returned.length >= 2).map((leaf) => leaf.passes);
  if (passes.length === 0) return null;
  return Math.max(MIN_SWEEP_MISS_RATE, estimateDropRate(leaves) ** Math.min(...passes));
}

/** Every cell split in a sweep that produced these leaves: the proper ancestors of the leaves. */
export function splitKeys(leaves: readonly LeafSweep[]): Set<string> {
  const keys = new Set<string>();
  for (const leaf of leaves) {
    for (let key = leaf.cell.key.slice(0, -1); key.length > 0; key = key.slice(0, -1)) keys.add(key);
  }
  return keys;
}
