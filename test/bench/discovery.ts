// Discovery benchmark: the real Places client against the in-process emulator, driven by the
// sweep, the planner and newness exactly as the Worker uses them. The tenant's "offered" set and
// the sighting histories live here in memory (the Worker keeps them in D1).
//
// Scenarios (東京都渋谷区 × hair_salon, ~3,400 live places, ~33 new a day):
//  - dense: day 0, a new tenant wants every place: recall, cost against the oracle's floor.
//  - denseJitter: the same under 10 % jitter.
//  - resweep: day 1 under 10 % jitter, re-swept with the day-0 tiling: newness, cost of only the
//    candidates against the oracle and against a naive full-field re-sweep.
//  - jitteredBaseline: the stress case for newness: a baseline swept under jitter too (so a few old
//    places escape it), then days 1–4; false-new rates per day and cumulated.
import { rootCell, contains, type Cell, type Rect } from '../../api/src/discovery/geometry.ts';
import { newness, type Newness } from '../../api/src/discovery/newness.ts';
import { LEAD_FIELD_MASK, LEAD_SEARCH_FIELD_MASK, floorUsd, pagesFor, planDetails, type CellNeed, type DetailPlan } from '../../api/src/discovery/planner.ts';
import { cellSearchRequest, estimateDropRate, estimateSweepMissRate, placesCellSearch, splitKeys, sweepArea, type CellQuery, type LeafSweep } from '../../api/src/discovery/sweep.ts';
import { createPlacesClient, type Place, type PlacesClient } from '../../api/src/places/client.ts';
import { DEFAULT_PRICES_USD_PER_1000, costUsd, type Sku } from '../../api/src/places/sku.ts';
import { dateOfDay, type World } from '../emulators/places/dataset.ts';
import { startPlacesEmulator, type PlacesEmulator, type UsageReport } from '../emulators/places/server.ts';
import { atLeast, atMost, textTable, type BenchModule, type Target } from './types.ts';

const AREA = '東京都渋谷区';
const TYPE = 'hair_salon';
const QUERY: CellQuery = { textQuery: '美容室', includedType: TYPE };
const AREA_FIELD_MASK = 'places.id,places.viewport';
const JITTER = 0.1;
const MIN_NEW = 30;
const CONCURRENCY = 4;
/** Days swept after the jittered baseline in the newness stress scenario. */
const STRESS_DAYS = 4;

// -------------------------------------------------------------------------------------------
// In-memory stand-ins for the Worker's D1 state.

interface Sighting {
  cellKey: string;
  priorCompleteSweeps: number;
  sightings: number;
  firstSweep: number;
  lastSweep: number;
}

/** One query's sweep history, as the Worker's `cells` and `sightings` tables keep it. */
class History {
  sweep = 0;
  readonly cells = new Map<string, { completeSweeps: number }>();
  readonly sightings = new Map<string, Sighting>();
  splitKeys = new Set<string>();
  /** Measured miss rate of each sweep (index = sweep − 1). */
  readonly missRates: (number | null)[] = [];

  /** The largest measured miss rate of the sweeps before `sweep` (null: none measured). */
  missRateBefore(sweep: number): number | null {
    const rates = this.missRates.slice(0, sweep - 1).filter((r): r is number => r !== null);
    return rates.length === 0 ? null : Math.max(...rates);
  }

  /** Complete sweeps over a cell: its own count, or its nearest swept ancestor's (a new split). */
  completeSweepsOf(key: string): number {
    for (let k = key; k.length > 0; k = k.slice(0, -1)) {
      const cell = this.cells.get(k);
      if (cell && (cell.completeSweeps > 0 || k === key)) return cell.completeSweeps;
    }
    return 0;
  }

