// gBizINFO's allowance belongs to the token every tenant's lookups use: the Worker's gBizINFO
// clients of all tenants draw on one per-minute allowance in D1, and a request past it is not sent.
import { env } from 'cloudflare:workers';
import { describe, expect, inject, it } from 'vitest';
import { GBIZINFO_BUCKET, GBIZINFO_SCOPE, tenantWork } from '../services.ts';
import { usedIn } from '../store/rate-limits.ts';
import { createTenant } from '../store/tenants.ts';
import { GbizinfoError } from './client.ts';

// A minute of its own, so other test files' lookups do not share the window.
const t0 = new Date('2031-03-04T05:06:00Z');
const limited = { ...env, GBIZINFO_TOKEN: 'gbizinfo-test-token', GBIZINFO_BASE_URL: inject('gbizinfoEmulatorUrl'), GBIZINFO_CALLS_PER_MINUTE: '4' };

async function outcome(promise: Promise<unknown>): Promise<'sent' | string> {
  try {
    await promise;
    return 'sent';
  } catch (err) {
    if (err instanceof GbizinfoError) return err.code;
    throw err;
  }
}

describe('the gBizINFO allowance', () => {
  it('is shared by every tenant, refuses past it without sending, and takes back what was not used', async () => {
    const a = await tenantWork(limited, (await createTenant(env.DB, t0)).tenantId, t0);
    const b = await tenantWork(limited, (await createTenant(env.DB, t0)).tenantId, t0);
    const first = [await outcome(a.deps.gbizinfo!.get('9999999999999')), await outcome(a.deps.gbizinfo!.get('9999999999998')), await outcome(a.deps.gbizinfo!.get('9999999999997'))];
    // A reserved the whole minute in one chunk; what it did not use goes back when its work ends.
    expect(await outcome(b.deps.gbizinfo!.get('9999999999996'))).toBe('GBIZINFO_RATE_LIMITED');
    await a.flush();
    const fresh = await tenantWork(limited, (await createTenant(env.DB, t0)).tenantId, t0);
    const second = [await outcome(fresh.deps.gbizinfo!.get('9999999999996')), await outcome(fresh.deps.gbizinfo!.get('9999999999995'))];
    expect(first).toEqual(['sent', 'sent', 'sent']);
    expect(second).toEqual(['sent', 'GBIZINFO_RATE_LIMITED']);
    const window = { bucket: GBIZINFO_BUCKET, seconds: 60, limit: 4 };
    expect((await usedIn(env.DB, GBIZINFO_SCOPE, [window], t0)).get(GBIZINFO_BUCKET)).toBe(4);

    // A minute later the allowance is whole again; units reserved and not used go back.
    const later = new Date(t0.getTime() + 60_000);
    const c = await tenantWork(limited, (await createTenant(env.DB, later)).tenantId, later);
    expect(await outcome(c.deps.gbizinfo!.get('9999999999994'))).toBe('sent');
    expect((await usedIn(env.DB, GBIZINFO_SCOPE, [window], later)).get(GBIZINFO_BUCKET)).toBe(4);
    await c.flush();
    expect((await usedIn(env.DB, GBIZINFO_SCOPE, [window], later)).get(GBIZINFO_BUCKET)).toBe(1);
  });
});
