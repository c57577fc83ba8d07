// 差分モード: is a place a new listing, or only new to us? A place first seen today may be a new
// business, or an old one every earlier sweep happened to miss (identical queries return
// different subsets), a business that moved (Google gives it a new id, reviews carried over), or
// one that reopened. Pure: the caller brings the sweep history and the details it read.
//
// The evidence, and why the thresholds are where they are (figures: the emulator's 渋谷区 salons,
// 3,400 live, ~33 new listings a day — about 1 % of the population a day):
//
// 1. Sweep history. The first complete sweep of a cell is the baseline: nothing in it is new.
//    After it, an old place is a first sighting only if every earlier complete sweep missed it.
//    A sweep re-queries each leaf until a pass adds nothing (3 passes under measurable jitter, see
//    sweep.ts), so with a per-query drop rate j one sweep misses a live place with probability
//    m ≈ j³: 0.001 at j = 10 % (measured: 1–6 of 3,400, so DEFAULT_SWEEP_MISS_RATE = 0.002), and
//    k prior sweeps all miss it with probability m^k. Old places among first sightings ≈ N·m^k,
//    new ones ≈ N·1 %: at k = 1 that is ~7 old to ~33 new (17 % false if all were believed); at
//    k = 2, 0.01 old to 33 new. The history is "strong" when m^k ≤ STRONG_HISTORY (10⁻⁵, i.e.
//    ≤ 0.1 % false before any signal). With a measured m (no jitter: m ≈ 0) one sweep can do.
//
// 2. Details. Old places: ~17 % have no reviews, ~31 % ≤ 3, 50 % ≥ 10; ~1 % have an openingDate in
//    the last 60 days, 9 % an older one. New listings: 0–3 reviews (54 % none), 66 % have an
//    openingDate within a week of their listing. So:
//      - openingDate within RECENT_OPENING_DAYS (or ahead): strong "new", a likelihood ratio of
//        ~50 — enough even against k = 1's odds (~7 × 1 % ≈ 0.1 false per 22 dated new: < 1 %).
//      - openingDate more than OLD_OPENING_DAYS ago, or ≥ MANY_REVIEWS reviews: not new. This also
//        catches most moved places (the new id keeps the old reviews) and reopenings.
//      - ≤ FEW_REVIEWS reviews: a weak signal. It separates new from old poorly (ratio ~1.5 for
//        none, ~3 for ≤ 3), so it confirms only on a strong history.
//      - 4–9 reviews, an openingDate 2–6 months back: nothing either way. A brand-new listing has
//        not had time to collect reviews; such an id is far more often a move than a new business.
//
// 3. Sightings. A second sighting cannot tell an old place missed before from a new one (both are
//    there tomorrow), so it never confirms on its own. 'unconfirmed' means "wait one sweep": the
//    details read then may carry a signal they lacked (an owner adds the opening date); if they do
//    not, the answer settles to 'not-new' so the caller stops paying for the same place's details.
//    Moved places with few reviews look new here; the tenant's dedupe keys (phone, name) catch
//    them, since the old place was offered already.

export interface NewnessInput {
  /** Complete sweeps of the place's cell BEFORE the sweep that first saw the place (0 = baseline). */
  priorCompleteSweeps: number;
  /** Sweeps that have seen the place (incl. the first). */
  sightings: number;
  /**
   * userRatingCount from the details, when known. Pass 0 when the details were read and Google
   * gave no count (it omits the field for a place without reviews); null/undefined = not read.
   */
  reviewCount?: number | null;
  /** openingDate from the details (YYYY-MM-DD), when Google has one. */
  openingDate?: string | null;
  /** Today (YYYY-MM-DD), the owner's calendar day. */
  today: string;
  /**
   * Probability that one complete sweep of the cell misses a live place, when measured
   * (`estimateSweepMissRate` of the prior sweeps, the largest); default DEFAULT_SWEEP_MISS_RATE.
   */
  sweepMissRate?: number | null;
}

export type Newness = 'new' | 'not-new' | 'unconfirmed';

/** An openingDate at most this many days back (or any day ahead) is a new listing's. */
export const RECENT_OPENING_DAYS = 60;
/** An openingDate further back than this says the business is not new. */
export const OLD_OPENING_DAYS = 180;
/** At most this many reviews: what a new listing has. */
export const FEW_REVIEWS = 3;
/** At least this many reviews: an established place (or one that moved, keeping its reviews). */
export const MANY_REVIEWS = 10;
/** One sweep's chance of missing a live place, unmeasured: 10 % jitter, 3 passes, with margin. */
export const DEFAULT_SWEEP_MISS_RATE = 0.002;
/** The history alone makes an old place unlikely enough when all prior sweeps missing it is rarer than this. */
export const STRONG_HISTORY = 1e-5;

export function newness(input: NewnessInput): Newness {
  const { priorCompleteSweeps: prior, sightings } = input;
  // Rule 0: the baseline sweep of a cell finds what already exists.
  if (!(prior > 0)) return 'not-new';

  const reviews = input.reviewCount ?? null;
  const openedDaysAgo = input.openingDate ? daysBetween(input.openingDate, input.today) : null;

  // Rule 1: strong contrary signals win over any history.
  if (reviews !== null && reviews >= MANY_REVIEWS) return 'not-new';
  if (openedDaysAgo !== null && openedDaysAgo > OLD_OPENING_DAYS) return 'not-new';

  // Rule 2: a recent (or announced) opening date confirms on its own.
  if (openedDaysAgo !== null && openedDaysAgo <= RECENT_OPENING_DAYS) return 'new';

  // Without details, nothing to judge by yet.
  if (reviews === null && openedDaysAgo === null) return 'unconfirmed';

  // Rule 3: few reviews confirm on a strong history.
  const missRate = input.sweepMissRate ?? DEFAULT_SWEEP_MISS_RATE;
  const strongHistory = Math.max(0, missRate) ** prior <= STRONG_HISTORY;
  if (reviews !== null && reviews <= FEW_REVIEWS && openedDaysAgo === null && strongHistory) return 'new';

  // Rule 4: otherwise wait one sweep for a signal; then settle.
  return sightings >= 2 ? 'not-new' : 'unconfirmed';
}

/** Whole days from `from` to `to` (YYYY-MM-DD); negative when `from` is later. Null if unreadable. */
export function daysBetween(from: string, to: string): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
}

function dayNumber(iso: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso.trim());
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const ms = Date.UTC(y, m - 1, d);
  const date = new Date(ms);
  // Reject dates that roll over (2026-02-30).
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return Math.round(ms / 86_400_000);
}
