import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NO_FAULTS, startPlacesEmulator, type PlacesEmulator } from './server.ts';
import { renderSite } from './site-pages.ts';
import { REFUSAL_TEXTS, siteOrigin, type SiteSpec } from './sites.ts';

let emulator: PlacesEmulator;
let specs: SiteSpec[];

beforeAll(async () => {
  emulator = await startPlacesEmulator({ port: 0, seed: 5 });
  specs = [...emulator.world.sites.values()];
});

afterAll(async () => {
  await emulator.close();
});

beforeEach(() => {
  emulator.setFaults(NO_FAULTS);
});

/** What a reader sees: tags dropped, image alt text kept, references decoded, NFKC, no spaces. */
function visibleText(html: string): string {
  return html
    .replace(/<img[^>]*\salt="([^"]*)"[^>]*>/g, ' $1 ')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .normalize('NFKC')
    .replace(/\s+/g, '');
}

const squash = (text: string) => text.normalize('NFKC').replace(/\s+/g, '');

function pageText(host: string, path: string): string {
  const res = renderSite(emulator.world, host, path);
  expect(res.status).toBe(200);
  return visibleText(String(res.body));
}

const get = (host: string, path: string) => fetch(`${emulator.url}/sites/${host}${path}`, { redirect: 'manual' });

describe('refusals of sales contact', () => {
  it('are published by about 8 % of sites', () => {
    const share = specs.filter((s) => s.refusal).length / specs.length;
    expect(share).toBeGreaterThan(0.06);
    expect(share).toBeLessThan(0.1);
  });

  it('appear, in whatever markup, on the page the truth names', () => {
    const refusing = specs.filter((s) => s.refusal && s.role !== 'not_found' && s.role !== 'server_error');
    const variants = new Set(refusing.map((s) => s.refusal?.variant));
    expect(variants.size).toBeGreaterThanOrEqual(6);
    const missing = refusing.filter((spec) => {
      const truth = emulator.world.siteTruthFor(spec.businessIds[0] as string);
      if (!truth?.refuses || !truth.refusalUrl || !truth.refusalText) return true;
      const path = new URL(truth.refusalUrl).pathname;
      return !pageText(spec.host, path).includes(squash(truth.refusalText));
    });
    expect(missing.map((s) => s.host)).toEqual([]);
  });

  it('never appear on the top or contact page of a site that does not refuse', () => {
    const texts = REFUSAL_TEXTS.map(squash);
    const plain = specs.filter((s) => !s.refusal && (s.role === 'normal' || s.role === 'slow')).slice(0, 1500);
    const leaking = plain.filter((spec) => {
      const pages = [pageText(spec.host, '/'), ...(spec.contactPath ? [pageText(spec.host, spec.contactPath)] : [])];
      return pages.some((page) => texts.some((t) => page.includes(t)));
    });
    expect(leaking.map((s) => s.host)).toEqual([]);
  });

  it('have look-alike phrases on non-refusing sites, which the truth marks as not refusing', () => {
    const tricky = specs.filter((s) => !s.refusal && s.hardNegatives.length > 0 && s.role === 'normal');
    expect(tricky.length).toBeGreaterThan(specs.length * 0.2);
    const spec = tricky.find((s) => s.hardNegatives.some((h) => h.where === 'top')) as SiteSpec;
    const truth = emulator.world.siteTruthFor(spec.businessIds[0] as string);
    expect(truth?.refuses).toBe(false);
    const top = pageText(spec.host, '/');
    for (const h of spec.hardNegatives.filter((x) => x.where === 'top')) expect(top).toContain(squash(h.text));
    expect(specs.some((s) => s.blogPath)).toBe(true);
  });
});

describe('contact pages', () => {
  it('show the truth emails and forms', () => {
    const withMail = specs.filter((s) => (s.contact === 'mailto' || s.contact === 'text') && s.contactPath && s.role === 'normal').slice(0, 50);
    for (const spec of withMail) {
      const truth = emulator.world.siteTruthFor(spec.businessIds[0] as string);
      expect(truth?.emails.length).toBeGreaterThan(0);
      const html = String(renderSite(emulator.world, spec.host, spec.contactPath as string).body);
      for (const email of truth?.emails ?? []) expect(html.toLowerCase()).toContain(email);
    }
    const form = specs.find((s) => s.contact === 'form' && s.contactPath && s.role === 'normal') as SiteSpec;
    const truth = emulator.world.siteTruthFor(form.businessIds[0] as string);
    expect(truth?.contactFormUrl).toBe(`${siteOrigin(form)}${form.contactPath}`);
    expect(String(renderSite(emulator.world, form.host, form.contactPath as string).body)).toContain(`<form action="${form.formAction}"`);
    const image = specs.find((s) => s.contact === 'image' && s.role === 'normal') as SiteSpec;
    expect(emulator.world.siteTruthFor(image.businessIds[0] as string)).toMatchObject({ emails: [], imageOnlyEmail: true });
  });
});