  /** Records a sweep; returns the ids it saw for the first time. */
  record(leaves: LeafSweep[]): Set<string> {
    this.sweep++;
    this.missRates.push(estimateSweepMissRate(leaves));
    const firstSeen = new Set<string>();
    const before = new Map<string, number>();
    for (const leaf of leaves) before.set(leaf.cell.key, this.completeSweepsOf(leaf.cell.key));
    for (const leaf of leaves) {
      for (const id of leaf.placeIds) {
        const s = this.sightings.get(id);
        if (!s) {
          this.sightings.set(id, { cellKey: leaf.cell.key, priorCompleteSweeps: before.get(leaf.cell.key) ?? 0, sightings: 1, firstSweep: this.sweep, lastSweep: this.sweep });
          firstSeen.add(id);
        } else if (s.lastSweep < this.sweep) {
          s.sightings++;
          s.lastSweep = this.sweep;
        }
      }
    }
    for (const leaf of leaves) this.cells.set(leaf.cell.key, { completeSweeps: (before.get(leaf.cell.key) ?? 0) + (leaf.complete ? 1 : 0) });
    for (const key of splitKeys(leaves)) this.splitKeys.add(key);
    return firstSeen;
  }
}

/**
 * The tenant: ids offered so far, and the phone numbers among its dedupe keys (the Worker keeps
 * keyed hashes of them; a moved place keeps its phone, so dedupe drops its new id).
 */
class Tenant {
  readonly offered = new Set<string>();
  readonly phones = new Set<string>();
  offer(id: string, phone: string | null | undefined): void {
    this.offered.add(id);
    if (phone) this.phones.add(phone);
  }
}

// -------------------------------------------------------------------------------------------
// Helpers.

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/** Per leaf: its ids, each wanted id counted in the first leaf that holds it. */
function needs(leaves: LeafSweep[], wanted: ReadonlySet<string>): CellNeed[] {
  const assigned = new Set<string>();
  return leaves.map((leaf) => {
    const mine = leaf.placeIds.filter((id) => wanted.has(id) && !assigned.has(id));
    mine.forEach((id) => assigned.add(id));
    return { cellKey: leaf.cell.key, totalIds: leaf.placeIds.length, wanted: mine };
  });
}

/** Runs a plan like the Worker does: pages first, then Details for the rest of what is wanted. */
async function buy(places: PlacesClient, plan: DetailPlan, cells: ReadonlyMap<string, Cell>, wanted: ReadonlySet<string>): Promise<{ places: Map<string, Place>; fallbackDetails: number; failed: number }> {
  const got = new Map<string, Place>();
  let failed = 0;
  await pool(plan.pageCells, CONCURRENCY, async (key) => {
    const cell = cells.get(key);
    if (!cell) return;
    const request = cellSearchRequest(QUERY, cell);
    let pageToken: string | undefined;
    for (let page = 0; page < 3; page++) {
      const response = await places.searchText(pageToken ? { ...request, pageToken } : request, LEAD_SEARCH_FIELD_MASK);
      for (const place of response.places ?? []) if (place.id && wanted.has(place.id)) got.set(place.id, place);
      pageToken = response.nextPageToken ?? undefined;
      if (!pageToken) break;
    }
  });
  const planned = new Set(plan.detailIds);
  const rest = [...wanted].filter((id) => !got.has(id));
  const fallbackDetails = rest.filter((id) => !planned.has(id)).length;
  const mask = LEAD_FIELD_MASK;
  await pool(rest, CONCURRENCY, async (id) => {
    try {
      got.set(id, await places.getPlace(id, mask));
    } catch {
      failed++;
    }
  });
  return { places: got, fallbackDetails, failed };
}

const openingDateOf = (place: Place): string | null => {
  const d = (place as { openingDate?: { year?: number; month?: number; day?: number } }).openingDate;
  return d?.year && d.month && d.day ? `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}` : null;
};

function skuCounts(usage: UsageReport): Partial<Record<Sku, number>> {
  const out: Partial<Record<Sku, number>> = {};
  for (const [sku, { count }] of Object.entries(usage.bySku) as [Sku, { count: number }][]) if (count > 0) out[sku] = count;
  return out;
}

const round = (n: number, digits = 4): number => Number(n.toFixed(digits));
const union = (leaves: LeafSweep[]): Set<string> => new Set(leaves.flatMap((leaf) => leaf.placeIds));
const cellMap = (leaves: LeafSweep[]): Map<string, Cell> => new Map(leaves.map((leaf) => [leaf.cell.key, leaf.cell]));

