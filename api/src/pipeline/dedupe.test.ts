// Dedupe inside the Worker: rows the owner already has (sent once through /v1/known) never come
// back in a pull, however they are written; the key set is kept as keyed hashes only.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { KnownResponse, PullBatch, type Lead } from '../../../shared/contract.ts';
import { json, newTenant, profile, testApp, type Call } from '../../test/helpers.ts';

async function pull(call: Call, headers: Record<string, string>) {
  const response = await call('/v1/pulls', { method: 'POST', headers, body: '{}' });
  expect(response.status, await response.clone().text()).toBe(200);
  return PullBatch.parse(await response.json());
}

const fullWidth = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const KANJI = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
const kanjiNumber = (n: number) => (n < 10 ? KANJI[n] : `${n >= 20 ? KANJI[Math.floor(n / 10)] : ''}十${n % 10 ? KANJI[n % 10] : ''}`);

/** 「道玄坂１丁目２−３」 as an owner types it: 「道玄坂一丁目2番3号」. */
const ownersAddress = (address: string) =>
  address
    .normalize('NFKC')
    .replace(/^〒\d{3}-?\d{4}\s*/, '')
    .replace(/(\d+)丁目/, (_, n: string) => `${kanjiNumber(Number(n))}丁目`)
    .replace(/丁目(\d+)[−-](\d+)/, '丁目$1番$2号');

/** The same company as the owner might have typed it: other widths, numerals, phone format, URL. */
const retyped = (lead: Lead, i: number) => ({
  name: i % 2 ? fullWidth(lead.name) : lead.name.replace(/株式会社/, '(株)'),
  address: i % 2 ? fullWidth(lead.address.replace(/^〒\d{3}-?\d{4}\s*/, '')).replace(/－/g, 'ー') : ownersAddress(lead.address),
  phone: lead.phone ? `+81 ${lead.phone.replace(/^0/, '')}` : null,
  website: lead.website ? lead.website.replace(/\/$/, '') + '/index.html' : null,
});

describe('dedupe against the owner\'s rows', () => {
  it('never returns a company the owner already has, however it is written', async () => {
    const { call } = testApp();
    const scout = await newTenant(call);
    await call('/v1/profile', { method: 'PUT', headers: scout, body: json(profile({ dailyLimit: 12 })) });
    const companies = (await pull(call, scout)).leads;
    expect(companies.length).toBe(12);

    const owner = await newTenant(call);
    const known = await call('/v1/known', { method: 'POST', headers: owner, body: json({ rows: companies.map(retyped) }) });
    expect(known.status, await known.clone().text()).toBe(200);
    expect(KnownResponse.parse(await known.json()).ids).toHaveLength(12);

    await call('/v1/profile', { method: 'PUT', headers: owner, body: json(profile({ dailyLimit: 40 })) });
    const batch = await pull(call, owner);
    expect(batch.leads.length).toBeGreaterThan(20);
    const had = new Set(companies.map((c) => c.placeId));
    const hadPhones = new Set(companies.map((c) => c.phone));
    for (const lead of batch.leads) {
      expect(had.has(lead.placeId), `${lead.name} came back`).toBe(false);
      expect(hadPhones.has(lead.phone), `${lead.name} (${lead.phone}) came back`).toBe(false);
    }
  });

  it('answers the same id for the same row, and keeps only keyed hashes', async () => {
    const { call } = testApp();
    const headers = await newTenant(call);
    const row = { name: '株式会社山田工務店', address: '東京都渋谷区道玄坂1-2-3', phone: '03-1234-5678', website: 'https://yamada-koumuten.jp/' };
    const first = KnownResponse.parse(await (await call('/v1/known', { method: 'POST', headers, body: json({ rows: [row] }) })).json());
    const again = KnownResponse.parse(await (await call('/v1/known', { method: 'POST', headers, body: json({ rows: [row, { name: '別の会社' }] }) })).json());
    expect(again.ids[0]).toBe(first.ids[0]);
    expect(again.ids[1]).not.toBe(first.ids[0]);
    const { results } = await env.DB.prepare('SELECT key_hash FROM tenant_keys').all<{ key_hash: string }>();
    expect(results.length).toBeGreaterThan(0);
    for (const { key_hash } of results) {
      expect(key_hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(key_hash).not.toContain('81312345678');
    }
  });

  it.each([
    ['no rows', { rows: [] }],
    ['an unknown field', { rows: [{ name: 'a', colour: 'red' }] }],
    ['a wrong type', { rows: [{ name: 42 }] }],
    ['too many rows', { rows: Array.from({ length: 2001 }, () => ({ name: 'a' })) }],
  ])('answers 400 with a code for %s', async (_case, body) => {
    const { call } = testApp();
    const headers = await newTenant(call);
    const response = await call('/v1/known', { method: 'POST', headers, body: json(body) });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('INVALID_REQUEST');
  });
});
