// The screen stage inside the Worker: site keys, the verdict cache and its expiry, hold-back of
// unscreened leads, the queue consumer, and the demo's promise (no refusing site is ever pulled).
import { createExecutionContext, createMessageBatch, getQueueResult } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { PullBatch, type Lead } from '../../../shared/contract.ts';
import { json, newTenant, profile, TestClock } from '../../test/helpers.ts';
import { createApp } from '../app.ts';
import type { WorkMessage } from '../env.ts';
import worker from '../index.ts';
import type { SiteReport } from '../screening/reader.ts';
import { getScreenings, putScreening, VERDICT_TTL_MS } from '../store/screenings.ts';
import { screenLeads, siteKey, type SiteReader } from './screen.ts';

const t0 = new Date('2026-11-24T00:00:00Z');

const lead = (placeId: string, website: string | null): Lead => ({
  id: `ld_${placeId}`, placeId, name: `店 ${placeId}`, address: '東京都渋谷区道玄坂1-2-3', phone: '03-1234-5678', website,
  googleMapsUrl: null, primaryType: 'hair_salon', primaryTypeLabel: '美容室', rating: 4.2, reviewCount: 10, employees: null,
  employeesSource: null, newlyListed: false, firstSeen: '2026-11-24', area: '東京都渋谷区', industry: '美容室',
  screening: { verdict: 'unscreened', evidence: [], checkedAt: null }, emails: [], contactForm: null,
});

const report = (input: string, refuses: boolean): SiteReport => ({
  input,
  verdict: refuses ? 'refuses' : 'clear',
  evidence: refuses ? [{ url: input, phrase: '営業電話はお断りしております', context: '…営業電話はお断りしております…' }] : [],
  emails: ['info@example.jp'],
  contactForm: `${input}contact/`,
  operator: null,
  pages: [],
});

function countingReader(refusing: Set<string>, delayMs = 0): SiteReader & { calls: string[] } {
  const calls: string[] = [];
  const read = async (url: string) => {
    calls.push(url);
    if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
    return report(url, refusing.has(url));
  };
  return Object.assign(read, { calls });
}

describe('siteKey', () => {
  it.each([
    ['https://www.sora-hair.jp/', 'sora-hair.jp'],
    ['http://SORA-hair.jp/contact/', 'sora-hair.jp'],
    ['https://ameblo.jp/salon-hana/entry-1.html', 'ameblo.jp/salon-hana'],
    ['https://beauty.hotpepper.jp/slnH000123456/', 'beauty.hotpepper.jp/slnh000123456'],
    ['https://www.instagram.com/sora_hair/', 'instagram.com/sora_hair'],
  ])('keys %s as %s', (url, key) => expect(siteKey(url)).toBe(key));

  it('has no key for what is not a web address', () => {
    expect(siteKey('mailto:a@b.jp')).toBeNull();
    expect(siteKey('not a url')).toBeNull();
  });
});

describe('screenLeads', () => {
  it('marks a lead without a website clear, with no evidence, reading nothing', async () => {
    const read = countingReader(new Set());
    const { screened, pending } = await screenLeads({ db: env.DB, now: t0, read, inlineBudgetMs: 1000 }, [lead('a', null)]);
    expect(pending).toEqual([]);
    expect(screened[0]?.screening).toEqual({ verdict: 'clear', evidence: [], checkedAt: t0.toISOString() });
    expect(read.calls).toEqual([]);
  });

  it('reads a site once, keeps the verdict with its evidence, and reuses it until it expires', async () => {
    const url = 'https://refuser-cache.jp/';
    const read = countingReader(new Set([url]));
    const deps = { db: env.DB, now: t0, read, inlineBudgetMs: 1000 };
    const first = await screenLeads(deps, [lead('b1', url), lead('b2', 'https://www.refuser-cache.jp/about')]);
    expect(read.calls).toEqual([url]);
    expect(first.screened.map((l) => l.screening.verdict)).toEqual(['refuses', 'refuses']);
    expect(first.screened[0]?.screening.evidence[0]?.phrase).toContain('お断り');
    expect(first.screened[0]?.emails).toEqual(['info@example.jp']);

    await screenLeads({ ...deps, now: new Date(t0.getTime() + VERDICT_TTL_MS - 60_000) }, [lead('b3', url)]);
    expect(read.calls).toHaveLength(1);
    const later = new Date(t0.getTime() + VERDICT_TTL_MS + 60_000);
    expect((await getScreenings(env.DB, ['refuser-cache.jp'], later)).size).toBe(0);
    await screenLeads({ ...deps, now: later }, [lead('b4', url)]);
    expect(read.calls).toHaveLength(2);
  });

  it('queues a site that does not answer within the budget, and leaves its lead pending', async () => {
    const read = countingReader(new Set(), 500);
    const queued: string[] = [];
    const { screened, pending } = await screenLeads(
      { db: env.DB, now: t0, read, inlineBudgetMs: 20, enqueue: async (url) => void queued.push(url) },
      [lead('c1', 'https://slow-site.jp/')],
    );
    expect(screened).toEqual([]);
    expect(pending.map((p) => p.siteKey)).toEqual(['slow-site.jp']);
    expect(queued).toEqual(['https://slow-site.jp/']);
  });
});

