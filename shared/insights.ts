// The insight engine: from the owner's verdicts (成約 / 失注 + reason / 保留) and each lead's segment
// attributes, filter changes the numbers support. Pure; shared by the API (GET /v1/insights), the
// add-on (its 分析 tab) and the CLI (`tsugi insights`).
//
// Method. Only decided leads (won or refused) enter a comparison; held ones are counted, never
// tested. Each field is one question with candidate segments: employees ≤ t (→ employeesMin) and
// ≥ t (→ employeesMax) for every threshold in the data; employee count unknown; each industry;
// each area; listings that are not new; rating ≤ r; reviews ≤ t and ≥ t. Unknown values are their
// own group: a lead whose employees are unknown is never in "≤ t" or "≥ t". A segment is a
// candidate only when it and the rest both have `minSegment` decided leads. Per field, the
// statistic is the largest signed likelihood-ratio root (how much worse the segment wins than the
// rest) over its candidates;
// its p-value comes from 1,000 seeded permutations of the outcomes among that field's leads (so
// picking the best of many thresholds is paid for), or from Fisher's exact test when the field
// has one candidate. The fields' p-values are adjusted by Holm's method: the chance of suggesting
// anything at all from pure noise is at most `alpha` (5 %). A significant field yields one
// suggestion — its best segment, preferring a round threshold among those nearly as telling —
// when the rest wins at least `minEffect` (15 points) more often and the profile lacks it.
import type { OutcomeReason, OutcomeStatus, SearchProfile, Segment } from './contract.ts';
import { fisherLess, holm, seededRandom, shuffleInPlace } from './stats.ts';

type Reason = OutcomeReason;

export interface OutcomeRecord {
  status: OutcomeStatus;
  reason: OutcomeReason | null;
  segment: Segment;
}

export type Dimension = 'employees' | 'employeesUnknown' | 'industry' | 'area' | 'newListing' | 'rating' | 'reviews';

export interface Counts {
  /** won + rejected */
  decided: number;
  won: number;
  rejected: number;
  held: number;
  /** won / decided, null when nothing was decided. */
  winRate: number | null;
}

/** One row of the 分析 table: a value or band of one attribute, with its counts and reasons. */
export interface SegmentRow extends Counts {
  dimension: 'employees' | 'industry' | 'area' | 'newListing' | 'newlyEstablished' | 'rating' | 'reviews';
  /** e.g. 「6〜10 人」「不明」「美容室」「新着」 */
  label: string;
  labelEn: string;
  reasons: Record<OutcomeReason, number>;
}

export interface Support {
  /** The segment the suggestion is about, in Japanese (「従業員 10 人以下」) and English. */
  segment: string;
  segmentEn: string;
  inSegment: Counts;
  outside: Counts;
  /** The most frequent refusal reason inside the segment. */
  dominantReason: { reason: OutcomeReason; count: number } | null;
  /** The field's one-sided p-value (permutation, or Fisher exact), and after Holm's adjustment over the fields tested. */
  pValue: number;
  adjustedPValue: number;
  /** How many fields the adjustment was over. */
  tests: number;
}

export interface Suggestion {
  /** Stable key of the change, e.g. `employeesMin=11` (the add-on records what it applied). */
  id: string;
  /** The profile fields to set (arrays are the whole new list). */
  change: Partial<SearchProfile>;
  support: Support;
  /** One sentence with the numbers behind it. */
  message: string;
  messageEn: string;
}

export interface Insights {
  suggestions: Suggestion[];
  segments: SegmentRow[];
  totals: Counts;
  method: { test: 'permutation-max-lr-one-sided'; correction: 'holm'; alpha: number; minSegment: number; minEffect: number };
}

export interface InsightOptions {
  /** Family-wise error rate (default 0.05). */
  alpha?: number;
  /** Decided leads needed on each side of a comparison (default 10). */
  minSegment?: number;
  /** The rest's win rate must exceed the segment's by at least this much (default 0.15). */
  minEffect?: number;
  /** The current profile: changes it already has are not suggested, lists are extended. */
  profile?: SearchProfile | null;
}

export const INSIGHT_DEFAULTS = { alpha: 0.05, minSegment: 10, minEffect: 0.15 } as const;



