// The insight engine on histories with planted patterns (each found, with the right threshold),
// pure noise (the share of histories with any suggestion stays below α), small samples and
// unknown employee counts.
import { describe, expect, it } from 'vitest';
import { SearchProfile } from './contract.ts';
import { computeInsights, INSIGHT_DEFAULTS, type OutcomeRecord } from './insights.ts';
import { seededRandom } from './stats.ts';

type SegmentAttributes = OutcomeRecord['segment'];
const INDUSTRIES = ['美容室', '歯科医院', '工務店', '税理士事務所'];
const AREAS = ['東京都渋谷区', '東京都新宿区', '東京都港区'];

/**
 * A seeded history of `n` leads with attributes drawn at random (a quarter with unknown
 * employees), a tenth held, the rest won with probability `winRate(segment)`; refusals are mostly
 * for budget in segments that win rarely.
 */
function history(n: number, seed: number, winRate: (s: SegmentAttributes) => number): OutcomeRecord[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const segment: SegmentAttributes = {
      employees: random() < 0.25 ? null : 1 + Math.floor(random() * 60),
      industry: INDUSTRIES[Math.floor(random() * INDUSTRIES.length)]!,
      area: AREAS[Math.floor(random() * AREAS.length)]!,
      newListing: random() < 0.3,
      rating: random() < 0.1 ? null : Math.round((3 + random() * 2) * 10) / 10,
      reviews: Math.floor(random() * 200),
    };
    if (random() < 0.1) return { status: 'held', reason: null, segment };
    const rate = winRate(segment);
    if (random() < rate) return { status: 'won', reason: null, segment };
    return { status: 'rejected', reason: rate < 0.15 && random() < 0.7 ? 'budget' : random() < 0.5 ? 'timing' : 'competitor', segment };
  });
}

const ids = (outcomes: OutcomeRecord[], profile?: SearchProfile) => computeInsights(outcomes, { profile }).suggestions.map((s) => s.id);
const BASE = 0.4;
const POOR = 0.05;

describe('planted patterns', () => {
  it('finds firms with ≤ 10 employees refusing for budget, and suggests the minimum 11', () => {
    const insights = computeInsights(history(400, 1, (s) => (s.employees !== null && s.employees <= 10 ? POOR : BASE)));
    const suggestion = insights.suggestions.find((s) => s.id === 'employeesMin=11');
    expect(suggestion, JSON.stringify(insights.suggestions.map((s) => s.id))).toBeDefined();
    expect(suggestion!.change).toEqual({ employeesMin: 11 });
    expect(suggestion!.support.dominantReason?.reason).toBe('budget');
    expect(suggestion!.support.adjustedPValue).toBeLessThanOrEqual(INSIGHT_DEFAULTS.alpha);
    expect(suggestion!.support.inSegment.winRate!).toBeLessThan(suggestion!.support.outside.winRate!);
    expect(suggestion!.message).toMatch(/^従業員 10 人以下: \d+ 件中 成約 \d+ 件（\d+%、ほかは \d+%）、失注 \d+ 件のうち「予算」が \d+ 件 → 従業員数の下限を 11 人にしましょう。$/);
    expect(suggestion!.messageEn).toContain('set the minimum to 11');
  });

  it('finds large firms doing badly, and suggests the maximum below them', () => {
    expect(ids(history(400, 2, (s) => (s.employees !== null && s.employees >= 40 ? POOR : BASE)))).toContain('employeesMax=39');
  });

  it('finds an industry and an area that refuse', () => {
    expect(ids(history(400, 3, (s) => (s.industry === '工務店' ? POOR : BASE)))).toContain('excludeIndustries+=工務店');
    expect(ids(history(400, 4, (s) => (s.area === '東京都港区' ? POOR : BASE)))).toContain('excludeAreas+=東京都港区');
  });

  it('finds that only new listings are won, and suggests 差分モード', () => {
    expect(ids(history(400, 5, (s) => (s.newListing ? 0.5 : 0.1)))).toContain('newOnly=true');
  });

  it('finds low ratings and few reviews doing badly, with their thresholds', () => {
    expect(ids(history(500, 6, (s) => (s.rating !== null && s.rating < 4 ? POOR : BASE)))).toContain('minRating=4');
    // Reviews take 200 values, 2–3 leads each: whether the few leads with exactly 50 reviews
    // belong below the line is the data's call («< 50» or «≤ 50»), both round for an owner.
    expect(ids(history(500, 7, (s) => (s.reviews !== null && s.reviews < 50 ? POOR : BASE))).filter((id) => id.startsWith('minReviews='))).toEqual([
      expect.stringMatching(/^minReviews=5[01]$/),
    ]);
  });

  it('extends the lists and skips what the profile already has', () => {
    const outcomes = history(400, 3, (s) => (s.industry === '工務店' ? POOR : BASE));
    const profile = SearchProfile.parse({ areas: ['東京都渋谷区'], industries: ['美容室'], excludeIndustries: ['ラーメン店'] });
    const suggestion = computeInsights(outcomes, { profile }).suggestions.find((s) => s.id === 'excludeIndustries+=工務店');
    expect(suggestion?.change).toEqual({ excludeIndustries: ['ラーメン店', '工務店'] });
    expect(ids(outcomes, { ...profile, excludeIndustries: ['工務店'] })).not.toContain('excludeIndustries+=工務店');
    const small = history(400, 1, (s) => (s.employees !== null && s.employees <= 10 ? POOR : BASE));
    expect(ids(small, { ...profile, employeesMin: 11 })).not.toContain('employeesMin=11');
  });
});