class Truth {
  constructor(private readonly world: World) {}
  live(day: number): Set<string> {
    return new Set(this.world.truthMatching({ area: AREA, type: TYPE, day, liveOnly: true }));
  }
  searchable(day: number): Set<string> {
    return new Set(this.world.truthMatching({ area: AREA, type: TYPE, day }));
  }
  /** Oracle cells: the true ids in each leaf's rectangle; `wanted` counted once, in its first leaf. */
  oracleNeeds(leaves: LeafSweep[], inCells: Set<string>, wanted: Set<string>): CellNeed[] {
    const located = [...inCells].map((id) => ({ id, at: this.world.business(id)?.location })).filter((p) => p.at !== undefined);
    const assigned = new Set<string>();
    return leaves.map((leaf) => {
      const ids = located.filter((p) => contains(leaf.cell.rect, p.at as { latitude: number; longitude: number })).map((p) => p.id);
      const mine = ids.filter((id) => wanted.has(id) && !assigned.has(id));
      mine.forEach((id) => assigned.add(id));
      return { cellKey: leaf.cell.key, totalIds: ids.length, wanted: mine };
    });
  }
  isMove(id: string): boolean {
    return this.world.business(id)?.movedFromId !== undefined;
  }
}

function sweepStats(leaves: LeafSweep[]) {
  return {
    leaves: leaves.length,
    splitCells: splitKeys(leaves).size,
    maxDepth: Math.max(0, ...leaves.map((l) => l.cell.depth)),
    cappedLeaves: leaves.filter((l) => l.capped).length,
    incompleteLeaves: leaves.filter((l) => !l.complete).length,
    passes: leaves.reduce((sum, l) => sum + l.passes, 0),
    measuredDropRate: round(estimateDropRate(leaves)),
  };
}

// -------------------------------------------------------------------------------------------
// Scenarios.

interface Context {
  emulator: PlacesEmulator;
  places: PlacesClient;
  truth: Truth;
}

async function resolveArea(places: PlacesClient): Promise<Rect> {
  const response = await places.searchText({ textQuery: AREA, pageSize: 1 }, AREA_FIELD_MASK);
  const viewport = response.places?.[0]?.viewport;
  const { low, high } = viewport ?? {};
  if (low?.latitude == null || low.longitude == null || high?.latitude == null || high.longitude == null) throw new Error(`area ${AREA} not resolved`);
  return { low: { latitude: low.latitude, longitude: low.longitude }, high: { latitude: high.latitude, longitude: high.longitude } };
}

