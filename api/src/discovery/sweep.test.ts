// The adaptive sweep against a fake SearchCell over a synthetic point set (no network): splitting
// at the cap, the size floor, coverage, known tilings, failures, deadlines and jitter.
import { describe, expect, it } from 'vitest';
import { cellSizeMeters, contains, rootCell, splitCell, type Cell, type LatLng, type Rect } from './geometry.ts';
import {
  DEADLINE_ERROR,
  IDS_ONLY_FIELD_MASK,
  estimateDropRate,
  estimateSweepMissRate,
  placesCellSearch,
  splitKeys,
  sweepArea,
  type LeafSweep,
  type SearchCell,
} from './sweep.ts';
import type { PlacesClient, SearchTextRequest, SearchTextResponse } from '../places/client.ts';
import { seededRandom } from '../../../shared/stats.ts';

const AREA: Rect = { low: { latitude: 35.643, longitude: 139.661 }, high: { latitude: 35.692, longitude: 139.724 } };

interface Point {
  id: string;
  at: LatLng;
}

const rng = seededRandom;

function uniformPoints(count: number, seed: number, rect: Rect = AREA, prefix = 'p'): Point[] {
  const next = rng(seed);
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    at: {
      latitude: rect.low.latitude + next() * (rect.high.latitude - rect.low.latitude),
      longitude: rect.low.longitude + next() * (rect.high.longitude - rect.low.longitude),
    },
  }));
}