const REASONS: readonly Reason[] = ['budget', 'industry', 'timing', 'competitor', 'other'];
const REASON_JA: Record<Reason, string> = { budget: '予算', industry: '業種', timing: 'タイミング', competitor: '他社', other: 'その他' };
const REASON_EN: Record<Reason, string> = { budget: 'budget', industry: 'industry', timing: 'timing', competitor: 'a competitor', other: 'other reasons' };
const PERMUTATIONS = 1000;
const PERMUTATION_SEED = 20261124;

// ---------------------------------------------------------------------------------------------
// Families of comparisons. A family is one question ("is there an employee count below which
// leads do worse?"), asked of the decided leads that have a value for it; its members are the
// candidate segments (each threshold, each industry). Records fall into ordered groups (distinct
// values, or categories); a member is a contiguous range of groups.

interface Member {
  from: number;
  to: number;
  /** The threshold the owner will read (10 in 「10 人以下」), for preferring round ones. */
  boundary?: number;
  /** The suggestion this member makes, or null when the profile already has it. */
  change: Partial<SearchProfile> | null;
  segment: string;
  segmentEn: string;
  /** Japanese and English advice, after the numbers (「従業員数の下限を 11 人にしましょう」). */
  advice: string;
  adviceEn: string;
  key: string;
}

interface Family {
  records: OutcomeRecord[];
  groupOf: Int32Array;
  groups: number;
  members: Member[];
}

const isDecided = (record: OutcomeRecord) => record.status !== 'held';
const fold = (text: string) => text.normalize('NFKC').trim().toLowerCase();

function counts(records: OutcomeRecord[]): Counts {
  let won = 0;
  let rejected = 0;
  let held = 0;
  for (const record of records) {
    if (record.status === 'won') won++;
    else if (record.status === 'rejected') rejected++;
    else held++;
  }
  return { decided: won + rejected, won, rejected, held, winRate: won + rejected > 0 ? won / (won + rejected) : null };
}

function reasonCounts(records: OutcomeRecord[]): Record<Reason, number> {
  const tally = Object.fromEntries(REASONS.map((reason) => [reason, 0])) as Record<Reason, number>;
  for (const record of records) if (record.status === 'rejected' && record.reason) tally[record.reason]++;
  return tally;
}

/** Groups records by a numeric value, ascending; members are the thresholds either way. */
function orderedFamily(
  records: OutcomeRecord[],
  value: (record: OutcomeRecord) => number | null,
  low: ((below: number, next: number) => Omit<Member, 'from' | 'to'>) | null,
  high: ((above: number, previous: number) => Omit<Member, 'from' | 'to'>) | null,
): Family[] {
  const known = records.filter((record) => value(record) !== null);
  const values = [...new Set(known.map((record) => value(record)!))].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const groupOf = Int32Array.from(known, (record) => index.get(value(record)!)!);
  const families: Family[] = [];
  if (low) families.push({ records: known, groupOf, groups: values.length, members: values.slice(0, -1).map((v, g) => ({ from: 0, to: g, ...low(v, values[g + 1]!) })) });
  if (high) families.push({ records: known, groupOf, groups: values.length, members: values.slice(1).map((v, i) => ({ from: i + 1, to: values.length - 1, ...high(v, values[i]!) })) });
  return families;
}

/** Groups records by a category; each category is a member. */
function categoryFamily(records: OutcomeRecord[], category: (record: OutcomeRecord) => string | null, member: (value: string) => Omit<Member, 'from' | 'to'> | null): Family {
  const known = records.filter((record) => category(record) !== null);
  const labels = new Map<string, { index: number; label: string }>();
  for (const record of known) {
    const label = category(record)!;
    if (!labels.has(fold(label))) labels.set(fold(label), { index: labels.size, label });
  }
  const groupOf = Int32Array.from(known, (record) => labels.get(fold(category(record)!))!.index);
  const members = [...labels.values()].flatMap(({ index, label }) => {
    const made = member(label);
    return made ? [{ from: index, to: index, ...made }] : [];
  });
  return { records: known, groupOf, groups: labels.size, members };
}

// ---------------------------------------------------------------------------------------------
// Testing a family: the largest signed likelihood-ratio root of "the segment wins less than the rest" over its eligible
// members, its p-value by permuting the outcomes among the family's records (exact for a family
// of one: Fisher), so choosing the best threshold among many is paid for.

