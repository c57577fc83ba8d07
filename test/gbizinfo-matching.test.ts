// Corporation matching on the synthetic world, end to end (site reader → operator → gBizINFO
// client → matcher) against the emulators: the company given to a lead is never another one.
// The benchmark (`npm run bench -- --only matching`) measures the same over a larger sample.
import { describe, expect, it } from 'vitest';
import { measureMatching, sampleBusinesses } from './bench/matching.ts';

describe('corporation matching on the synthetic world', () => {
  it('gives no lead the wrong company, and finds most companies whose website names them', async () => {
    const result = await measureMatching(sampleBusinesses(300, 7), 8);
    expect(result.corporate).toBeGreaterThan(100);
    expect(result.wrongExamples).toEqual([]);
    expect(result.wrong).toBe(0);
    // Every route takes part: a published 法人番号, an operator named on the site, the name on Maps.
    expect(result.byRoute['corporate-number'].correct).toBeGreaterThan(0);
    expect(result.byRoute.operator.correct).toBeGreaterThan(0);
    expect(result.byRoute.name.correct).toBeGreaterThan(0);
    expect(result.withWebsite.recall).toBeGreaterThan(0.4);
  });
});