/** Points around a centre, within ~sigma metres. */
function cluster(count: number, seed: number, center: LatLng, sigmaM: number, prefix: string): Point[] {
  const next = rng(seed);
  const dLat = sigmaM / 111_000;
  const dLng = sigmaM / 90_000;
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}${i}`,
    at: { latitude: center.latitude + (next() - 0.5) * 2 * dLat, longitude: center.longitude + (next() - 0.5) * 2 * dLng },
  }));
}

interface FakeOptions {
  /** Probability that a matching point is left out of one query. */
  jitter?: number;
  seed?: number;
  /** Throws for these calls. */
  fail?: (cell: Cell, call: number) => boolean;
  onCall?: () => void;
}

/** Text Search over the points: rectangle inclusive, a stable ranking, at most 60. */
function fakeSearch(points: Point[], options: FakeOptions = {}) {
  const calls: string[] = [];
  const next = rng(options.seed ?? 1);
  const search: SearchCell = async (cell) => {
    calls.push(cell.key);
    options.onCall?.();
    if (options.fail?.(cell, calls.length)) throw new Error(`UNAVAILABLE for ${cell.key}`);
    const inside = points.filter((p) => contains(cell.rect, p.at)).sort((a, b) => (a.id < b.id ? -1 : 1));
    const kept = inside.filter(() => !(options.jitter && next() < options.jitter)).slice(0, 60);
    return { placeIds: kept.map((p) => p.id), capped: kept.length >= 60 };
  };
  return { search, calls };
}

const found = (leaves: LeafSweep[]) => new Set(leaves.flatMap((l) => l.placeIds));
const area = (rect: Rect) => (rect.high.latitude - rect.low.latitude) * (rect.high.longitude - rect.low.longitude);

function expectExactCover(root: Cell, leaves: LeafSweep[]): void {
  const sum = leaves.reduce((s, l) => s + area(l.cell.rect), 0);
  expect(Math.abs(sum - area(root.rect)) / area(root.rect)).toBeLessThan(1e-9);
  // Leaves are quadtree cells: disjoint iff no key is a prefix of another.
  const keys = leaves.map((l) => l.cell.key).sort();
  for (let i = 1; i < keys.length; i++) expect((keys[i] as string).startsWith(keys[i - 1] as string)).toBe(false);
}

describe('sweepArea', () => {
  it('keeps a cell under the cap whole and re-queries it until a pass adds nothing', async () => {
    const points = uniformPoints(30, 1);
    const { search, calls } = fakeSearch(points);
    const leaves = await sweepArea(rootCell(AREA), search, { targetMissRate: 1 });
    expect(leaves).toHaveLength(1);
    expect(leaves[0]).toMatchObject({ cell: { key: 'r' }, capped: false, complete: true, passes: 2, returned: [30, 30] });
    expect(found(leaves)).toEqual(new Set(points.map((p) => p.id)));
    expect(calls).toEqual(['r', 'r']);
  });

  it('splits a cell that reaches the 60 cap into four, and reports only leaves', async () => {
    const { search, calls } = fakeSearch(uniformPoints(60, 2));
    const leaves = await sweepArea(rootCell(AREA), search, { maxPasses: 1 });
    expect(leaves.map((l) => l.cell.key)).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect(calls[0]).toBe('r');
    expect(found(leaves).size).toBe(60);

    const under = fakeSearch(uniformPoints(59, 2));
    expect((await sweepArea(rootCell(AREA), under.search, { maxPasses: 1 })).map((l) => l.cell.key)).toEqual(['r']);
  });

  it('recurses into dense clusters down to the size floor, and marks a capped floor leaf incomplete', async () => {
    const hotspot = { latitude: 35.6581, longitude: 139.7017 };
    const points = [...uniformPoints(300, 3), ...cluster(300, 4, hotspot, 10, 'hot')];
    const { search } = fakeSearch(points);
    const leaves = await sweepArea(rootCell(AREA), search, { minCellMeters: 150 });
    const capped = leaves.filter((l) => l.capped);
    expect(capped.length).toBeGreaterThan(0);
    for (const leaf of capped) {
      const { width, height } = cellSizeMeters(leaf.cell);
      expect(Math.max(width, height)).toBeLessThan(150);
      expect(leaf).toMatchObject({ complete: false });
      expect(leaf.error).toBeUndefined();
    }
    // Its parent was at least as large as the floor (it was split).
    expect(Math.max(...capped.map((l) => l.cell.depth))).toBeGreaterThan(4);
    // Everything outside the hotspot is found.
    const ids = found(leaves);
    expect(points.filter((p) => p.id.startsWith('p')).every((p) => ids.has(p.id))).toBe(true);
    expectExactCover(rootCell(AREA), leaves);
  });

  it('covers the root with its leaves, with no gap, no overlap and no cell queried twice in a pass', async () => {
    const points = [...uniformPoints(900, 5), ...cluster(400, 6, { latitude: 35.67, longitude: 139.707 }, 300, 'c')];
    const { search, calls } = fakeSearch(points);
    const root = rootCell(AREA);
    const leaves = await sweepArea(root, search);
    expectExactCover(root, leaves);
    expect(found(leaves)).toEqual(new Set(points.map((p) => p.id)));
    const perKey = new Map<string, number>();
    for (const key of calls) perKey.set(key, (perKey.get(key) ?? 0) + 1);
    // A split cell is asked once; a leaf once per pass.
    for (const key of splitKeys(leaves)) expect(perKey.get(key)).toBe(1);
    for (const leaf of leaves) expect(perKey.get(leaf.cell.key)).toBe(leaf.passes);
    expect(calls.length).toBe(splitKeys(leaves).size + leaves.reduce((s, l) => s + l.passes, 0));
  });

  it('splits known-dense cells without querying them, and finds the same places', async () => {
    const points = [...uniformPoints(700, 7), ...cluster(300, 8, { latitude: 35.65, longitude: 139.71 }, 250, 'c')];
    const root = rootCell(AREA);
    const first = await sweepArea(root, fakeSearch(points).search);
    const known = splitKeys(first);
    expect(known.size).toBeGreaterThan(1);

    const again = fakeSearch(points);
    const second = await sweepArea(root, again.search, { knownSplit: (key) => known.has(key) });
    expect(again.calls.filter((key) => known.has(key))).toEqual([]);
    expect(second.map((l) => l.cell.key)).toEqual(first.map((l) => l.cell.key));
    expect(found(second)).toEqual(found(first));
  });

  it('records a failed search as an incomplete leaf with its error, and sweeps on', async () => {
    const points = uniformPoints(200, 9);
    const { search } = fakeSearch(points, { fail: (cell) => cell.key === 'r2' });
    const leaves = await sweepArea(rootCell(AREA), search);
    const failed = leaves.find((l) => l.cell.key === 'r2');
    expect(failed).toMatchObject({ complete: false, placeIds: [], passes: 0 });
    expect(failed?.error).toMatch(/UNAVAILABLE/);
    const others = leaves.filter((l) => l.cell.key !== 'r2');
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((l) => l.complete)).toBe(true);
    expectExactCover(rootCell(AREA), leaves);
  });

  it('keeps what earlier passes found when a later pass fails, but not as complete', async () => {
    const points = uniformPoints(40, 10);
    const { search } = fakeSearch(points, { fail: (_cell, call) => call === 2 });
    const [leaf] = await sweepArea(rootCell(AREA), search);
    expect(leaf).toMatchObject({ complete: false, passes: 1 });
    expect(leaf?.placeIds).toHaveLength(40);
  });

  it('returns the cells it did not reach by the deadline as incomplete, still covering the root', async () => {
    let clock = 0;
    const points = [...uniformPoints(800, 11), ...cluster(300, 12, { latitude: 35.66, longitude: 139.7 }, 300, 'c')];
    const { search, calls } = fakeSearch(points, { onCall: () => void clock++ });
    const root = rootCell(AREA);
    const leaves = await sweepArea(root, search, { deadline: 6, now: () => clock, concurrency: 1 });
    expect(calls.length).toBe(6);
    const unreached = leaves.filter((l) => l.error === DEADLINE_ERROR);
    expect(unreached.length).toBeGreaterThan(0);
    expect(unreached.every((l) => !l.complete)).toBe(true);
    expect(leaves.every((l) => l.complete || l.error !== undefined || l.capped)).toBe(true);
    expectExactCover(root, leaves);
  });

  it('buys recall under jitter with more passes, and measures the jitter', async () => {
    const points = uniformPoints(1500, 13);
    const root = rootCell(AREA);
    const recall = (leaves: LeafSweep[]) => found(leaves).size / points.length;
    const once = await sweepArea(root, fakeSearch(points, { jitter: 0.3, seed: 21 }).search, { maxPasses: 1 });
    const thrice = await sweepArea(root, fakeSearch(points, { jitter: 0.3, seed: 22 }).search, { maxPasses: 3 });
    const five = await sweepArea(root, fakeSearch(points, { jitter: 0.3, seed: 23 }).search, { maxPasses: 5 });
    expect(recall(once)).toBeLessThan(0.8);
    expect(recall(thrice)).toBeGreaterThan(0.95); // 1 − 0.3³ ≈ 0.973
    expect(recall(five)).toBeGreaterThan(0.99); // 1 − 0.3⁵ ≈ 0.998
    expect(estimateDropRate(thrice)).toBeGreaterThan(0.2);
    expect(estimateDropRate(thrice)).toBeLessThan(0.35);
    // The jitter-aware stop runs every leaf to maxPasses while ĵ^passes is large.
    expect(five.every((l) => l.passes === 5)).toBe(true);
    expect(estimateSweepMissRate(five)).toBeGreaterThan(0.001);
  });

  it('stops at two passes when the results do not jitter, and says it missed next to nothing', async () => {
    const points = uniformPoints(1200, 14);
    const leaves = await sweepArea(rootCell(AREA), fakeSearch(points).search);
    expect(estimateDropRate(leaves)).toBe(0);
    expect(estimateSweepMissRate(leaves)).toBeLessThanOrEqual(1e-6);
    // Until 50 ids were asked again the sweep assumes the worst; after that, two passes do.
    expect(leaves.filter((l) => l.passes === 2).length).toBeGreaterThan(leaves.length / 2);
  });

  it('never has more searches in flight than its concurrency', async () => {
    let inFlight = 0;
    let peak = 0;
    const inner = fakeSearch(uniformPoints(500, 15)).search;
    const search: SearchCell = async (cell) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 1));
      try {
        return await inner(cell);
      } finally {
        inFlight--;
      }
    };
    await sweepArea(rootCell(AREA), search, { concurrency: 3 });
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
  });

  it('reports each split as it happens', async () => {
    const split: string[] = [];
    const leaves = await sweepArea(rootCell(AREA), fakeSearch(uniformPoints(300, 16)).search, { onSplit: (cell) => split.push(cell.key) });
    expect(new Set(split)).toEqual(splitKeys(leaves));
  });
});

describe('placesCellSearch', () => {
  function fakePlaces(total: number) {
    const requests: { body: SearchTextRequest; mask: string }[] = [];
    const places: PlacesClient = {
      async searchText(body, mask) {
        requests.push({ body, mask });
        const offset = body.pageToken ? Number(body.pageToken) : 0;
        const size = body.pageSize ?? 20;
        const ids = Array.from({ length: Math.min(total, 60) }, (_, i) => `id${i}`).slice(offset, offset + size);
        const response: SearchTextResponse = { places: ids.map((id) => ({ id })) };
        if (offset + size < Math.min(total, 60)) response.nextPageToken = String(offset + size);
        return response;
      },
      async getPlace() {
        throw new Error('not used');
      },
    };
    return { places, requests };
  }

  it('asks IDs-only with the cell as locationRestriction and strict type filtering, following pages', async () => {
    const { places, requests } = fakePlaces(45);
    const cell = splitCell(rootCell(AREA))[1];
    const result = await placesCellSearch(places, { textQuery: '美容室', includedType: 'hair_salon' })(cell);
    expect(result).toEqual({ placeIds: Array.from({ length: 45 }, (_, i) => `id${i}`), capped: false });
    expect(requests).toHaveLength(3);
    expect(requests.every((r) => r.mask === IDS_ONLY_FIELD_MASK)).toBe(true);
    expect(requests[0]?.body).toEqual({
      textQuery: '美容室',
      pageSize: 20,
      locationRestriction: { rectangle: cell.rect },
      includedType: 'hair_salon',
      strictTypeFiltering: true,
    });
    expect(requests[1]?.body).toMatchObject({ pageToken: '20', includedType: 'hair_salon', locationRestriction: { rectangle: cell.rect } });
  });

  it('reports the cap at 60 results and stops after the third page', async () => {
    const { places, requests } = fakePlaces(500);
    const result = await placesCellSearch(places, { textQuery: 'x', includedType: null })(rootCell(AREA));
    expect(result.capped).toBe(true);
    expect(result.placeIds).toHaveLength(60);
    expect(requests).toHaveLength(3);
    expect(requests[0]?.body).not.toHaveProperty('includedType');
    expect(requests[0]?.body).not.toHaveProperty('strictTypeFiltering');
  });
});