/** Day 0: a new tenant wants every place of the area. */
async function dense(ctx: Context, jitter: number, history: History) {
  const { emulator, places, truth } = ctx;
  emulator.setDay(0);
  emulator.setFaults({ jitter });
  emulator.resetUsage();
  const started = performance.now();

  const rect = await resolveArea(places);
  const areaResolutionUsd = emulator.usage().totalUsd;
  const leaves = await sweepArea(rootCell(rect), placesCellSearch(places, QUERY));
  const sweepMs = performance.now() - started;
  const sweepUsage = emulator.usage();
  history.record(leaves);

  const found = union(leaves);
  const live = truth.live(0);
  const searchable = truth.searchable(0);
  const foundLive = [...found].filter((id) => live.has(id)).length;
  const foundSearchable = [...found].filter((id) => searchable.has(id)).length;

  // The new tenant wants all of them; the plan buys each cell the cheaper way.
  const pageMissRate = estimateDropRate(leaves);
  const plan = planDetails(needs(leaves, found), DEFAULT_PRICES_USD_PER_1000, { pageMissRate });
  const bought = await buy(places, plan, cellMap(leaves), found);
  const usage = emulator.usage();
  const leads = [...bought.places.values()].filter((p) => p.businessStatus !== 'CLOSED_PERMANENTLY').length;

  // The oracle: per leaf, the cheaper of paging its true places and Details for its live ones.
  const floor = floorUsd(truth.oracleNeeds(leaves, searchable, live));
  const billableUsd = usage.totalUsd;
  return {
    jitter,
    truthLive: live.size,
    truthSearchable: searchable.size,
    found: found.size,
    recall: round(foundLive / live.size),
    recallSearchable: round(foundSearchable / searchable.size),
    foundOutsideTruth: found.size - foundSearchable,
    sweep: { ...sweepStats(leaves), requests: sweepUsage.requests - 1, usd: round(sweepUsage.totalUsd - areaResolutionUsd), ms: Math.round(sweepMs) },
    plan: { pageCells: plan.pageCells.length, detailIds: plan.detailIds.length, estimatedUsd: round(plan.estimatedUsd), pageMissRate: round(pageMissRate), fallbackDetails: bought.fallbackDetails, failed: bought.failed },
    leads,
    billableUsd: round(billableUsd),
    areaResolutionUsd: round(areaResolutionUsd),
    floorUsd: round(floor),
    ratioToFloor: round(billableUsd / floor),
    ratioToFloorExcludingArea: round((billableUsd - areaResolutionUsd) / floor),
    usdPerLead: round(billableUsd / Math.max(1, leads), 5),
    detailsForEveryPlaceUsd: round(costUsd('place_details_enterprise', found.size)),
    requests: skuCounts(usage),
    errors: usage.errors,
    leaves,
    rect,
  };
}

interface DayOutcome {
  day: number;
  judged: Map<string, Newness>;
  /** The same verdicts without a measured miss rate (the default). */
  judgedUnmeasured: Map<string, Newness>;
  /** Candidates the tenant's dedupe keys (phone) already hold: moved places, mostly. */
  duplicates: Set<string>;
  phones: Map<string, string | null>;
  candidates: number;
  usage: UsageReport;
  leaves: LeafSweep[];
  plan: DetailPlan;
  fallbackDetails: number;
  failed: number;
  pageMissRate: number;
}

/** One later day: re-sweep with the known tiling, buy the candidates' details, judge newness. */
async function laterDay(ctx: Context, history: History, tenant: Tenant, day: number, jitter: number, rect: Rect): Promise<DayOutcome> {
  const { emulator, places } = ctx;
  emulator.setDay(day);
  emulator.setFaults({ jitter });
  emulator.resetUsage();
  const known = new Set(history.splitKeys);
  const leaves = await sweepArea(rootCell(rect), placesCellSearch(places, QUERY), { knownSplit: (key) => known.has(key) });
  history.record(leaves);

  // Candidates: every id the tenant was never offered (what the Worker's candidatesFor returns).
  const seen = union(leaves);
  const candidates = new Set([...seen].filter((id) => !tenant.offered.has(id)));
  const pageMissRate = estimateDropRate(leaves);
  const plan = planDetails(needs(leaves, candidates), DEFAULT_PRICES_USD_PER_1000, { pageMissRate });
  const bought = await buy(places, plan, cellMap(leaves), candidates);
  const judged = new Map<string, Newness>();
  const judgedUnmeasured = new Map<string, Newness>();
  const duplicates = new Set<string>();
  for (const id of candidates) {
    const place = bought.places.get(id);
    const s = history.sightings.get(id);
    if (!place || !s) continue;
    if (place.nationalPhoneNumber && tenant.phones.has(place.nationalPhoneNumber)) duplicates.add(id);
    const input = {
      priorCompleteSweeps: s.priorCompleteSweeps,
      sightings: s.sightings,
      reviewCount: place.userRatingCount ?? 0,
      openingDate: openingDateOf(place),
      today: dateOfDay(day),
    };
    judged.set(id, newness({ ...input, sweepMissRate: history.missRateBefore(s.firstSweep) }));
    judgedUnmeasured.set(id, newness(input));
  }
  return { day, judged, judgedUnmeasured, duplicates, phones: new Map([...bought.places].map(([id, p]) => [id, p.nationalPhoneNumber ?? null])), candidates: candidates.size, usage: emulator.usage(), leaves, plan, fallbackDetails: bought.fallbackDetails, failed: bought.failed, pageMissRate };
}

