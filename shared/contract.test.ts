import { describe, expect, it } from 'vitest';
import { ErrorBody, Outcome, PullRequest, SearchProfile } from './contract.ts';
import { industryQuery, matchesIndustry, typeLabel } from './industries.ts';

describe('SearchProfile', () => {
  it('fills every default from areas and industries alone', () => {
    expect(SearchProfile.parse({ areas: ['東京都渋谷区'], industries: ['美容室'] })).toEqual({
      areas: ['東京都渋谷区'], industries: ['美容室'], employeesMin: null, employeesMax: null, includeUnknownEmployees: true,
      minRating: null, minReviews: null, maxReviews: null, requirePhone: true, requireWebsite: false, excludeIndustries: [],
      excludeAreas: [], excludeRefusing: true, newOnly: false, dailyLimit: 30,
    });
  });

  it.each([
    ['unknown fields', { areas: ['a'], industries: ['b'], extra: 1 }],
    ['empty areas', { areas: [], industries: ['b'] }],
    ['blank words', { areas: ['  '], industries: ['b'] }],
    ['absurd limits', { areas: ['a'], industries: ['b'], dailyLimit: 10 ** 9 }],
    ['too many areas', { areas: Array.from({ length: 21 }, (_, i) => `a${i}`), industries: ['b'] }],
    ['inverted employee range', { areas: ['a'], industries: ['b'], employeesMin: 11, employeesMax: 10 }],
    ['inverted review range', { areas: ['a'], industries: ['b'], minReviews: 50, maxReviews: 5 }],
    ['a rating above 5', { areas: ['a'], industries: ['b'], minRating: 6 }],
  ])('rejects %s', (_name, input) => {
    expect(SearchProfile.safeParse(input).success).toBe(false);
  });
});

describe('other messages', () => {
  it('accepts an outcome with a reason only when rejected', () => {
    const base = { leadId: 'ld_1', at: '2026-11-24T09:00:00.000Z', segment: { employees: 8, industry: '美容室', area: '東京都渋谷区', newListing: false, rating: 4.1, reviews: 12 } };
    expect(Outcome.safeParse({ ...base, status: 'rejected', reason: 'budget' }).success).toBe(true);
    expect(Outcome.safeParse({ ...base, status: 'won', reason: 'budget' }).success).toBe(false);
    expect(Outcome.safeParse({ ...base, status: 'won', reason: null }).success).toBe(true);
  });

  it('keeps pull requests strict and errors in one shape', () => {
    expect(PullRequest.safeParse({ limit: 0 }).success).toBe(false);
    expect(PullRequest.safeParse({ limit: 5, x: 1 }).success).toBe(false);
    expect(ErrorBody.safeParse({ error: { code: 'X', message: 'y' } }).success).toBe(true);
  });
});

describe('industries', () => {
  it('maps the owner\'s words to Places types, in any width', () => {
    expect(industryQuery('美容室')).toEqual({ word: '美容室', type: 'hair_salon', keyword: '美容室' });
    expect(industryQuery('ﾍｱｻﾛﾝ').type).toBe('hair_salon');
    expect(industryQuery(' 歯医者 ').type).toBe('dentist');
  });

  it('falls back to a keyword for words it does not know', () => {
    expect(industryQuery('着物リメイク')).toEqual({ word: '着物リメイク', type: null, keyword: '着物リメイク' });
  });

  it('labels types in Japanese and matches types against words', () => {
    expect(typeLabel('dentist')).toBe('歯科医院');
    expect(typeLabel('unknown_type')).toBeNull();
    expect(matchesIndustry(['hair_salon', 'beauty_salon'], ['美容院'])).toBe(true);
    expect(matchesIndustry(['restaurant'], ['美容院', '着物リメイク'])).toBe(false);
  });
});
