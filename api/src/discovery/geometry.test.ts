// The tiling's geometry: quadrants tile their parent exactly, keys rebuild cells, sizes in metres.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellAt, cellSizeMeters, contains, parentKey, rootCell, splitCell, type Cell, type Rect } from './geometry.ts';

const SHIBUYA: Rect = { low: { latitude: 35.643, longitude: 139.661 }, high: { latitude: 35.692, longitude: 139.724 } };

const area = (cell: Cell) => (cell.rect.high.latitude - cell.rect.low.latitude) * (cell.rect.high.longitude - cell.rect.low.longitude);

describe('rootCell', () => {
  it("names the root 'r' at depth 0 and keeps its own copy of the rectangle", () => {
    const rect = structuredClone(SHIBUYA);
    const root = rootCell(rect);
    rect.low.latitude = 0;
    expect(root).toEqual({ key: 'r', depth: 0, rect: SHIBUYA });
  });

  it('refuses rectangles the API would not take', () => {
    expect(() => rootCell({ low: SHIBUYA.high, high: SHIBUYA.low })).toThrow(RangeError);
    expect(() => rootCell({ low: { latitude: Number.NaN, longitude: 139 }, high: SHIBUYA.high })).toThrow(RangeError);
    expect(() => rootCell({ low: { latitude: 35, longitude: 170 }, high: { latitude: 36, longitude: -170 } })).toThrow(/antimeridian/);
  });
});

describe('splitCell', () => {
  it('makes four children keyed 0–3 (SW, SE, NW, NE) one level down', () => {
    const [sw, se, nw, ne] = splitCell(rootCell(SHIBUYA));
    expect([sw.key, se.key, nw.key, ne.key]).toEqual(['r0', 'r1', 'r2', 'r3']);
    expect([sw, se, nw, ne].every((c) => c.depth === 1)).toBe(true);
    expect(sw.rect.low).toEqual(SHIBUYA.low);
    expect(ne.rect.high).toEqual(SHIBUYA.high);
    expect(se.rect.low.longitude).toBe(sw.rect.high.longitude);
    expect(nw.rect.low.latitude).toBe(sw.rect.high.latitude);
  });

  it('tiles the parent exactly: the same area, shared edges only, every point covered', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 20, max: 45, noNaN: true }),
        fc.double({ min: 120, max: 150, noNaN: true }),
        fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
        fc.double({ min: 1e-4, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lat, lng, dLat, dLng, u, v) => {
          const parent = rootCell({ low: { latitude: lat, longitude: lng }, high: { latitude: lat + dLat, longitude: lng + dLng } });
          const children = splitCell(parent);
          const sum = children.reduce((s, c) => s + area(c), 0);
          expect(Math.abs(sum - area(parent))).toBeLessThan(area(parent) * 1e-9);
          const point = { latitude: lat + u * dLat, longitude: lng + v * dLng };
          const holders = children.filter((c) => contains(c.rect, point));
          expect(holders.length).toBeGreaterThanOrEqual(1);
          // Only points on a midline (shared edge) belong to more than one child.
          const [sw] = children;
          const onMidline = point.latitude === sw.rect.high.latitude || point.longitude === sw.rect.high.longitude;
          if (!onMidline) expect(holders).toHaveLength(1);
        },
      ),
    );
  });
});

describe('cellSizeMeters', () => {
  it('measures 渋谷区 as about 5.7 km wide and 5.4 km high', () => {
    const { width, height } = cellSizeMeters(rootCell(SHIBUYA));
    expect(width).toBeGreaterThan(5600);
    expect(width).toBeLessThan(5800);
    expect(height).toBeGreaterThan(5400);
    expect(height).toBeLessThan(5500);
  });

  it('halves both sides at each split', () => {
    const root = rootCell(SHIBUYA);
    const child = splitCell(root)[3];
    expect(cellSizeMeters(child).height).toBeCloseTo(cellSizeMeters(root).height / 2, 6);
    expect(cellSizeMeters(child).width / (cellSizeMeters(root).width / 2)).toBeCloseTo(1, 3);
  });
});

describe('keys', () => {
  it('gives the parent of a child key, and null for the root', () => {
    expect(parentKey('r')).toBeNull();
    expect(parentKey('r0')).toBe('r');
    expect(parentKey('r0123')).toBe('r012');
    expect(parentKey('')).toBeNull();
  });

  it('rebuilds a cell from its key', () => {
    const root = rootCell(SHIBUYA);
    const direct = splitCell(splitCell(splitCell(root)[2])[1])[3];
    expect(cellAt(root, 'r213')).toEqual(direct);
    expect(cellAt(root, 'r')).toEqual(root);
    expect(cellAt(root, 'r4')).toBeNull();
    expect(cellAt(root, 'x0')).toBeNull();
  });
});