function newnessScore(judged: Map<string, Newness>, trulyNew: Set<string>, moved: Set<string>, duplicates: Set<string>) {
  const judgedNew = [...judged].filter(([, v]) => v === 'new').map(([id]) => id);
  const falseNew = judgedNew.filter((id) => !trulyNew.has(id));
  if (process.env.BENCH_DEBUG) for (const id of falseNew) process.stderr.write(`[false-new] ${id}${moved.has(id) ? ' (moved)' : ''}\n`);
  // What the owner sees flagged 新規: dedupe (phone) runs after newness and drops moved places.
  const shown = judgedNew.filter((id) => !duplicates.has(id));
  const shownFalse = shown.filter((id) => !trulyNew.has(id));
  return {
    judgedNew: judgedNew.length,
    newFound: judgedNew.length - falseNew.length,
    falseNew: falseNew.length,
    falseNewMoved: falseNew.filter((id) => moved.has(id)).length,
    falseNewRate: round(judgedNew.length === 0 ? 0 : falseNew.length / judgedNew.length),
    unconfirmed: [...judged.values()].filter((v) => v === 'unconfirmed').length,
    notNew: [...judged.values()].filter((v) => v === 'not-new').length,
    afterDedupe: { judgedNew: shown.length, falseNew: shownFalse.length, falseNewRate: round(shown.length === 0 ? 0 : shownFalse.length / shown.length) },
  };
}

/** Ids listed since `fromDay` (live at `toDay`, not searchable at `fromDay`), split into new businesses and moves. */
function listedSince(truth: Truth, fromDay: number, toDay: number) {
  const before = truth.searchable(fromDay);
  const ids = [...truth.live(toDay)].filter((id) => !before.has(id));
  const moved = new Set(ids.filter((id) => truth.isMove(id)));
  return { all: new Set(ids), business: new Set(ids.filter((id) => !moved.has(id))), moved };
}

/** Day ≥ 1 after the dense day-0 sweep: only what is new to the tenant is paid for. */
async function resweep(ctx: Context, history: History, tenant: Tenant, rect: Rect) {
  const { truth } = ctx;
  let day = 1;
  while (listedSince(truth, 0, day).business.size < MIN_NEW) day++;
  const out = await laterDay(ctx, history, tenant, day, JITTER, rect);
  const listed = listedSince(truth, 0, day);
  const score = newnessScore(out.judged, listed.business, listed.moved, out.duplicates);

  // Oracle: per leaf, the cheaper way to buy exactly the ids new to the tenant (all listed since day 0).
  const floor = floorUsd(truth.oracleNeeds(out.leaves, truth.searchable(day), listed.all));
  // Naive: re-running a full-field sweep of the area — the adaptive tiling once, with the lead's
  // fields: every page of every leaf, plus the three capped pages of each split cell (a full-field
  // sweep that does not keep our free IDs-only tiling has to query them to find the split).
  const leavesOnlyUsd = out.leaves.reduce((sum, leaf) => sum + costUsd('text_search_enterprise', pagesFor(Math.min(leaf.placeIds.length, 60))), 0);
  const naiveUsd = leavesOnlyUsd + costUsd('text_search_enterprise', 3 * splitKeys(out.leaves).size);
  const billableUsd = out.usage.totalUsd;
  const seen = union(out.leaves);
  return {
    day,
    jitter: JITTER,
    newTruth: listed.business.size,
    movedTruth: listed.moved.size,
    candidates: out.candidates,
    candidatesTrulyNew: [...listed.all].filter((id) => seen.has(id)).length,
    ...score,
    newRecall: round(score.newFound / listed.business.size),
    baselineMissRate: history.missRates[0] ?? null,
    withDefaultMissRate: newnessScore(out.judgedUnmeasured, listed.business, listed.moved, out.duplicates),
    newSeenRecall: round([...listed.business].filter((id) => seen.has(id)).length / listed.business.size),
    sweep: { ...sweepStats(out.leaves), requests: out.usage.bySku.text_search_ids_only.count, usd: round(out.usage.bySku.text_search_ids_only.usd) },
    plan: { pageCells: out.plan.pageCells.length, detailIds: out.plan.detailIds.length, estimatedUsd: round(out.plan.estimatedUsd), pageMissRate: round(out.pageMissRate), fallbackDetails: out.fallbackDetails, failed: out.failed },
    billableUsd: round(billableUsd),
    floorUsd: round(floor),
    ratioToFloor: round(billableUsd / floor),
    naiveUsd: round(naiveUsd),
    naiveOverBillable: round(naiveUsd / billableUsd, 1),
    // The same without the split cells' pages (a full-field re-run of known leaves only).
    naiveLeavesOnlyUsd: round(leavesOnlyUsd),
    // The naive way to handle jitter too: the very same multi-pass sweep, with the lead's fields.
    naiveSweepUsd: round(costUsd('text_search_enterprise', out.usage.bySku.text_search_ids_only.count)),
    naiveSweepOverBillable: round(costUsd('text_search_enterprise', out.usage.bySku.text_search_ids_only.count) / billableUsd, 1),
    naiveOverFloor: round(naiveUsd / floor, 1),
    requests: skuCounts(out.usage),
    errors: out.usage.errors,
  };
}

