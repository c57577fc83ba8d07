// Builders for Worker tests: tokens from the test issuer, a fresh tenant, requests to the app.
import { env } from 'cloudflare:workers';
import { TENANT_SECRET_HEADER, type SearchProfileInput } from '../../shared/contract.ts';
import { signLocalToken, type LocalTokenOptions } from '../../shared/local-issuer.ts';
import { createApp } from '../src/app.ts';
import { findTenantBySecret } from '../src/store/tenants.ts';

export const testIssuer = () => JSON.parse(env.TEST_ISSUER_KEYS) as Parameters<typeof signLocalToken>[0];
export const token = (options: LocalTokenOptions = {}) => signLocalToken(testIssuer(), options);

/** A test clock the app reads; tests move it to expire batches. */
export class TestClock {
  constructor(public now = new Date('2026-11-24T00:00:00Z')) {}
  readonly read = () => this.now;
  advanceHours(hours: number) {
    this.now = new Date(this.now.getTime() + hours * 3_600_000);
  }
}

export function testApp(clock = new TestClock()) {
  const app = createApp(clock.read);
  const call = (path: string, init: RequestInit = {}) => app.request(path, init, env);
  return { app, clock, call };
}

export type Call = ReturnType<typeof testApp>['call'];

export async function newTenant(call: Call): Promise<Record<string, string>> {
  const bearer = { Authorization: `Bearer ${await token()}` };
  const response = await call('/v1/tenants', { method: 'POST', headers: bearer });
  if (response.status !== 201) throw new Error(`tenant creation failed: ${response.status} ${await response.text()}`);
  const { tenantSecret } = (await response.json()) as { tenantSecret: string };
  return { ...bearer, [TENANT_SECRET_HEADER]: tenantSecret, 'Content-Type': 'application/json' };
}

export const json = (body: unknown) => JSON.stringify(body);

export const profile = (overrides: Partial<SearchProfileInput> = {}): SearchProfileInput => ({
  areas: ['東京都渋谷区'],
  industries: ['美容室'],
  dailyLimit: 20,
  ...overrides,
});

/** The tenant id behind a tenant's request headers (what the API derives from its secret). */
export const tenantIdOf = async (headers: Record<string, string>): Promise<string> => (await findTenantBySecret(env.DB, headers[TENANT_SECRET_HEADER]!))!;
