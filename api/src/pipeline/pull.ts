// The pull, for one tenant, cheapest stage first: discover → detail → filter (what the place
// alone decides) → dedupe → screen (its website) → enrich (gBizINFO, helped by what the site says
// of its operator) → filter (the employee rule) → batch.
// An open (unacknowledged, or prepared overnight) batch is served as it is; otherwise a new one is
// built from today's sweeps. A sweep that does not finish in time is continued in the background,
// and the pull answers at once with what it has and a status.
import type { Lead, Notice, PullBatch, PullState, SearchProfile } from '../../../shared/contract.ts';
import { newness } from '../discovery/newness.ts';
import { planDetails, type CellNeed } from '../discovery/planner.ts';
import { ApiError } from '../http/errors.ts';
import { rateLimitedError } from '../http/rate-limit.ts';
import { BudgetExceeded } from '../places/meter.ts';
import { RateLimited } from '../places/rate-limiter.ts';
import { PlacesError, type Place, type PlacesClient } from '../places/client.ts';
import { expireBatches, serveOpenBatch } from '../store/batches.ts';
import { candidatesFor, getCells, skipPlaces, type CandidateRow, type CellState, type QuerySpec } from '../store/discovery.ts';
import { leadId } from '../store/ids.ts';
import { getProfile } from '../store/profiles.ts';
import { expireHeld, holdLeads, releaseHeld, screenedHeldLeads } from '../store/screenings.ts';
import { storeBatch } from './batch.ts';
import { dropKnown } from './dedupe.ts';
import { applyScreening, screenLeads, type ScreenDeps } from './screen.ts';
import { fetchPlanned, followMove, placeToLead, placeTypes, type PageCell } from './detail.ts';
import { querySpecs, sweepQuery } from './discover.ts';
import { enrichLeads } from './enrich.ts';
import { filterLead, passesEmployeeRule } from './filter.ts';
import type { Operator } from '../screening/operator.ts';
import type { GbizinfoClient } from '../gbizinfo/client.ts';

export interface PullDeps {
  db: D1Database;
  places: PlacesClient;
  now: Date;
  batchTtlMs: number;
  /** How long this pull may spend sweeping before it answers with what it has. */
  sweepBudgetMs: number;
  /** Asks for an unfinished sweep to be continued in the background. */
  continueSweep?: (queryKey: string) => Promise<void>;
  /** gBizINFO (employee counts, corporate data); null / absent: not configured. */
  gbizinfo?: GbizinfoClient | null;
  /** Reading websites for 営業お断り. */
  screen: Omit<ScreenDeps, 'db' | 'now'>;
}

/** The calendar day in Japan, YYYY-MM-DD: the owner's "today". */
export const japanDay = (at: Date): string => new Date(at.getTime() + 9 * 3_600_000).toISOString().slice(0, 10);

/** Detail rounds: each takes more candidates than still wanted, since the profile rejects some. */
const MAX_ROUNDS = 6;

export interface PullOptions {
  limit?: number;
  /** Only serve a batch that is already prepared (never build one): the nightly pre-fetch's check. */
  prepare?: boolean;
}

export async function pull(deps: PullDeps, tenantId: string, options: PullOptions = {}): Promise<PullBatch> {
  const { db, now } = deps;
  await expireBatches(db, now, tenantId);
  const open = await serveOpenBatch(db, tenantId, { count: !options.prepare });
  if (open) return open;

  const profile = await getProfile(db, tenantId);
  if (!profile) throw new ApiError(409, 'NO_PROFILE', 'Set a search profile (PUT /v1/profile) before pulling leads.');
  const wanted = Math.min(options.limit ?? profile.dailyLimit, profile.dailyLimit);
  const built = await buildLeads(deps, tenantId, profile, wanted);
  return storeBatch(db, {
    tenantId,
    now,
    ttlMs: deps.batchTtlMs,
    leads: built.leads,
    keyHashes: built.keyHashes,
    state: built.state,
    notices: built.notices,
    served: !options.prepare,
  });
}

interface Built {
  leads: Lead[];
  /** Dedupe key hashes of the leads: they join the tenant's set with the batch. */
  keyHashes: string[];
  state: PullState;
  notices: Notice[];
}