interface Tested {
  family: Family;
  member: Member;
  inSegment: OutcomeRecord[];
  outside: OutcomeRecord[];
  pValue: number;
}

function worseBy(segWon: number, segN: number, restWon: number, restN: number): number {
  // Signed root of the likelihood-ratio (G) statistic of one win rate against two.
  const xlogy = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(x / y));
  const n = segN + restN;
  const won = segWon + restWon;
  const lost = n - won;
  const segLost = segN - segWon;
  const restLost = restN - restWon;
  const g =
    2 *
    (xlogy(segWon, (segN * won) / n) + xlogy(segLost, (segN * lost) / n) + xlogy(restWon, (restN * won) / n) + xlogy(restLost, (restN * lost) / n));
  const sign = restWon / restN - segWon / segN;
  return sign >= 0 ? Math.sqrt(Math.max(0, g)) : -Math.sqrt(Math.max(0, g));
}

/**
 * How round a threshold reads: owners think in 「10 人以下」 or 「50 件未満」, not 12 — a whole
 * number counts as round, and half as much when the next one is (≤ 9 reads as < 10).
 */
function roundness(value: number | undefined): number {
  if (value === undefined) return 0;
  if (Number.isInteger(value)) return roundOnly(value) + roundOnly(value + 1) / 2;
  return roundOnly(value);
}

function roundOnly(value: number): number {
  if (Number.isInteger(value)) return value % 100 === 0 ? 4 : value % 50 === 0 ? 3 : value % 10 === 0 ? 2 : value % 5 === 0 ? 1 : 0;
  return Math.abs(value * 2 - Math.round(value * 2)) < 1e-9 ? 1 : 0;
}

function testFamily(family: Family, minSegment: number, alpha: number): Tested | null {
  const n = family.records.length;
  const sizes = new Int32Array(family.groups + 1);
  for (let i = 0; i < n; i++) sizes[family.groupOf[i]! + 1]!++;
  for (let g = 0; g < family.groups; g++) sizes[g + 1]! += sizes[g]!;
  const eligible = family.members.filter((member) => {
    const segment = sizes[member.to + 1]! - sizes[member.from]!;
    return segment >= minSegment && n - segment >= minSegment;
  });
  if (eligible.length === 0) return null;

  const won = Uint8Array.from(family.records, (record) => (record.status === 'won' ? 1 : 0));
  const totalWon = won.reduce((sum, v) => sum + v, 0);
  const wins = new Int32Array(family.groups + 1);
  const statOf = new Float64Array(eligible.length);
  /** The statistic of every eligible member for these labels, and the largest. */
  const score = (labels: Uint8Array): number => {
    wins.fill(0);
    for (let i = 0; i < n; i++) if (labels[i]) wins[family.groupOf[i]! + 1]!++;
    for (let g = 0; g < family.groups; g++) wins[g + 1]! += wins[g]!;
    let top = -Infinity;
    eligible.forEach((member, m) => {
      const segN = sizes[member.to + 1]! - sizes[member.from]!;
      const segWon = wins[member.to + 1]! - wins[member.from]!;
      statOf[m] = worseBy(segWon, segN, totalWon - segWon, n - segN);
      if (statOf[m]! > top) top = statOf[m]!;
    });
    return top;
  };
  const observed = score(won);
  // Of the members nearly as telling as the best (within 5 %), the roundest threshold, then the
  // strongest: with a few leads per value the best split wanders by a value or two around the
  // true one (on planted histories of 400 leads, ≤ 10 is found exactly in 17 of 20 draws, 12 without this).
  let chosen = -1;
  eligible.forEach((member, m) => {
    if (statOf[m]! < observed - 0.05 * Math.abs(observed)) return;
    if (chosen < 0) return void (chosen = m);
    const better = roundness(member.boundary) - roundness(eligible[chosen]!.boundary) || statOf[m]! - statOf[chosen]!;
    if (better > 0) chosen = m;
  });
  const member = eligible[chosen]!;
  const inside = (i: number) => family.groupOf[i]! >= member.from && family.groupOf[i]! <= member.to;
  const inSegment = family.records.filter((_, i) => inside(i));
  const outside = family.records.filter((_, i) => !inside(i));

  let pValue: number;
  if (eligible.length === 1) {
    const seg = counts(inSegment);
    const rest = counts(outside);
    pValue = fisherLess(seg.won, seg.rejected, rest.won, rest.rejected);
  } else {
    // The family's largest statistic, against its distribution when outcomes fall at random.
    const labels = Uint8Array.from(won);
    const random = seededRandom(PERMUTATION_SEED);
    let atLeast = 0;
    let runs = 0;
    while (runs < PERMUTATIONS) {
      shuffleInPlace(labels as unknown as number[], random);
      runs++;
      if (score(labels) >= observed - 1e-9) atLeast++;
      // Once past α no adjustment can make the family significant: stop.
      if ((atLeast + 1) / (PERMUTATIONS + 1) > alpha) break;
    }
    pValue = (atLeast + 1) / (runs + 1);
  }
  return { family, member, inSegment, outside, pValue };
}