/** Stress for newness: the baseline itself swept under jitter, then two later days. */
async function jitteredBaseline(ctx: Context, rect: Rect) {
  const { emulator, places, truth } = ctx;
  const history = new History();
  emulator.setDay(0);
  emulator.setFaults({ jitter: JITTER });
  const baseline = await sweepArea(rootCell(rect), placesCellSearch(places, QUERY));
  history.record(baseline);
  // The tenant was offered the whole baseline (its cost is measured in `denseJitter`); the phones
  // its details carried joined the dedupe keys.
  const tenant = new Tenant();
  for (const id of union(baseline)) tenant.offer(id, ctx.emulator.world.business(id)?.nationalPhoneNumber);
  const live0 = truth.live(0);
  const missedOld = [...live0].filter((id) => !tenant.offered.has(id)).length;
  const baselineRecall = round(1 - missedOld / live0.size);

  const days = [];
  const judgedNewAll = new Set<string>();
  const falseAll = new Set<string>();
  const shownAll = new Set<string>();
  const shownFalseAll = new Set<string>();
  for (let day = 1; day <= STRESS_DAYS; day++) {
    const out = await laterDay(ctx, history, tenant, day, JITTER, rect);
    const listed = listedSince(truth, 0, day);
    const score = newnessScore(out.judged, listed.business, listed.moved, out.duplicates);
    for (const [id, verdict] of out.judged) {
      if (verdict === 'new') {
        judgedNewAll.add(id);
        if (!listed.business.has(id)) falseAll.add(id);
        if (!out.duplicates.has(id)) {
          shownAll.add(id);
          if (!listed.business.has(id)) shownFalseAll.add(id);
        }
      }
      // Offered as new, or settled as not new (the Worker skips it): never a candidate again.
      if (verdict !== 'unconfirmed') tenant.offer(id, out.phones.get(id));
    }
    days.push({ day, missRateBefore: history.missRateBefore(history.sweep), candidates: out.candidates, ...score, newTruth: listed.business.size, billableUsd: round(out.usage.totalUsd) });
  }
  const newTruth = listedSince(truth, 0, STRESS_DAYS).business;
  return {
    jitter: JITTER,
    baselineRecall,
    oldMissedByBaseline: missedOld,
    days,
    cumulative: {
      judgedNew: judgedNewAll.size,
      falseNew: falseAll.size,
      falseNewRate: round(judgedNewAll.size === 0 ? 0 : falseAll.size / judgedNewAll.size),
      afterDedupe: { judgedNew: shownAll.size, falseNew: shownFalseAll.size, falseNewRate: round(shownAll.size === 0 ? 0 : shownFalseAll.size / shownAll.size) },
      newRecall: round([...judgedNewAll].filter((id) => newTruth.has(id)).length / newTruth.size),
      newTruth: newTruth.size,
    },
  };
}

