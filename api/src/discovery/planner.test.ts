// The detail planner: pages or Details per cell at the price boundary, the oracle floor, the masks.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES_USD_PER_1000, skuForPlaceDetails, skuForTextSearch } from '../places/sku.ts';
import { LEAD_FIELD_MASK, LEAD_SEARCH_FIELD_MASK, floorUsd, pagesFor, planDetails, type CellNeed } from './planner.ts';

/** A cell of `total` ids of which the first `wanted` are new to the tenant (unique per cell key). */
function cell(key: string, total: number, wanted: number): CellNeed {
  return { cellKey: key, totalIds: total, wanted: Array.from({ length: wanted }, (_, i) => `${key}-${i}`) };
}

describe('planDetails', () => {
  it('costs nothing for cells with nothing wanted', () => {
    expect(planDetails([cell('a', 60, 0), cell('b', 5, 0)])).toEqual({ pageCells: [], detailIds: [], estimatedUsd: 0 });
  });

  it('pages a cell of ≤ 20 places from 2 wanted on ($0.035 < 2 × $0.020), Details below', () => {
    expect(planDetails([cell('one', 20, 1)])).toMatchObject({ pageCells: [], detailIds: ['one-0'] });
    expect(planDetails([cell('two', 20, 2)])).toMatchObject({ pageCells: ['two'], detailIds: [] });
    expect(planDetails([cell('two', 20, 2)]).estimatedUsd).toBeCloseTo(0.035, 10);
  });

  it('pages a 2-page cell from 4 wanted on ($0.070 < $0.080), Details at 3 ($0.060)', () => {
    expect(planDetails([cell('c', 40, 3)])).toMatchObject({ pageCells: [], estimatedUsd: expect.closeTo(0.06, 10) });
    expect(planDetails([cell('c', 40, 4)])).toMatchObject({ pageCells: ['c'], estimatedUsd: expect.closeTo(0.07, 10) });
    expect(planDetails([cell('c', 41, 5)])).toMatchObject({ pageCells: [], detailIds: expect.any(Array) }); // 3 pages $0.105 > $0.100
    expect(planDetails([cell('c', 41, 6)])).toMatchObject({ pageCells: ['c'] }); // $0.105 < $0.120
  });

  it('breaks a tie towards Details, which never over-fetch', () => {
    const prices = { ...DEFAULT_PRICES_USD_PER_1000, text_search_enterprise: 40 };
    expect(planDetails([cell('t', 20, 2)], prices)).toMatchObject({ pageCells: [], detailIds: ['t-0', 't-1'], estimatedUsd: expect.closeTo(0.04, 10) });
  });

  it('never pages a capped cell, whose re-run would show only 60 of its places', () => {
    expect(pagesFor(61)).toBe(Number.POSITIVE_INFINITY);
    expect(planDetails([cell('dense', 80, 50)])).toMatchObject({ pageCells: [], estimatedUsd: expect.closeTo(1, 10) });
  });

  it('counts the Details a jittery re-run will still need when told the miss rate', () => {
    // 1 page $0.035 + 20 % × 2 × $0.020 = $0.043 > $0.040.
    expect(planDetails([cell('j', 20, 2)], undefined, { pageMissRate: 0.2 })).toMatchObject({ pageCells: [], detailIds: ['j-0', 'j-1'] });
    expect(planDetails([cell('j', 20, 10)], undefined, { pageMissRate: 0.2 })).toMatchObject({ pageCells: ['j'], estimatedUsd: expect.closeTo(0.035 + 0.04, 10) });
  });

  it('buys a place on a shared edge once, in the first cell that wants it', () => {
    const plan = planDetails([
      { cellKey: 'r0', totalIds: 30, wanted: ['edge'] },
      { cellKey: 'r1', totalIds: 30, wanted: ['edge', 'other'] },
    ]);
    expect(plan.detailIds.sort()).toEqual(['edge', 'other']);
    expect(plan.estimatedUsd).toBeCloseTo(0.04, 10);
  });

  it('is never dearer than all-Details or all-pages, and the floor is the least of every choice', () => {
    const cells = fc.array(
      fc.record({ total: fc.integer({ min: 0, max: 60 }), wanted: fc.integer({ min: 0, max: 60 }), pages: fc.boolean() }).map((c) => ({ ...c, wanted: Math.min(c.wanted, c.total) })),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(cells, (specs) => {
        const needs = specs.map((s, i) => cell(`k${i}`, s.total, s.wanted));
        const plan = planDetails(needs);
        const details = needs.reduce((sum, n) => sum + n.wanted.length * 0.02, 0);
        const pages = needs.reduce((sum, n) => sum + (n.wanted.length > 0 ? Math.ceil(n.totalIds / 20) * 0.035 : 0), 0);
        // Any other per-cell choice (here: the arbitrary `pages` flags).
        const other = needs.reduce((sum, n, i) => sum + (n.wanted.length === 0 ? 0 : specs[i]?.pages ? Math.ceil(n.totalIds / 20) * 0.035 : n.wanted.length * 0.02), 0);
        const floor = floorUsd(needs);
        expect(plan.estimatedUsd).toBeLessThanOrEqual(details + 1e-9);
        expect(plan.estimatedUsd).toBeLessThanOrEqual(pages + 1e-9);
        expect(floor).toBeLessThanOrEqual(other + 1e-9);
        expect(floor).toBeLessThanOrEqual(planDetails(needs, undefined, { pageMissRate: 0.1 }).estimatedUsd + 1e-9);
        expect(new Set([...plan.detailIds, ...plan.pageCells.flatMap((k) => needs.find((n) => n.cellKey === k)?.wanted ?? [])])).toEqual(new Set(needs.flatMap((n) => n.wanted)));
      }),
    );
  });
});

describe('lead field masks', () => {
  const fields = (mask: string) => mask.split(',').map((f) => f.trim());

  it('asks a page re-run for the fields Details gives, plus the opening date and the page token', () => {
    const search = fields(LEAD_SEARCH_FIELD_MASK);
    expect(search).toContain('nextPageToken');
    const placeFields = search.filter((f) => f !== 'nextPageToken').map((f) => f.replace(/^places\./, ''));
    expect(new Set(placeFields)).toEqual(new Set([...fields(LEAD_FIELD_MASK), 'openingDate']));
  });

  it('bills both ways at Enterprise, opening date included', () => {
    expect(skuForTextSearch(LEAD_SEARCH_FIELD_MASK)).toBe('text_search_enterprise');
    expect(skuForPlaceDetails(LEAD_FIELD_MASK)).toBe('place_details_enterprise');
    expect(skuForPlaceDetails(LEAD_FIELD_MASK)).toBe('place_details_enterprise');
    expect(fields(LEAD_FIELD_MASK)).toContain('openingDate');
  });
});