async function buildLeads(deps: PullDeps, tenantId: string, profile: SearchProfile, wanted: number): Promise<Built> {
  const { db, places, now } = deps;
  const day = japanDay(now);
  const notices: Notice[] = [];
  const specs = querySpecs(profile);

  // discover: today's sweep of every query, within the time this pull may spend on it.
  const deadline = Date.now() + deps.sweepBudgetMs;
  let sweepsComplete = true;
  const missRates = new Map<string, number | null>();
  for (const spec of specs) {
    const outcome = await withPlacesErrors(() => sweepQuery({ db, places, now, day }, spec, deadline));
    missRates.set(spec.queryKey, outcome.query.missRate);
    if (!outcome.complete) {
      sweepsComplete = false;
      await deps.continueSweep?.(spec.queryKey);
    }
  }
  if (!sweepsComplete) {
    notices.push({ code: 'SWEEP_IN_PROGRESS', message: 'Part of the area is still being searched; more leads will be ready shortly.' });
  }

  const leads: Lead[] = [];
  const seen = new Set<string>();
  /** The dedupe key hashes of the leads taken so far (they join the tenant's set with the batch). */
  const taken = new Set<string>();
  const take = (entry: { lead: Lead; hashes: string[] }) => {
    if (leads.length >= wanted) return;
    leads.push(entry.lead);
    entry.hashes.forEach((hash) => taken.add(hash));
  };

  // enrich, then the employee rule. A lead whose count could not be fetched now is neither
  // admitted (when the rule needs its count) nor rejected: it is looked up again next pull.
  let employeesFailed = 0;
  const employeeCountsAvailable = deps.gbizinfo != null;
  const admit = async (ready: Lead[], operators: ReadonlyMap<string, Operator>): Promise<{ admitted: Lead[]; rejected: string[] }> => {
    const enriched = await enrichLeads({ db, now, gbizinfo: deps.gbizinfo }, ready, day, operators);
    employeesFailed += enriched.failed.size;
    const admitted: Lead[] = [];
    const rejected: string[] = [];
    for (const lead of enriched.leads) {
      if (!employeeCountsAvailable || passesEmployeeRule(lead, profile)) admitted.push(lead);
      else if (!enriched.failed.has(lead.placeId)) rejected.push(lead.placeId);
    }
    return { admitted, rejected };
  };

  // Leads held back earlier whose site has been screened since come first (unless the owner has
  // meanwhile sent the company in /v1/known).
  await expireHeld(db, now, tenantId);
  const held = await screenedHeldLeads(db, tenantId, now);
  held.forEach(({ lead }) => seen.add(lead.placeId));
  const heldDeduped = await dropKnown(db, tenantId, held.map(({ lead, screening }) => applyScreening(lead, screening)), new Set(taken));
  const refusedHeld = [...heldDeduped.duplicates];
  const heldOperators = new Map(held.flatMap(({ lead, screening }) => (screening.operator ? [[lead.placeId, screening.operator] as const] : [])));
  const heldFresh = new Map(heldDeduped.fresh.map((entry) => [entry.lead.placeId, entry]));
  const heldReady: Lead[] = [];
  for (const { lead } of heldDeduped.fresh) {
    if (profile.excludeRefusing && lead.screening.verdict === 'refuses') refusedHeld.push(lead.placeId);
    else heldReady.push(lead);
  }
  // A held lead whose count could not be fetched stays held (until its hold expires) and is tried again.
  const heldAdmitted = await admit(heldReady, heldOperators);
  for (const lead of heldAdmitted.admitted) take({ lead, hashes: heldFresh.get(lead.placeId)?.hashes ?? [] });
  await releaseHeld(db, tenantId, [], [...refusedHeld, ...heldAdmitted.rejected]);

  let failed = 0;
  let waitingForScreening = 0;
  let budgetReached = false;
  let rateLimited: RateLimited | null = null;
  let placesDown = false;
  let unconfirmed = 0;
  let exhausted = false;
  const employeesBounded = profile.employeesMin != null || profile.employeesMax != null;
  const cellsByQuery = new Map<string, Map<string, CellState>>();

  for (let round = 0; round < MAX_ROUNDS && leads.length < wanted && !budgetReached && !rateLimited && !placesDown; round++) {
    // dedupe (by place id): candidates the tenant was never offered, reserved or skipped.
    const candidates = await gatherCandidates(db, tenantId, specs, profile.newOnly, (wanted - leads.length) * 2 + 4, seen);
    if (candidates.length === 0) {
      exhausted = true;
      break;
    }
    candidates.forEach((c) => seen.add(c.placeId));

    // detail: the cheapest way, per cell.
    const fetched = await detailCandidates(db, places, candidates, cellsByQuery);
    failed += fetched.failed.size;
    budgetReached ||= fetched.budgetReached;
    rateLimited ??= fetched.rateLimited;
    placesDown ||= fetched.unavailable;

    const skipped: string[] = [...fetched.gone];
    const passing: Lead[] = [];
    for (const candidate of candidates) {
      let place: Place | undefined = fetched.places.get(candidate.placeId);
      if (!place) continue;
      if (place.businessStatus === 'CLOSED_PERMANENTLY') {
        // Follow a move to the new id (when the tenant was not offered it already); drop closures.
        skipped.push(candidate.placeId);
        const moved = await followMove(places, place);
        if (!moved?.id || seen.has(moved.id)) continue;
        seen.add(moved.id);
        place = moved;
      }
      const judged = await judge(candidate, place, { tenantId, profile, day, missRate: missRates.get(candidate.spec.queryKey) ?? null });
      if (judged.kind === 'lead') passing.push(judged.lead);
      else if (judged.kind === 'skip') skipped.push(judged.placeId);
      else unconfirmed++;
    }

    // dedupe: what the owner already has never comes back. (Before screening: no site is read
    // for a company that would be dropped anyway.)
    const deduped = await dropKnown(db, tenantId, passing, new Set(taken));
    skipped.push(...deduped.duplicates);
    const hashesOf = new Map(deduped.fresh.map((entry) => [entry.lead.placeId, entry.hashes]));
    const entry = (lead: Lead) => ({ lead, hashes: hashesOf.get(lead.placeId) ?? [] });

    // screen: 営業お断り. Refusing sites are never offered; unscreened ones wait when that matters.
    const { screened, pending, operators } = await screenLeads({ db, now, ...deps.screen }, deduped.fresh.map((e) => e.lead));
    const ready: Lead[] = [];
    for (const lead of screened) {
      if (profile.excludeRefusing && lead.screening.verdict === 'refuses') skipped.push(lead.placeId);
      else ready.push(lead);
    }
    if (profile.excludeRefusing) {
      await holdLeads(db, tenantId, pending, now);
      waitingForScreening += pending.length;
    } else {
      ready.push(...pending.map(({ lead }) => lead));
    }

    // enrich: employee counts from gBizINFO (by what the site says of its operator, else by name),
    // then the employee rule.
    const admitted = await admit(ready, operators);
    skipped.push(...admitted.rejected);
    for (const lead of admitted.admitted) take(entry(lead));
    await skipPlaces(db, tenantId, skipped);
  }

  if (leads.length === 0 && rateLimited && !budgetReached) {
    // Nothing could be done within the per-minute cap: come back when it allows more.
    throw placesRateLimited(rateLimited);
  }
  if (leads.length === 0 && failed > 0 && !budgetReached) {
    // Nothing to show because the Places API failed: say so, rather than store an empty batch.
    throw new ApiError(502, 'PLACES_UNAVAILABLE', 'The Places API did not answer; no leads could be read. Try again later.');
  }
  if (failed > 0) {
    notices.push({ code: 'PLACES_PARTIAL', message: `${failed} place(s) could not be read from the Places API and were left for the next pull.` });
  }
  if (budgetReached) {
    notices.push({ code: 'BUDGET_REACHED', message: "Today's Places budget is spent; more leads come tomorrow." });
  }
  if (rateLimited) {
    notices.push({ code: 'RATE_LIMITED', message: 'Many searches in a short time: Places requests are paused for a moment; the rest comes with a later pull.' });
  }
  if (employeesBounded && !employeeCountsAvailable) {
    notices.push({
      code: 'EMPLOYEES_UNAVAILABLE',
      message: 'Employee counts are unavailable (no gBizINFO token configured); the employee filter was not applied.',
    });
  }
  if (employeesFailed > 0) {
    notices.push({ code: 'EMPLOYEES_PARTIAL', message: `Employee counts of ${employeesFailed} lead(s) could not be fetched from gBizINFO; they are looked up again next time.` });
  }
  if (waitingForScreening > 0) {
    notices.push({
      code: 'SCREENING_PENDING',
      message: `${waitingForScreening} lead(s) wait for their website's 営業お断り check and come with a later pull.`,
    });
  }
  if (unconfirmed > 0) {
    notices.push({ code: 'NEW_UNCONFIRMED', message: `${unconfirmed} possibly new place(s) wait for tomorrow's search to confirm them.` });
  }
  const finished = exhausted && sweepsComplete && failed === 0 && !budgetReached && !rateLimited && waitingForScreening === 0;
  const state: PullState = leads.length >= wanted ? 'ready' : finished ? 'exhausted' : 'partial';
  if (state === 'exhausted') notices.push(exhaustedNotice(profile.newOnly, leads.length > 0));
  return { leads, keyHashes: [...taken], state, notices };
}