describe('screening in the pull', () => {
  async function pull(call: (path: string, init?: RequestInit) => Response | Promise<Response>, headers: Record<string, string>) {
    const response = await call('/v1/pulls', { method: 'POST', headers, body: '{}' });
    expect(response.status, await response.clone().text()).toBe(200);
    return PullBatch.parse(await response.json());
  }

  it('never hands out a company whose website publishes a refusal, and shows the contact details it found', async () => {
    const app = createApp(new TestClock().read);
    const call = (path: string, init: RequestInit = {}) => app.request(path, init, env);
    const headers = await newTenant(call);
    await call('/v1/profile', { method: 'PUT', headers, body: json(profile({ dailyLimit: 60, requireWebsite: true })) });
    const batch = await pull(call, headers);
    expect(batch.leads.length).toBeGreaterThan(40);
    let withEmail = 0;
    for (const l of batch.leads) {
      const truth = (await (await fetch(`${env.PLACES_BASE_URL}/__emulator/places/${l.placeId}`)).json()) as { site?: { refuses?: boolean } };
      expect(truth.site?.refuses ?? false, `${l.name} (${l.website}) publishes a refusal`).toBe(false);
      expect(l.screening.verdict).toBe('clear');
      if (l.emails.length > 0) withEmail++;
    }
    expect(withEmail).toBeGreaterThan(0);
    const refusing = await env.DB.prepare(`SELECT COUNT(*) AS n FROM site_screenings WHERE verdict = 'refuses'`).first<{ n: number }>();
    expect(refusing?.n).toBeGreaterThan(0);
  });

  it('holds back leads whose site is not screened yet, then serves them once the queue has read it', async () => {
    const clock = new TestClock();
    const app = createApp(clock.read);
    const bound = { ...env, SCREEN_INLINE_SECONDS: '0', WORK_QUEUE: undefined };
    const call = (path: string, init: RequestInit = {}) => app.request(path, init, bound);
    const headers = await newTenant(call);
    await call('/v1/profile', {
      method: 'PUT',
      headers,
      body: json(profile({ areas: ['福岡県福岡市中央区'], industries: ['税理士'], dailyLimit: 5, requireWebsite: true })),
    });
    const first = await pull(call, headers);
    expect(first.leads).toEqual([]);
    expect(first.status.notices.map((n) => n.code)).toContain('SCREENING_PENDING');
    await call(`/v1/pulls/${first.batchId}/ack`, { method: 'POST', headers });

    // The queue consumer reads the held sites.
    const held = await env.DB.prepare('SELECT lead FROM held_leads').all<{ lead: string }>();
    expect(held.results.length).toBeGreaterThan(0);
    const messages = held.results.map((row, i) => ({
      id: `s${i}`,
      timestamp: new Date(),
      attempts: 1,
      body: { kind: 'screen', url: (JSON.parse(row.lead) as Lead).website ?? '' } as WorkMessage,
    }));
    const batch = createMessageBatch<WorkMessage>('tsugi-work', messages);
    const ctx = createExecutionContext();
    await worker.queue(batch, { ...env, DEV_CLOCK_URL: '' }, ctx);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(messages.length);

    const second = await pull(call, headers);
    expect(second.leads.length).toBeGreaterThan(0);
    for (const l of second.leads) expect(l.screening.verdict).toBe('clear');
  });

  it('stores a verdict with its evidence for 30 days', async () => {
    await putScreening(env.DB, 'thirty-days.jp', { verdict: 'refuses', evidence: [{ url: 'u', phrase: 'p', context: 'c' }], emails: [], contactForm: null, operator: null, checkedAt: t0.toISOString() }, t0);
    const row = await env.DB.prepare(`SELECT expires_at FROM site_screenings WHERE site_key = 'thirty-days.jp'`).first<{ expires_at: string }>();
    expect(Date.parse(row?.expires_at ?? '') - t0.getTime()).toBe(VERDICT_TTL_MS);
  });

  it('keeps who runs the site with its verdict', async () => {
    const operator = { name: '有限会社竹内商事', corporateNumber: '7010001008844', address: '東京都渋谷区道玄坂1-2-3' };
    await putScreening(env.DB, 'operator.jp', { verdict: 'clear', evidence: [], emails: [], contactForm: null, operator, checkedAt: t0.toISOString() }, t0);
    await putScreening(env.DB, 'nobody.jp', { verdict: 'clear', evidence: [], emails: [], contactForm: null, operator: null, checkedAt: t0.toISOString() }, t0);
    const stored = await getScreenings(env.DB, ['operator.jp', 'nobody.jp'], t0);
    expect(stored.get('operator.jp')?.operator).toEqual(operator);
    expect(stored.get('nobody.jp')?.operator).toBeNull();
  });
});
