// Route tests for POST /v1/outcomes: the owner's verdicts on leads, sent by the Sheets add-on.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ErrorBody, OutcomesResponse, type Outcome } from '../../shared/contract.ts';
import { json, newTenant, tenantIdOf, testApp, token, type Call } from '../test/helpers.ts';
import { listOutcomes } from './store/outcomes.ts';

const errorOf = async (response: Response) => ErrorBody.parse(await response.json()).error;
const segment: Outcome['segment'] = { employees: 8, industry: '歯科医院', area: '東京都目黒区', newListing: false, rating: 3.9, reviews: 41, newlyEstablished: true };
const outcome = (leadId: string, overrides: Partial<Outcome> = {}): Outcome => ({
  leadId, status: 'held', reason: null, at: '2026-11-24T09:00:00.000Z', segment, ...overrides,
});
const post = (call: Call, headers: Record<string, string>, body: unknown) =>
  call('/v1/outcomes', { method: 'POST', headers, body: typeof body === 'string' ? body : json(body) });

describe('POST /v1/outcomes', () => {
  it('records verdicts and answers the counts', async () => {
    const { call } = testApp();
    const headers = await newTenant(call);
    const first = await post(call, headers, {
      outcomes: [outcome('ld_1', { status: 'won' }), outcome('ld_2', { status: 'rejected', reason: 'budget' }), outcome('ld_3')],
    });
    expect(first.status).toBe(200);
    expect(OutcomesResponse.parse(await first.json())).toEqual({ recorded: 3, ignored: 0 });

    // A late resend of an older verdict is ignored; the identical resend counts as recorded.
    const second = await post(call, headers, {
      outcomes: [outcome('ld_1', { status: 'rejected', reason: 'timing', at: '2026-11-23T00:00:00Z' }), outcome('ld_3')],
    });
    expect(await second.json()).toEqual({ recorded: 1, ignored: 1 });
    const stored = await listOutcomes(env.DB, await tenantIdOf(headers));
    expect(stored.map((o) => [o.leadId, o.status, o.reason])).toEqual([['ld_1', 'won', null], ['ld_2', 'rejected', 'budget'], ['ld_3', 'held', null]]);
  });

  it('accepts 500 outcomes at once', async () => {
    const { call } = testApp();
    const headers = await newTenant(call);
    const outcomes = Array.from({ length: 500 }, (_, i) => outcome(`ld_bulk_${i}`, { status: 'rejected', reason: 'industry' }));
    const response = await post(call, headers, { outcomes });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ recorded: 500, ignored: 0 });
  });

  it.each([
    ['a reason with status won', { outcomes: [outcome('ld_1', { status: 'won', reason: 'budget' })] }],
    ['an unknown status', { outcomes: [{ ...outcome('ld_1'), status: 'maybe' }] }],
    ['more than 500 outcomes', { outcomes: Array.from({ length: 501 }, (_, i) => outcome(`ld_${i}`)) }],
    ['no outcomes', { outcomes: [] }],
    ['an extra field on the request', { outcomes: [outcome('ld_1')], sheet: 'x' }],
    ['an extra field on an outcome', { outcomes: [{ ...outcome('ld_1'), note: 'x' }] }],
    ['an extra field in the segment', { outcomes: [outcome('ld_1', { segment: { ...segment, colour: 'red' } as Outcome['segment'] })] }],
    ['a time that is not ISO', { outcomes: [outcome('ld_1', { at: '24/11/2026' })] }],
  ])('answers 400 INVALID_REQUEST for %s', async (_case, body) => {
    const { call } = testApp();
    const headers = await newTenant(call);
    const response = await post(call, headers, body);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message.length).toBeGreaterThan(5);
    expect(await listOutcomes(env.DB, await tenantIdOf(headers))).toEqual([]);
  });

  it('answers 401 without credentials', async () => {
    const { call } = testApp();
    const response = await post(call, { 'Content-Type': 'application/json' }, { outcomes: [outcome('ld_1')] });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('TOKEN_MISSING');
  });

  it('answers 401 with an identity but no tenant secret', async () => {
    const { call } = testApp();
    const headers = { Authorization: `Bearer ${await token()}`, 'Content-Type': 'application/json' };
    const response = await post(call, headers, { outcomes: [outcome('ld_1')] });
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe('TENANT_SECRET_MISSING');
  });

  it('keeps tenants apart: B writing the same lead id never touches A\'s row nor shows up in A\'s list', async () => {
    const { call } = testApp();
    const a = await newTenant(call);
    const b = await newTenant(call);
    await post(call, a, { outcomes: [outcome('ld_same', { status: 'won' }), outcome('ld_only_a')] });
    const fromB = await post(call, b, {
      outcomes: [outcome('ld_same', { status: 'rejected', reason: 'competitor', at: '2026-12-01T00:00:00Z' }), outcome('ld_only_b')],
    });
    expect(await fromB.json()).toEqual({ recorded: 2, ignored: 0 });

    const ofA = await listOutcomes(env.DB, await tenantIdOf(a));
    expect(ofA).toEqual([outcome('ld_only_a'), outcome('ld_same', { status: 'won' })]);
    const ofB = await listOutcomes(env.DB, await tenantIdOf(b));
    expect(ofB.map((o) => [o.leadId, o.status])).toEqual([['ld_only_b', 'held'], ['ld_same', 'rejected']]);
  });
});
