// Route tests for GET /v1/insights: what the tenant's verdicts say about its filters, computed by
// the shared insight engine from the tenant's own outcomes and profile.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ErrorBody, InsightsResponse, type Outcome } from '../../shared/contract.ts';
import { plantedOutcomes } from '../../test/builders.ts';
import { json, newTenant, profile, tenantIdOf, testApp, token, type Call } from '../test/helpers.ts';

const errorOf = async (response: Response) => ErrorBody.parse(await response.json()).error;
const INDUSTRIES = ['美容室', '歯科医院', '工務店', '税理士事務所'];
const AREAS = ['東京都渋谷区', '東京都新宿区'];

/** The planted pattern (test/builders.ts); industry and area alternate evenly, so they explain nothing. */
const planted = (prefix = 'ld_p'): Outcome[] =>
  plantedOutcomes(prefix, (i) => ({
    industry: INDUSTRIES[i % INDUSTRIES.length]!,
    area: AREAS[Math.floor(i / 4) % AREAS.length]!,
    newListing: false,
    rating: 4,
    reviews: 30,
    // Every fifth firm newly established, one in ten unknown (no gBizINFO match).
    newlyEstablished: i % 10 === 9 ? null : i % 5 === 0,
  }));

const record = async (call: Call, headers: Record<string, string>, outcomes: Outcome[]) => {
  const response = await call('/v1/outcomes', { method: 'POST', headers, body: json({ outcomes }) });
  expect(response.status).toBe(200);
};
const insightsOf = async (call: Call, headers: Record<string, string>) => {
  const response = await call('/v1/insights', { headers });
  expect(response.status).toBe(200);
  return InsightsResponse.parse(await response.json());
};