// -------------------------------------------------------------------------------------------

async function measure() {
  const emulator = await startPlacesEmulator({ port: 0, day: 0 });
  try {
    const places = createPlacesClient({ baseUrl: emulator.url, apiKey: 'bench-key', backoffMs: 5 });
    const ctx: Context = { emulator, places, truth: new Truth(emulator.world) };

    const denseJitterResult = await dense(ctx, JITTER, new History());
    const history = new History();
    const denseResult = await dense(ctx, 0, history);
    const rect = denseResult.rect;
    // Everything found on day 0 was offered to the tenant (its fields were bought above).
    const tenant = new Tenant();
    for (const id of union(denseResult.leaves)) tenant.offer(id, emulator.world.business(id)?.nationalPhoneNumber);
    const resweepResult = await resweep(ctx, history, tenant, rect);
    const stress = await jitteredBaseline(ctx, rect);

    const { leaves: _l1, rect: _r1, ...denseOut } = denseResult;
    const { leaves: _l2, rect: _r2, ...denseJitterOut } = denseJitterResult;
    // The dense scenario's figures stand at the top (recall, billableUsd, floorUsd, ratioToFloor,
    // usdPerLead…) and in `dense`, beside the other scenarios.
    return { area: AREA, type: TYPE, textQuery: QUERY.textQuery, ...denseOut, dense: denseOut, denseJitter: denseJitterOut, resweep: resweepResult, jitteredBaseline: stress };
  } finally {
    await emulator.close();
  }
}

type Measured = Awaited<ReturnType<typeof measure>>;
export type DiscoveryResult = Measured & { targets: Record<string, Target> };

export async function runDiscoveryBench(): Promise<DiscoveryResult> {
  const measured = await measure();
  return { ...measured, targets: targets(measured) };
}

function targets(r: Measured): Record<string, Target> {
  return {
    denseRecall: atLeast(r.dense.recall, 0.995),
    denseRatioToFloor: atMost(r.dense.ratioToFloor, 1.1),
    resweepRatioToFloor: atMost(r.resweep.ratioToFloor, 1.1),
    resweepFalseNewRate: atMost(r.resweep.falseNewRate, 0.01),
    resweepNaiveOverBillable: atLeast(r.resweep.naiveOverBillable, 20),
    resweepNewListings: atLeast(r.resweep.newTruth, MIN_NEW),
    stressFalseNewRateAfterDedupe: atMost(r.jitteredBaseline.cumulative.afterDedupe.falseNewRate, 0.01),
  };
}


