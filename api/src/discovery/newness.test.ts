// 差分モード verdicts: baseline, jitter-missed old places, reopenings, moves, confirmation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SWEEP_MISS_RATE, MANY_REVIEWS, daysBetween, newness, type NewnessInput } from './newness.ts';

const TODAY = '2026-11-25';

/** A first sighting after one prior complete sweep, details read: no reviews, no opening date. */
function sighting(overrides: Partial<NewnessInput> = {}): NewnessInput {
  return { priorCompleteSweeps: 1, sightings: 1, reviewCount: 0, openingDate: null, today: TODAY, ...overrides };
}

describe('newness', () => {
  it('never calls anything in the baseline sweep of a cell new, whatever its signals', () => {
    expect(newness(sighting({ priorCompleteSweeps: 0, openingDate: TODAY }))).toBe('not-new');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.option(fc.integer({ min: 0, max: 5000 })), fc.option(fc.integer({ min: -400, max: 4000 })), (sightings, reviews, daysAgo) => {
        const openingDate = daysAgo === null ? null : new Date(Date.UTC(2026, 10, 25) - daysAgo * 86_400_000).toISOString().slice(0, 10);
        expect(newness({ priorCompleteSweeps: 0, sightings, reviewCount: reviews, openingDate, today: TODAY })).toBe('not-new');
      }),
    );
  });

  it('does not call an old place that the earlier sweeps missed (jitter) new', () => {
    // Established: many reviews, whatever the history.
    expect(newness(sighting({ reviewCount: 48 }))).toBe('not-new');
    expect(newness(sighting({ priorCompleteSweeps: 9, reviewCount: MANY_REVIEWS }))).toBe('not-new');
    // Few reviews but one prior sweep only (an old place escapes a sweep ~0.2 % of the time under
    // 10 % jitter): wait, and settle to not-new when the next sweep brings no signal.
    expect(newness(sighting({ reviewCount: 2 }))).toBe('unconfirmed');
    expect(newness(sighting({ reviewCount: 2, sightings: 2 }))).toBe('not-new');
    // An opening date years ago.
    expect(newness(sighting({ openingDate: '2019-04-01' }))).toBe('not-new');
  });

  it('does not call a reopened place new', () => {
    // Seen in the baseline long ago, absent for months, seen again: still its first sighting's history.
    expect(newness(sighting({ priorCompleteSweeps: 0, sightings: 2, reviewCount: 3 }))).toBe('not-new');
    // A new id for a reopening still carries the old opening date or reviews.
    expect(newness(sighting({ priorCompleteSweeps: 30, openingDate: '2021-06-01', reviewCount: 0 }))).toBe('not-new');
    expect(newness(sighting({ priorCompleteSweeps: 30, reviewCount: 25 }))).toBe('not-new');
  });

  it('does not call a moved place new when its reviews came along; a move with few reviews is left to dedupe', () => {
    expect(newness(sighting({ priorCompleteSweeps: 20, reviewCount: 137 }))).toBe('not-new');
    // 4–9 reviews on a brand-new id: more often a move than a new business: wait, then settle.
    expect(newness(sighting({ priorCompleteSweeps: 20, reviewCount: 6 }))).toBe('unconfirmed');
    expect(newness(sighting({ priorCompleteSweeps: 20, reviewCount: 6, sightings: 2 }))).toBe('not-new');
    // Indistinguishable from a new listing here; the tenant's phone/name keys catch it.
    expect(newness(sighting({ priorCompleteSweeps: 20, reviewCount: 0 }))).toBe('new');
  });

  it('is unconfirmed on a first sighting without a signal, and confirmed on the second when the signal arrives', () => {
    expect(newness(sighting())).toBe('unconfirmed');
    expect(newness(sighting({ sightings: 2, openingDate: '2026-11-20' }))).toBe('new');
    expect(newness(sighting({ sightings: 2 }))).toBe('not-new');
  });

  it('confirms a recent or announced opening date on its own', () => {
    expect(newness(sighting({ openingDate: '2026-11-22', reviewCount: 1 }))).toBe('new');
    expect(newness(sighting({ openingDate: '2026-12-03' }))).toBe('new');
    expect(newness(sighting({ openingDate: '2026-09-26' }))).toBe('new'); // 60 days back
    expect(newness(sighting({ openingDate: '2026-08-01' }))).toBe('unconfirmed'); // 116 days: neither
  });

  it('confirms few reviews on a strong history: two prior sweeps, or one measured as missing next to nothing', () => {
    expect(newness(sighting({ priorCompleteSweeps: 2, reviewCount: 3 }))).toBe('new');
    expect(newness(sighting({ priorCompleteSweeps: 1, reviewCount: 0, sweepMissRate: 1e-6 }))).toBe('new');
    expect(newness(sighting({ priorCompleteSweeps: 1, reviewCount: 0, sweepMissRate: DEFAULT_SWEEP_MISS_RATE }))).toBe('unconfirmed');
    // Heavy jitter (50 % per query, 3 passes: 1/8 per sweep) needs six sweeps of history.
    expect(newness(sighting({ priorCompleteSweeps: 5, reviewCount: 0, sweepMissRate: 0.125 }))).toBe('unconfirmed');
    expect(newness(sighting({ priorCompleteSweeps: 6, reviewCount: 0, sweepMissRate: 0.125 }))).toBe('new');
  });

  it('waits for the details before judging', () => {
    expect(newness(sighting({ priorCompleteSweeps: 10, reviewCount: null }))).toBe('unconfirmed');
    expect(newness(sighting({ priorCompleteSweeps: 10, reviewCount: undefined, sightings: 3 }))).toBe('unconfirmed');
  });

  it('never calls a place with many reviews new', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: MANY_REVIEWS, max: 10_000 }), (prior, sightings, reviews) => {
        expect(newness(sighting({ priorCompleteSweeps: prior, sightings, reviewCount: reviews, openingDate: TODAY }))).toBe('not-new');
      }),
    );
  });
});

describe('daysBetween', () => {
  it('counts calendar days, negative into the future, null for what is not a date', () => {
    expect(daysBetween('2026-11-20', TODAY)).toBe(5);
    expect(daysBetween('2026-12-01', TODAY)).toBe(-6);
    expect(daysBetween('2024-02-29', '2025-03-01')).toBe(366);
    expect(daysBetween('2026-02-30', TODAY)).toBeNull();
    expect(daysBetween('20261120', TODAY)).toBeNull();
  });
});
