import { describe, expect, it } from 'vitest';
import { fisherLess, holm, seededRandom } from './stats.ts';

describe('fisherLess', () => {
  it('is the hypergeometric lower tail (1 of 10 won vs 9 of 10: 101 / C(20,10))', () => {
    expect(fisherLess(1, 9, 9, 1)).toBeCloseTo(101 / 184756, 12);
  });
  it('is 1 when the group does at least as well, and symmetric in the tables it sums', () => {
    expect(fisherLess(5, 5, 5, 5)).toBeGreaterThan(0.5);
    expect(fisherLess(10, 0, 0, 10)).toBe(1);
    expect(fisherLess(0, 10, 10, 0)).toBeCloseTo(1 / 184756, 12);
  });
});

describe('holm', () => {
  it('steps down and keeps the order of the input', () => {
    const adjusted = holm([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 12));
  });
  it('never exceeds 1', () => {
    expect(holm([0.5, 0.6])).toEqual([1, 1]);
  });
});

describe('seededRandom', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
  });
});