type Candidate = CandidateRow & { spec: QuerySpec };

async function gatherCandidates(
  db: D1Database,
  tenantId: string,
  specs: QuerySpec[],
  newOnly: boolean,
  need: number,
  seen: ReadonlySet<string>,
): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const spec of specs) {
    for (const row of await candidatesFor(db, tenantId, spec.queryKey, { newOnly, limit: need + seen.size })) {
      if (!seen.has(row.placeId) && candidates.length < need) candidates.push({ ...row, spec });
    }
  }
  return candidates;
}

/** Plans (per cell: full-field pages or Details) and fetches the candidates' lead fields. */
async function detailCandidates(
  db: D1Database,
  places: PlacesClient,
  candidates: Candidate[],
  cellsByQuery: Map<string, Map<string, CellState>>,
) {
  const pageCells = new Map<string, PageCell>();
  const needs = new Map<string, CellNeed>();
  for (const candidate of candidates) {
    let cells = cellsByQuery.get(candidate.spec.queryKey);
    if (!cells) cellsByQuery.set(candidate.spec.queryKey, (cells = await getCells(db, candidate.spec.queryKey)));
    const key = `${candidate.spec.queryKey}#${candidate.cellKey}`;
    const cell = cells.get(candidate.cellKey);
    const need = needs.get(key) ?? { cellKey: key, totalIds: cell?.placeCount ?? 60, wanted: [] };
    need.wanted.push(candidate.placeId);
    needs.set(key, need);
    if (cell && !pageCells.has(key)) {
      pageCells.set(key, { rect: cell.rect, textQuery: candidate.spec.textQuery, includedType: candidate.spec.includedType });
    }
  }
  return fetchPlanned(places, planDetails([...needs.values()]), pageCells, new Set(candidates.map((c) => c.placeId)));
}