describe('GET /v1/insights', () => {
  it('suggests raising the employee minimum to 11 from the planted pattern, with the numbers behind it', async () => {
    const { call } = testApp();
    const headers = await newTenant(call);
    await record(call, headers, planted());
    const insights = await insightsOf(call, headers);

    expect(insights.totals).toEqual({ decided: 72, won: 32, rejected: 40, held: 8, winRate: 32 / 72 });
    const suggestion = insights.suggestions.find((s) => s.change.employeesMin === 11);
    expect(suggestion, JSON.stringify(insights.suggestions.map((s) => s.id))).toBeDefined();
    expect(suggestion!.change).toEqual({ employeesMin: 11 });
    expect(suggestion!.support.inSegment).toMatchObject({ decided: 36, won: 4, rejected: 32 });
    expect(suggestion!.support.dominantReason).toEqual({ reason: 'budget', count: 28 });
    expect(suggestion!.support.adjustedPValue).toBeLessThan(0.05);
    expect(suggestion!.message.length).toBeGreaterThan(5);
    expect(suggestion!.messageEn.length).toBeGreaterThan(5);
    // Industry and area were spread evenly: nothing to suggest about them.
    expect(insights.suggestions.filter((s) => s.change.excludeIndustries || s.change.excludeAreas)).toEqual([]);
    // The table: every verdict counted once per dimension.
    const employeeRows = insights.segments.filter((row) => row.dimension === 'employees');
    expect(employeeRows.length).toBeGreaterThan(0);
    const industryRows = insights.segments.filter((row) => row.dimension === 'industry');
    expect(industryRows.map((row) => row.label).sort()).toEqual([...INDUSTRIES].sort());
    expect(industryRows.reduce((sum, row) => sum + row.decided + row.held, 0)).toBe(80);
    expect(industryRows.reduce((sum, row) => sum + row.reasons.budget, 0)).toBe(30);
    expect(insights.method).toMatchObject({ test: 'permutation-max-lr-one-sided', correction: 'holm', alpha: 0.05 });
    // Newly established companies (gBizINFO) are a dimension of their own, kept with each verdict.
    const established = insights.segments.filter((row) => row.dimension === 'newlyEstablished');
    expect(established.reduce((sum, row) => sum + row.decided + row.held, 0)).toBe(80);
    const newlyEstablished = established.find((row) => row.label === '新設（1 年以内）');
    expect(newlyEstablished && newlyEstablished.decided + newlyEstablished.held).toBe(16);
  });

  it('reads the current profile: a minimum the profile already has is not suggested again', async () => {
    const { call } = testApp();
    const headers = await newTenant(call);
    await record(call, headers, planted());
    expect((await call('/v1/profile', { method: 'PUT', headers, body: json(profile({ employeesMin: 11 })) })).status).toBe(200);
    const insights = await insightsOf(call, headers);
    expect(insights.suggestions.filter((s) => s.change.employeesMin !== undefined)).toEqual([]);
    expect(insights.totals.decided).toBe(72);
  });

  it('computes once per change of the verdicts or the profile, and again after a day', async () => {
    const { call, clock } = testApp();
    const headers = await newTenant(call);
    const tenantId = await tenantIdOf(headers);
    const computedAt = async () =>
      (await env.DB.prepare('SELECT computed_at FROM insights_cache WHERE tenant_id = ?1').bind(tenantId).first<{ computed_at: string }>())?.computed_at;
    const later = (minutes: number) => (clock.now = new Date(clock.now.getTime() + minutes * 60_000));

    await record(call, headers, planted());
    const first = await insightsOf(call, headers);
    const firstAt = await computedAt();
    later(5);
    expect(await insightsOf(call, headers)).toEqual(first); // nothing changed: the answer is kept
    expect(await computedAt()).toBe(firstAt);

    // A verdict written at the same instant as the last computation still counts.
    clock.now = new Date(firstAt!);
    await record(call, headers, [{ ...planted()[0]!, leadId: 'ld_new', status: 'won', reason: null }]);
    expect((await insightsOf(call, headers)).totals.won).toBe(first.totals.won + 1);

    // The profile is part of the answer: a minimum it already has is not suggested.
    expect((await insightsOf(call, headers)).suggestions.some((s) => s.change.employeesMin === 11)).toBe(true);
    expect((await call('/v1/profile', { method: 'PUT', headers, body: json(profile({ employeesMin: 11 })) })).status).toBe(200);
    expect((await insightsOf(call, headers)).suggestions.some((s) => s.change.employeesMin === 11)).toBe(false);

    const before = await computedAt();
    later(24 * 60 + 1);
    await insightsOf(call, headers);
    expect(await computedAt()).not.toBe(before);
  });

  it('answers an empty tenant with no suggestions and zero totals', async () => {
    const { call } = testApp();
    const headers = await newTenant(call);
    const insights = await insightsOf(call, headers);
    expect(insights.suggestions).toEqual([]);
    expect(insights.totals).toEqual({ decided: 0, won: 0, rejected: 0, held: 0, winRate: null });
    expect(insights.segments.every((row) => row.decided + row.held === 0)).toBe(true);
  });

  it('keeps tenants apart: each sees only its own verdicts', async () => {
    const { call } = testApp();
    const a = await newTenant(call);
    const b = await newTenant(call);
    await record(call, a, planted('ld_same'));
    expect((await insightsOf(call, b)).totals.decided).toBe(0);
    expect((await insightsOf(call, b)).suggestions).toEqual([]);

    // B's verdicts on the same lead ids: all won, whatever the size.
    const ofB = planted('ld_same').map((o) => ({ ...o, status: 'won' as const, reason: null, at: '2026-12-01T00:00:00.000Z' }));
    await record(call, b, ofB);
    const seenByB = await insightsOf(call, b);
    expect(seenByB.totals).toEqual({ decided: 80, won: 80, rejected: 0, held: 0, winRate: 1 });
    expect(seenByB.suggestions).toEqual([]);
    const seenByA = await insightsOf(call, a);
    expect(seenByA.totals).toEqual({ decided: 72, won: 32, rejected: 40, held: 8, winRate: 32 / 72 });
    expect(seenByA.suggestions.some((s) => s.change.employeesMin === 11)).toBe(true);
  });

  it('refuses query parameters, other methods and missing credentials', async () => {
    const { call } = testApp();
    const headers = await newTenant(call);
    const query = await call('/v1/insights?alpha=0.5', { headers });
    expect(query.status).toBe(400);
    expect((await errorOf(query)).code).toBe('INVALID_REQUEST');

    const post = await call('/v1/insights', { method: 'POST', headers, body: '{}' });
    expect(post.status).toBe(404);
    expect((await errorOf(post)).code).toBe('NOT_FOUND');

    const anonymous = await call('/v1/insights');
    expect(anonymous.status).toBe(401);
    expect((await errorOf(anonymous)).code).toBe('TOKEN_MISSING');
    const noTenant = await call('/v1/insights', { headers: { Authorization: `Bearer ${await token()}` } });
    expect(noTenant.status).toBe(401);
    expect((await errorOf(noTenant)).code).toBe('TENANT_SECRET_MISSING');
  });
});
