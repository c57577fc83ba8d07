// The operator extractor against the emulator's world (held out: the truth is the world's hidden
// corporation, never seen by the extractor). Company pages of incorporated businesses must give
// back their registered name, 法人番号 (when the page shows it) and address; shops without a
// corporation must give none. Then the site reader, through the same synthetic web, must report
// the same operator for the whole site. Runs in Node: the world is built with Node APIs.
import { describe, expect, it } from 'vitest';
import { normaliseAddress, normaliseName } from '../api/src/dedupe/normalise.ts';
import { findOperator } from '../api/src/screening/operator.ts';
import { parsePage } from '../api/src/screening/page.ts';
import { decodeHtml, screenSite } from '../api/src/screening/reader.ts';
import { getWorld, type Business } from './emulators/places/dataset.ts';
import { renderSite } from './emulators/places/site-pages.ts';
import { siteOrigin } from './emulators/places/sites.ts';

const world = getWorld();
const SAMPLE = 200;

/** One business per own website that has a company page, spread evenly over the world (deterministic). */
function sample(withCorporation: boolean, count: number): Business[] {
  const seen = new Set<string>();
  const all = world.businesses.filter((b) => {
    if (!b.siteHost || seen.has(b.siteHost) || (b.corporation !== undefined) !== withCorporation) return false;
    const spec = world.sites.get(b.siteHost);
    if (!spec?.companyPath || spec.role !== 'normal') return false;
    seen.add(b.siteHost);
    return true;
  });
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}

function companyPageOf(b: Business): string {
  const spec = world.sites.get(b.siteHost as string);
  const answer = renderSite(world, b.siteHost as string, spec?.companyPath as string);
  expect(answer.status).toBe(200);
  return typeof answer.body === 'string' ? answer.body : decodeHtml(answer.body, answer.headers['Content-Type'] ?? '');
}

/** Where the world's company page puts the operator's address: a chain's head office, else the shop's own. */
const truthAddress = (b: Business): string => (world.sites.get(b.siteHost as string)?.kind === 'chain' ? (b.corporation?.headOfficeAddress as string) : b.formattedAddress);

describe('findOperator on the emulator world', () => {
  const corporate = sample(true, SAMPLE);

  it('samples enough incorporated businesses with a company page', () => {
    expect(corporate.length).toBeGreaterThanOrEqual(SAMPLE * 0.9);
  });

  it("recovers each company's registered name, 法人番号 and address from its company page", () => {
    const misses: string[] = [];
    let numbersShown = 0;
    for (const b of corporate) {
      const corp = b.corporation!;
      const html = companyPageOf(b);
      const operator = findOperator(parsePage(html));
      if (!operator || normaliseName(operator.name).core !== normaliseName(corp.legalName).core) {
        misses.push(`${b.siteHost}: ${corp.legalName} → ${JSON.stringify(operator)}`);
        continue;
      }
      if (html.includes(corp.corporateNumber)) numbersShown++;
      // Only the truth's number, and only when the page shows it.
      expect(operator.corporateNumber, b.siteHost).toBe(html.includes(corp.corporateNumber) ? corp.corporateNumber : null);
      expect(operator.address && normaliseAddress(operator.address).key, b.siteHost).toBe(normaliseAddress(truthAddress(b)).key);
    }
    expect(misses).toEqual([]);
    // The world shows the number on about 30% of company pages: the check above saw some.
    expect(numbersShown).toBeGreaterThan(SAMPLE * 0.15);
  });

  it('names no operator on the shop pages of businesses without a corporation', () => {
    const shops = sample(false, 100);
    expect(shops.length).toBeGreaterThan(50);
    const named = shops.map((b) => ({ host: b.siteHost, operator: findOperator(parsePage(companyPageOf(b))) })).filter((r) => r.operator !== null);
    expect(named).toEqual([]);
  });
});

describe('screenSite reports the operator of emulator sites', () => {
  /** The synthetic web in memory: every request answered by renderSite. */
  const fetchWorld = (async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const answer = renderSite(world, url.hostname, `${url.pathname}${url.search}`);
    return new Response(answer.body as BodyInit, { status: answer.status, headers: answer.headers });
  }) as typeof fetch;

  it('takes the company page operator for sites that link their 会社概要', async () => {
    const sites = sample(true, 40);
    const misses: string[] = [];
    for (const b of sites) {
      const spec = world.sites.get(b.siteHost as string)!;
      const report = await screenSite(`${siteOrigin(spec)}/`, { fetch: fetchWorld, robots: false });
      const corp = b.corporation!;
      const operator = report.operator;
      if (!operator || normaliseName(operator.name).core !== normaliseName(corp.legalName).core || normaliseAddress(operator.address ?? '').key !== normaliseAddress(truthAddress(b)).key) {
        misses.push(`${b.siteHost} (${report.pages.map((p) => `${p.url} ${p.status}${p.skipped ? ` ${p.skipped}` : ''}`).join(', ')}): ${corp.legalName} → ${JSON.stringify(operator)}`);
      }
    }
    expect(misses).toEqual([]);
  });
});