type Judged = { kind: 'lead'; lead: Lead } | { kind: 'skip'; placeId: string } | { kind: 'wait' };

/** newness → lead → filter, for one detailed place. Pure but for the lead id's hash. */
async function judge(
  candidate: Candidate,
  place: Place,
  context: { tenantId: string; profile: SearchProfile; day: string; missRate: number | null },
): Promise<Judged> {
  const placeId = place.id ?? candidate.placeId;
  const verdict = newness({
    priorCompleteSweeps: candidate.priorCompleteSweeps,
    sightings: candidate.sightings,
    reviewCount: place.userRatingCount ?? 0,
    openingDate: openingDate(place),
    today: context.day,
    sweepMissRate: context.missRate,
  });
  // Not confirmed yet: neither offered nor skipped, so the next sweep can confirm it.
  if (context.profile.newOnly && verdict === 'unconfirmed') return { kind: 'wait' };
  if (context.profile.newOnly && verdict !== 'new') return { kind: 'skip', placeId };
  const lead = placeToLead(place, { placeId, area: candidate.spec.area, industry: candidate.spec.industry }, {
    leadId: await leadId(context.tenantId, placeId),
    firstSeen: candidate.firstSeen,
    newlyListed: verdict === 'new',
  });
  // filter: the profile's rules; a rejected place is not paid for again.
  // (The employee rule waits for enrichment.)
  if (!lead || !filterLead(lead, placeTypes(place), context.profile, { employeeCountsAvailable: false }).pass) return { kind: 'skip', placeId };
  return { kind: 'lead', lead };
}

export function exhaustedNotice(newOnly: boolean, servedSome: boolean): Notice {
  if (newOnly) {
    return servedSome
      ? { code: 'NO_MORE_NEW_LISTINGS', message: 'That is every newly listed place found so far.' }
      : { code: 'NO_NEW_LISTINGS', message: 'No newly listed places since the last search; new ones appear as Maps lists them.' };
  }
  return servedSome
    ? { code: 'NO_MORE_LEADS', message: 'Every place matching the profile has now been offered; widen the areas or industries for more.' }
    : { code: 'NO_MORE_LEADS', message: 'Every place matching the profile has been offered; widen the areas or industries.' };
}

const openingDate = (place: Place): string | null => {
  const date = place.openingDate;
  if (!date?.year || !date.month || !date.day) return null;
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
};

/** Places failures that survive the client's retries become clear API errors. */
async function withPlacesErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof BudgetExceeded) throw new ApiError(429, 'BUDGET_REACHED', "Today's Places budget is spent; try again tomorrow.");
    if (err instanceof RateLimited) throw placesRateLimited(err);
    if (!(err instanceof PlacesError)) throw err;
    if (err.httpStatus === 429) throw new ApiError(503, 'PLACES_RATE_LIMITED', 'The Places API is rate limiting requests; try again in a few minutes.', { 'Retry-After': '60' });
    if (err.httpStatus === 403) throw new ApiError(502, 'PLACES_FORBIDDEN', 'The Places API refused the API key (check GOOGLE_MAPS_API_KEY).');
    throw new ApiError(502, 'PLACES_UNAVAILABLE', `The Places API failed: ${err.status}.`);
  }
}

const placesRateLimited = (err: RateLimited): ApiError =>
  rateLimitedError(
    err.retryAfterSeconds,
    `Too many Places requests for this sheet (at most ${err.limit} a minute); try again in ${err.retryAfterSeconds} seconds.`,
  );