function table(r: DiscoveryResult): string {
  const d = r.dense;
  const dj = r.denseJitter;
  const s = r.resweep;
  const j = r.jitteredBaseline;
  const usd = (n: number) => `$${n.toFixed(3)}`;
  const lines = [
    `${r.area} × ${r.type} (textQuery ${r.textQuery})`,
    '',
    textTable([
      ['day 0, new tenant', 'no jitter', `jitter ${dj.jitter}`],
      ['truth (live / searchable)', `${d.truthLive} / ${d.truthSearchable}`, `${dj.truthLive} / ${dj.truthSearchable}`],
      ['found', d.found, dj.found],
      ['recall (live)', d.recall, dj.recall],
      ['leaves / split / max depth / capped', `${d.sweep.leaves} / ${d.sweep.splitCells} / ${d.sweep.maxDepth} / ${d.sweep.cappedLeaves}`, `${dj.sweep.leaves} / ${dj.sweep.splitCells} / ${dj.sweep.maxDepth} / ${dj.sweep.cappedLeaves}`],
      ['IDs-only requests (passes)', `${d.sweep.requests} (${d.sweep.passes})`, `${dj.sweep.requests} (${dj.sweep.passes})`],
      ['plan: page cells / details (+fallback)', `${d.plan.pageCells} / ${d.plan.detailIds} (+${d.plan.fallbackDetails})`, `${dj.plan.pageCells} / ${dj.plan.detailIds} (+${dj.plan.fallbackDetails})`],
      ['billable (incl. area)', usd(d.billableUsd), usd(dj.billableUsd)],
      ['  of which area resolution', usd(d.areaResolutionUsd), usd(dj.areaResolutionUsd)],
      ['floor (oracle)', usd(d.floorUsd), usd(dj.floorUsd)],
      ['ratio to floor (excl. area)', `${d.ratioToFloor} (${d.ratioToFloorExcludingArea})`, `${dj.ratioToFloor} (${dj.ratioToFloorExcludingArea})`],
      ['USD per lead', d.usdPerLead, dj.usdPerLead],
      ['Details for every place', usd(d.detailsForEveryPlaceUsd), usd(dj.detailsForEveryPlaceUsd)],
    ]),
    '',
    textTable([
      [`re-sweep, day ${s.day}, jitter ${s.jitter}`, ''],
      ['new businesses / moved ids (truth)', `${s.newTruth} / ${s.movedTruth}`],
      ['candidates (new to the tenant)', s.candidates],
      ['judged new / truly new / false', `${s.judgedNew} / ${s.newFound} / ${s.falseNew}`],
      ['unconfirmed / not-new', `${s.unconfirmed} / ${s.notNew}`],
      ['false-new rate (after dedupe)', `${s.falseNewRate} (${s.afterDedupe.falseNewRate})`],
      ['new recall (judged / seen)', `${s.newRecall} / ${s.newSeenRecall}`],
      ['plan: page cells / details (+fallback)', `${s.plan.pageCells} / ${s.plan.detailIds} (+${s.plan.fallbackDetails})`],
      ['billable', usd(s.billableUsd)],
      ['floor (oracle)', usd(s.floorUsd)],
      ['ratio to floor', s.ratioToFloor],
      ['naive: full-field sweep once (leaves + split cells)', `${usd(s.naiveUsd)} (${s.naiveOverBillable}× billable, ${s.naiveOverFloor}× floor)`],
      ['  of which leaves only', usd(s.naiveLeavesOnlyUsd)],
      ['naive: the same sweep full-field', `${usd(s.naiveSweepUsd)} (${s.naiveSweepOverBillable}× billable)`],
      ['with the default miss rate: new / false / unconfirmed', `${s.withDefaultMissRate.judgedNew} / ${s.withDefaultMissRate.falseNew} / ${s.withDefaultMissRate.unconfirmed}`],
    ]),
    '',
    textTable([
      [`stress: baseline under jitter ${j.jitter}`, ...j.days.map((day) => `day ${day.day}`), 'cumulative'],
      ['old places missed by the baseline', j.oldMissedByBaseline, ...j.days.map(() => '')],
      ['new listings (truth, cumulative)', ...j.days.map((day) => day.newTruth), ''],
      ['candidates', ...j.days.map((day) => day.candidates), ''],
      ['judged new / false', ...j.days.map((day) => `${day.judgedNew} / ${day.falseNew}`), `${j.cumulative.judgedNew} / ${j.cumulative.falseNew}`],
      ['unconfirmed', ...j.days.map((day) => day.unconfirmed), ''],
      ['false-new rate', ...j.days.map((day) => day.falseNewRate), j.cumulative.falseNewRate],
      ['false-new rate after dedupe (phone)', ...j.days.map((day) => day.afterDedupe.falseNewRate), j.cumulative.afterDedupe.falseNewRate],
      ['new recall', ...j.days.map(() => ''), j.cumulative.newRecall],
    ]),
    '',
    textTable([['target', 'value', 'wanted', ''], ...Object.entries(r.targets).map(([name, t]) => [name, t.value, t.target, t.ok ? 'ok' : 'MISSED'])]),
  ];
  return lines.join('\n');
}

export const discoveryBench: BenchModule<DiscoveryResult> = {
  name: 'discovery',
  run: runDiscoveryBench,
  table,
  missedTargets: (r) => Object.entries(r.targets).filter(([, t]) => !t.ok).map(([name, t]) => `${name}: ${t.value} (wanted ${t.target})`),
};