describe('serving over HTTP', () => {
  it('serves robots.txt with its disallowed paths, or 404 when a site has none', async () => {
    const strict = specs.find((s) => s.robots.present && s.robots.disallow.length > 0 && s.role === 'normal') as SiteSpec;
    const res = await get(strict.host, '/robots.txt');
    expect(res.status).toBe(200);
    const text = await res.text();
    for (const path of strict.robots.disallow) expect(text).toContain(`Disallow: ${path}`);
    const none = specs.find((s) => !s.robots.present && s.role === 'normal') as SiteSpec;
    expect((await get(none.host, '/robots.txt')).status).toBe(404);
  });

  it('follows a chain of more than five redirects to the top page, and loops forever on another site', async () => {
    const host = emulator.world.specialSites.longRedirect as string;
    const start = emulator.world.businesses.find((b) => b.siteHost === host)?.websiteUri as string;
    let url = new URL(start);
    let hops = 0;
    for (;;) {
      const res = await get(url.host, url.pathname);
      if (res.status < 300 || res.status >= 400) {
        expect(res.status).toBe(200);
        break;
      }
      url = new URL(res.headers.get('location') as string, url);
      hops++;
      expect(hops).toBeLessThan(20);
    }
    expect(hops).toBeGreaterThan(5);
    expect(emulator.world.siteTruthFor(emulator.world.businesses.find((b) => b.siteHost === host)?.id as string)?.redirectHops).toBe(hops);

    const loop = emulator.world.specialSites.redirectLoop as string;
    let at = new URL(`https://${loop}/loop/a`);
    for (let i = 0; i < 10; i++) {
      const res = await get(at.host, at.pathname);
      expect([301, 302]).toContain(res.status);
      at = new URL(res.headers.get('location') as string, at);
    }
  });

  it('redirects an old host to the site with a 301', async () => {
    const moved = specs.find((s) => s.role === 'redirect') as SiteSpec;
    const res = await get(moved.aliasHosts[0] as string, '/');
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toMatch(/^https?:\/\//);
  });

  it('serves one page larger than 2 MB', async () => {
    const res = await get(emulator.world.specialSites.huge as string, '/');
    expect(res.status).toBe(200);
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(2 * 1024 * 1024);
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(2 * 1024 * 1024);
  });

  it('has sites answering 404 and 500, and slow ones that wait', async () => {
    const broken = specs.find((s) => s.role === 'not_found') as SiteSpec;
    expect((await get(broken.host, '/')).status).toBe(404);
    const failing = specs.find((s) => s.role === 'server_error') as SiteSpec;
    expect((await get(failing.host, '/')).status).toBe(500);
    emulator.setFaults({ siteLatencyMs: 300 });
    const slow = specs.find((s) => s.role === 'slow') as SiteSpec;
    const start = performance.now();
    expect((await get(slow.host, '/')).status).toBe(200);
    expect(performance.now() - start).toBeGreaterThanOrEqual(250);
  });

  it('serves Shift_JIS pages declared in the header or only in a meta tag', async () => {
    const [withHeader, metaOnly] = emulator.world.specialSites.shiftJis as [string, string];
    const a = await get(withHeader, '/');
    expect(a.headers.get('content-type')).toMatch(/Shift_JIS/i);
    const html = new TextDecoder('shift_jis').decode(await a.arrayBuffer());
    expect(html).toContain(emulator.world.sites.get(withHeader)?.title);
    const b = await get(metaOnly, '/');
    expect(b.headers.get('content-type')).toBe('text/html');
    expect(new TextDecoder('shift_jis').decode(await b.arrayBuffer())).toContain('charset=Shift_JIS');
  });

  it('serves chain branch pages and shared-platform pages', async () => {
    const branch = emulator.world.businesses.find((b) => b.chainKey === 'sora' && b.websiteUri) as { websiteUri: string; displayName: string };
    const url = new URL(branch.websiteUri);
    const res = await get(url.host, url.pathname);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(branch.displayName);
    const onPlatform = emulator.world.businesses.find((b) => b.websiteUri?.startsWith('https://beauty.hotpepper.jp/')) as { websiteUri: string; displayName: string };
    const p = new URL(onPlatform.websiteUri);
    const page = await get(p.host, p.pathname);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(onPlatform.displayName.replace(/&/g, '&amp;'));
    expect(emulator.siteUrl('https://www.sora-hair.jp/contact/')).toBe(`${emulator.url}/sites/www.sora-hair.jp/contact/`);
  });
});