// ---------------------------------------------------------------------------------------------

const pct = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

export function computeInsights(outcomes: OutcomeRecord[], options: InsightOptions = {}): Insights {
  const alpha = options.alpha ?? INSIGHT_DEFAULTS.alpha;
  const minSegment = options.minSegment ?? INSIGHT_DEFAULTS.minSegment;
  const minEffect = options.minEffect ?? INSIGHT_DEFAULTS.minEffect;
  const profile = options.profile ?? null;
  const decided = outcomes.filter(isDecided);

  const families: Family[] = [
    ...orderedFamily(
      decided,
      (r) => r.segment.employees,
      (t) => ({
        boundary: t,
        key: `employeesMin=${t + 1}`,
        change: profile?.employeesMin != null && profile.employeesMin >= t + 1 ? null : { employeesMin: t + 1 },
        segment: `従業員 ${t} 人以下`,
        segmentEn: `firms with ≤ ${t} employees`,
        advice: `従業員数の下限を ${t + 1} 人にしましょう`,
        adviceEn: `set the minimum to ${t + 1}`,
      }),
      (t) => ({
        boundary: t,
        key: `employeesMax=${t - 1}`,
        change: profile?.employeesMax != null && profile.employeesMax <= t - 1 ? null : { employeesMax: t - 1 },
        segment: `従業員 ${t} 人以上`,
        segmentEn: `firms with ≥ ${t} employees`,
        advice: `従業員数の上限を ${t - 1} 人にしましょう`,
        adviceEn: `set the maximum to ${t - 1}`,
      }),
    ),
    categoryFamily(
      decided,
      (r) => (r.segment.employees === null ? 'unknown' : 'known'),
      (value) =>
        value === 'unknown'
          ? {
              key: 'includeUnknownEmployees=false',
              change: profile?.includeUnknownEmployees === false ? null : { includeUnknownEmployees: false },
              segment: '従業員数が不明な会社',
              segmentEn: 'firms whose employee count is unknown',
              advice: '従業員数が不明な会社を除きましょう',
              adviceEn: 'leave out firms whose employee count is unknown',
            }
          : null,
    ),
    categoryFamily(decided, (r) => r.segment.industry, (industry) => {
      const excluded = profile?.excludeIndustries ?? [];
      return {
        key: `excludeIndustries+=${industry}`,
        change: excluded.some((e) => fold(e) === fold(industry)) ? null : { excludeIndustries: [...excluded, industry] },
        segment: `業種「${industry}」`,
        segmentEn: `the industry “${industry}”`,
        advice: `業種「${industry}」を除きましょう`,
        adviceEn: `exclude “${industry}”`,
      };
    }),
    categoryFamily(decided, (r) => r.segment.area, (area) => {
      const excluded = profile?.excludeAreas ?? [];
      return {
        key: `excludeAreas+=${area}`,
        change: excluded.some((e) => fold(e) === fold(area)) ? null : { excludeAreas: [...excluded, area] },
        segment: `エリア「${area}」`,
        segmentEn: `the area “${area}”`,
        advice: `エリア「${area}」を除きましょう`,
        adviceEn: `exclude “${area}”`,
      };
    }),
    categoryFamily(
      decided,
      (r) => (r.segment.newListing === null ? null : r.segment.newListing ? 'new' : 'old'),
      (value) =>
        value === 'old'
          ? {
              key: 'newOnly=true',
              change: profile?.newOnly ? null : { newOnly: true },
              segment: '新規掲載でない会社',
              segmentEn: 'businesses that are not newly listed',
              advice: '新規掲載のみ（差分モード）にしましょう',
              adviceEn: 'switch to new listings only',
            }
          : null,
    ),
    ...orderedFamily(
      decided,
      (r) => r.segment.rating,
      (r, next) => ({
        boundary: next,
        key: `minRating=${next}`,
        change: profile?.minRating != null && profile.minRating >= next ? null : { minRating: next },
        segment: `評価 ${r} 以下`,
        segmentEn: `a rating of ${r} or less`,
        advice: `評価の下限を ${next} にしましょう`,
        adviceEn: `set the minimum rating to ${next}`,
      }),
      null,
    ),
    ...orderedFamily(
      decided,
      (r) => r.segment.reviews,
      (t) => ({
        boundary: t,
        key: `minReviews=${t + 1}`,
        change: profile?.minReviews != null && profile.minReviews >= t + 1 ? null : { minReviews: t + 1 },
        segment: `口コミ ${t} 件以下`,
        segmentEn: `${t} reviews or fewer`,
        advice: `口コミ数の下限を ${t + 1} 件にしましょう`,
        adviceEn: `set the minimum reviews to ${t + 1}`,
      }),
      (t) => ({
        boundary: t,
        key: `maxReviews=${t - 1}`,
        change: profile?.maxReviews != null && profile.maxReviews <= t - 1 ? null : { maxReviews: t - 1 },
        segment: `口コミ ${t} 件以上`,
        segmentEn: `${t} reviews or more`,
        advice: `口コミ数の上限を ${t - 1} 件にしましょう`,
        adviceEn: `set the maximum reviews to ${t - 1}`,
      }),
    ),
  ];

  const tested = families.flatMap((family) => testFamily(family, minSegment, alpha) ?? []);
  const adjusted = holm(tested.map((t) => t.pValue));
  const suggestions: Suggestion[] = [];
  tested.forEach((test, i) => {
    const inSegment = counts(test.inSegment);
    const outside = counts(test.outside);
    const effect = (outside.winRate ?? 0) - (inSegment.winRate ?? 0);
    if (adjusted[i]! > alpha || effect < minEffect || !test.member.change) return;
    if (conflicts(test.member.change, profile)) return;
    const reasons = reasonCounts(test.inSegment);
    const top = REASONS.reduce<Reason | null>((best, reason) => (reasons[reason] > (best ? reasons[best] : 0) ? reason : best), null);
    const dominantReason = top ? { reason: top, count: reasons[top] } : null;
    const { member } = test;
    const reasonJa = dominantReason ? `、失注 ${inSegment.rejected} 件のうち「${REASON_JA[dominantReason.reason]}」が ${dominantReason.count} 件` : '';
    const reasonEn = dominantReason ? `; ${dominantReason.count} of ${inSegment.rejected} refusals were for ${REASON_EN[dominantReason.reason]}` : '';
    suggestions.push({
      id: member.key,
      change: member.change!,
      support: {
        segment: member.segment,
        segmentEn: member.segmentEn,
        inSegment,
        outside,
        dominantReason,
        pValue: test.pValue,
        adjustedPValue: adjusted[i]!,
        tests: tested.length,
      },
      message: `${member.segment}: ${inSegment.decided} 件中 成約 ${inSegment.won} 件（${pct(inSegment.winRate)}、ほかは ${pct(outside.winRate)}）${reasonJa} → ${member.advice}。`,
      messageEn: `${capitalise(member.segmentEn)}: ${inSegment.won} won of ${inSegment.decided} (${pct(inSegment.winRate)}, others ${pct(outside.winRate)})${reasonEn} → ${member.adviceEn}.`,
    });
  });
  suggestions.sort((a, b) => a.support.adjustedPValue - b.support.adjustedPValue || b.support.inSegment.decided - a.support.inSegment.decided);

  return {
    suggestions,
    segments: segmentRows(outcomes),
    totals: counts(outcomes),
    method: { test: 'permutation-max-lr-one-sided', correction: 'holm', alpha, minSegment, minEffect },
  };
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function conflicts(change: Partial<SearchProfile>, profile: SearchProfile | null): boolean {
  const min = change.employeesMin ?? profile?.employeesMin ?? null;
  const max = change.employeesMax ?? profile?.employeesMax ?? null;
  const minReviews = change.minReviews ?? profile?.minReviews ?? null;
  const maxReviews = change.maxReviews ?? profile?.maxReviews ?? null;
  return (min !== null && max !== null && min > max) || (minReviews !== null && maxReviews !== null && minReviews > maxReviews);
}

// ---------------------------------------------------------------------------------------------
// The 分析 table: counts, win rates and reasons per value or band of each attribute.

const EMPLOYEE_BANDS: [number, number, string][] = [
  [1, 5, '1〜5 人'],
  [6, 10, '6〜10 人'],
  [11, 20, '11〜20 人'],
  [21, 50, '21〜50 人'],
  [51, 100, '51〜100 人'],
  [101, 300, '101〜300 人'],
  [301, Number.POSITIVE_INFINITY, '301 人以上'],
];
const RATING_BANDS: [number, number, string][] = [
  [0, 2.95, '3.0 未満'],
  [2.95, 3.45, '3.0〜3.4'],
  [3.45, 3.95, '3.5〜3.9'],
  [3.95, 4.45, '4.0〜4.4'],
  [4.45, 5.01, '4.5 以上'],
];
const REVIEW_BANDS: [number, number, string][] = [
  [0, 0, '0 件'],
  [1, 9, '1〜9 件'],
  [10, 49, '10〜49 件'],
  [50, 99, '50〜99 件'],
  [100, Number.POSITIVE_INFINITY, '100 件以上'],
];

function segmentRows(outcomes: OutcomeRecord[]): SegmentRow[] {
  const rows: SegmentRow[] = [];
  const add = (dimension: SegmentRow['dimension'], label: string, labelEn: string, records: OutcomeRecord[]) => {
    if (records.length > 0) rows.push({ dimension, label, labelEn, ...counts(records), reasons: reasonCounts(records) });
  };
  const unknown = (dimension: SegmentRow['dimension'], records: OutcomeRecord[]) => add(dimension, '不明', 'unknown', records);
  const toEn = (label: string) => label.replace('〜', '–').replace(' 人以上', '+ employees').replace(' 人', ' employees').replace(' 件以上', '+ reviews').replace(' 件', ' reviews').replace(' 未満', ' or less').replace(' 以上', ' or more');

  for (const [low, high, label] of EMPLOYEE_BANDS) {
    add('employees', label, toEn(label), outcomes.filter((o) => o.segment.employees !== null && o.segment.employees >= low && o.segment.employees <= high));
  }
  add('employees', '0 人', '0 employees', outcomes.filter((o) => o.segment.employees === 0));
  unknown('employees', outcomes.filter((o) => o.segment.employees === null));
  for (const dimension of ['industry', 'area'] as const) {
    const values = new Map<string, OutcomeRecord[]>();
    for (const outcome of outcomes) {
      const value = outcome.segment[dimension];
      if (value === null) continue;
      const key = fold(value);
      values.set(key, [...(values.get(key) ?? []), outcome]);
    }
    for (const records of [...values.values()].sort((a, b) => b.length - a.length)) add(dimension, records[0]!.segment[dimension]!, records[0]!.segment[dimension]!, records);
    unknown(dimension, outcomes.filter((o) => o.segment[dimension] === null));
  }
  add('newListing', '新着', 'new listing', outcomes.filter((o) => o.segment.newListing === true));
  add('newListing', '既存', 'not new', outcomes.filter((o) => o.segment.newListing === false));
  unknown('newListing', outcomes.filter((o) => o.segment.newListing === null));
  add('newlyEstablished', '新設（1 年以内）', 'established within a year', outcomes.filter((o) => o.segment.newlyEstablished === true));
  add('newlyEstablished', '設立 1 年超', 'established over a year ago', outcomes.filter((o) => o.segment.newlyEstablished === false));
  unknown('newlyEstablished', outcomes.filter((o) => o.segment.newlyEstablished == null));
  for (const [low, high, label] of RATING_BANDS) {
    add('rating', label, toEn(label), outcomes.filter((o) => o.segment.rating !== null && o.segment.rating >= low && o.segment.rating < high));
  }
  unknown('rating', outcomes.filter((o) => o.segment.rating === null));
  for (const [low, high, label] of REVIEW_BANDS) {
    add('reviews', label, toEn(label), outcomes.filter((o) => o.segment.reviews !== null && o.segment.reviews >= low && o.segment.reviews <= high));
  }
  unknown('reviews', outcomes.filter((o) => o.segment.reviews === null));
  return rows;
}