describe('pure noise', () => {
  it(`suggests nothing in more than α = ${INSIGHT_DEFAULTS.alpha} of 400 seeded histories where nothing matters`, () => {
    let withSuggestion = 0;
    for (let seed = 0; seed < 400; seed++) {
      const outcomes = history(seed % 2 ? 200 : 600, 1000 + seed, () => 0.3);
      if (computeInsights(outcomes).suggestions.length > 0) withSuggestion++;
    }
    const rate = withSuggestion / 400;
    expect(rate).toBeLessThan(INSIGHT_DEFAULTS.alpha);
  });
});

describe('small samples', () => {
  it('suggests nothing from a handful of verdicts, however one-sided', () => {
    const outcomes = history(18, 9, (s) => (s.employees !== null && s.employees <= 30 ? 0 : 1));
    expect(computeInsights(outcomes).suggestions).toEqual([]);
  });

  it('counts held leads but never tests them', () => {
    const held: OutcomeRecord[] = history(300, 10, () => BASE).map((o) => (o.segment.industry === '工務店' ? { ...o, status: 'held', reason: null } : o));
    expect(ids(held)).not.toContain('excludeIndustries+=工務店');
    const insights = computeInsights(held);
    expect(insights.totals.held).toBeGreaterThan(50);
    expect(insights.segments.find((row) => row.dimension === 'industry' && row.label === '工務店')?.winRate).toBeNull();
  });
});

describe('unknown employee counts', () => {
  it('keep their own group: a threshold is found among known counts only, and unknowns are judged apart', () => {
    const outcomes = history(500, 11, (s) => (s.employees === null ? POOR : s.employees <= 10 ? POOR : BASE));
    const insights = computeInsights(outcomes);
    const threshold = insights.suggestions.find((s) => s.id === 'employeesMin=11');
    const unknown = insights.suggestions.find((s) => s.id === 'includeUnknownEmployees=false');
    expect(threshold).toBeDefined();
    expect(unknown).toBeDefined();
    const knownSmall = outcomes.filter((o) => o.status !== 'held' && o.segment.employees !== null && o.segment.employees <= 10).length;
    expect(threshold!.support.inSegment.decided).toBe(knownSmall);
    expect(threshold!.support.inSegment.decided + threshold!.support.outside.decided).toBe(outcomes.filter((o) => o.status !== 'held' && o.segment.employees !== null).length);
  });

  it('when only the unknowns do badly, say that and nothing about thresholds', () => {
    const found = ids(history(500, 12, (s) => (s.employees === null ? POOR : BASE)));
    expect(found).toContain('includeUnknownEmployees=false');
    expect(found.filter((id) => id.startsWith('employeesMin') || id.startsWith('employeesMax'))).toEqual([]);
  });

  it('show as 不明 in the table, never merged into a band', () => {
    const outcomes = history(300, 13, () => BASE);
    const rows = computeInsights(outcomes).segments.filter((row) => row.dimension === 'employees');
    const unknown = rows.find((row) => row.label === '不明')!;
    expect(unknown.decided + unknown.held).toBe(outcomes.filter((o) => o.segment.employees === null).length);
    expect(rows.reduce((sum, row) => sum + row.decided + row.held, 0)).toBe(outcomes.length);
  });
});
