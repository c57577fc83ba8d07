// The site reader against scripted websites: which pages it reads, what it refuses to fetch, its
// limits (redirects, bytes, time), robots.txt, charsets, and the report it assembles.
import { describe, expect, it } from 'vitest';
import { DEFAULT_USER_AGENT, decodeHtml, parseRobots, robotsAllows, screenHtml, screenSite, siteFamily, type ReaderOptions } from './reader.ts';

interface Route {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Uint8Array | (() => ReadableStream<Uint8Array>);
  /** Answers only after this long (unless the request is aborted first). */
  delayMs?: number;
}

/** A scripted web: exact URL → answer; anything else 404. Records every URL requested. */
function scriptedWeb(routes: Record<string, Route>) {
  const requested: string[] = [];
  const userAgents: string[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    requested.push(url);
    userAgents.push(new Headers(init?.headers).get('user-agent') ?? '');
    expect(init?.redirect).toBe('manual');
    const route = routes[url];
    if (route?.delayMs) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(resolve, route.delayMs);
        init?.signal?.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new DOMException('aborted', 'AbortError'));
        });
      });
    }
    if (!route) return new Response('<html><body><h1>Not Found</h1></body></html>', { status: 404, headers: { 'Content-Type': 'text/html' } });
    const body = typeof route.body === 'function' ? route.body() : (route.body ?? '');
    // The workers types narrow BodyInit to ArrayBuffer-backed views; these bodies are that at runtime.
    return new Response(body as BodyInit, { status: route.status ?? 200, headers: { 'Content-Type': 'text/html; charset=UTF-8', ...route.headers } });
  }) as typeof globalThis.fetch;
  return { fetch, requested, userAgents };
}

/** A page in the layout the tests share: a nav, `main`, a footer. */
function html(main: string, { nav = '', footer = '', title = '桜工務店' } = {}): string {
  return `<!DOCTYPE html><html lang="ja"><head><meta charset="UTF-8"><title>${title}</title></head><body><header><nav><ul><li><a href="/">ホーム</a></li>${nav}</ul></nav></header><main>${main}</main><footer>${footer}<p>&copy; 2026 桜工務店</p></footer></body></html>`;
}

const TOP = 'https://www.sakura-koumuten.jp/';
const REFUSAL = '営業電話はお断りしております。';
const CONTACT_FORM = `<form action="/contact/send.php" method="post"><dl><dt>お名前</dt><dd><input name="name"></dd><dt>お問い合わせ内容</dt><dd><textarea name="message"></textarea></dd></dl><button type="submit">送信</button></form>`;

const read = (url: string, web: ReturnType<typeof scriptedWeb>, options: ReaderOptions = {}) => screenSite(url, { fetch: web.fetch, ...options });

describe('screenSite: pages read', () => {
  it('finds the contact page from the top page and reports its refusal, form and address', async () => {
    const web = scriptedWeb({
      [TOP]: { body: html('<p>地域密着のリフォーム</p>', { nav: '<li><a href="/works/">施工事例</a></li><li><a href="/contact/">お問い合わせ</a></li>' }) },
      [`${TOP}contact/`]: { body: html(`<h2>お問い合わせ</h2>${CONTACT_FORM}<p class="notice">${REFUSAL}</p><p>E-mail: info@sakura-koumuten.jp</p>`) },
    });
    const report = await read(TOP, web);
    expect(report).toMatchObject({ input: TOP, verdict: 'refuses', emails: ['info@sakura-koumuten.jp'], contactForm: `${TOP}contact/` });
    expect(report.error).toBeUndefined();
    expect(report.evidence.length).toBeGreaterThan(0);
    expect(report.evidence.every((e) => e.url === `${TOP}contact/`)).toBe(true);
    expect(report.pages.map((p) => [p.url, p.status])).toEqual([
      [TOP, 200],
      [`${TOP}contact/`, 200],
    ]);
    // Pages a visitor would not open for contact details are not read.
    expect(web.requested).not.toContain(`${TOP}works/`);
  });

  it('reads contact pages before company pages and stops at maxPages', async () => {
    const nav = ['/about/', '/company/', '/contact/', '/inquiry/', '/otoiawase/'].map((p, i) => `<li><a href="${p}">${i < 2 ? '会社概要' : 'お問い合わせ'}</a></li>`).join('');
    const routes: Record<string, Route> = { [TOP]: { body: html('', { nav }) } };
    for (const p of ['about/', 'company/', 'contact/', 'inquiry/', 'otoiawase/']) routes[`${TOP}${p}`] = { body: html(`<p>${p}</p>`) };
    const web = scriptedWeb(routes);
    const report = await read(TOP, web, { maxPages: 3 });
    const readUrls = report.pages.filter((p) => !p.skipped).map((p) => p.url);
    expect(readUrls).toEqual([TOP, `${TOP}contact/`, `${TOP}inquiry/`]);
    expect(report.pages.filter((p) => p.skipped === 'limit').map((p) => p.url)).toEqual([`${TOP}otoiawase/`, `${TOP}about/`, `${TOP}company/`]);
  });

  it('does not follow links to other sites, but does follow the same site on another subdomain', async () => {
    const web = scriptedWeb({
      'https://sakura-koumuten.jp/': {
        body: html('', { nav: '<li><a href="https://www.portal-site.jp/contact/">お問い合わせ（ポータル）</a></li><li><a href="https://www.sakura-koumuten.jp/company/">会社概要</a></li>' }),
      },
      'https://www.sakura-koumuten.jp/company/': { body: html('<table><tr><th>会社名</th><td>株式会社桜工務店</td></tr></table>') },
    });
    const report = await read('https://sakura-koumuten.jp/', web);
    expect(web.requested).not.toContain('https://www.portal-site.jp/contact/');
    expect(web.requested).not.toContain('https://www.portal-site.jp/robots.txt');
    expect(report.pages).toContainEqual({ url: 'https://www.portal-site.jp/contact/', status: 0, bytes: 0, skipped: 'offsite' });
    expect(report.pages.some((p) => p.url === 'https://www.sakura-koumuten.jp/company/' && p.status === 200)).toBe(true);
  });

  it('answers clear when no page refuses, with no evidence', async () => {
    const web = scriptedWeb({ [TOP]: { body: html('<p>営業時間：9:00〜18:00</p><p>営業日：月〜土</p>') } });
    const report = await read(TOP, web);
    expect(report).toMatchObject({ verdict: 'clear', evidence: [], emails: [], contactForm: null });
  });

  it('takes a contact link that redirects to a hosted form as the contact form', async () => {
    const form = 'https://docs.google.com/forms/d/e/1FAIpQLSabc/viewform';
    const web = scriptedWeb({
      [TOP]: { body: html('', { nav: '<li><a href="/contact">お問い合わせ</a></li>' }) },
      [`${TOP}contact`]: { status: 302, headers: { Location: form } },
    });
    const report = await read(TOP, web);
    expect(report.contactForm).toBe(form);
    expect(web.requested).not.toContain(form);
  });

  it('identifies itself with a polite user agent', async () => {
    const web = scriptedWeb({ [TOP]: { body: html('') } });
    await read(TOP, web);
    expect(web.userAgents.length).toBeGreaterThan(0);
    expect(web.userAgents.every((ua) => ua === DEFAULT_USER_AGENT && /^TsugiBot\/1\.0 \(\+https:\/\/tsugi\.example\/bot; /.test(ua))).toBe(true);
  });

  it('sends a custom user agent with Japanese in it percent-encoded (header values are bytes)', async () => {
    const web = scriptedWeb({ [TOP]: { body: html('') } });
    const report = await read(TOP, web, { userAgent: 'TsugiBot/1.0 (営業お断りの確認のみ)' });
    expect(report.verdict).toBe('clear');
    expect(web.userAgents[0]).toBe(`TsugiBot/1.0 (${encodeURIComponent('営業お断りの確認のみ')})`);
  });

  it('reads the real URL through mapUrl and reports the real URL', async () => {
    const base = 'http://127.0.0.1:8788/sites';
    const web = scriptedWeb({
      [`${base}/www.sakura-koumuten.jp/`]: { body: html(`<p>${REFUSAL}</p>`, { nav: '<li><a href="/contact/">お問い合わせ</a></li>' }) },
      [`${base}/www.sakura-koumuten.jp/contact/`]: { body: html(CONTACT_FORM) },
    });
    const report = await read(TOP, web, { mapUrl: (url) => `${base}/${url.host}${url.pathname}${url.search}` });
    expect(report.verdict).toBe('refuses');
    expect(report.evidence[0]?.url).toBe(TOP);
    expect(report.contactForm).toBe(`${TOP}contact/`);
  });
});

describe('screenSite: robots.txt', () => {
  it('does not read a page robots.txt disallows, and fetches robots.txt once', async () => {
    const web = scriptedWeb({
      [`${TOP}robots.txt`]: { headers: { 'Content-Type': 'text/plain' }, body: 'User-agent: *\nDisallow: /contact/\n' },
      [TOP]: { body: html('', { nav: '<li><a href="/contact/">お問い合わせ</a></li><li><a href="/company/">会社概要</a></li>' }) },
      [`${TOP}company/`]: { body: html('<p>会社概要</p>') },
    });
    const report = await read(TOP, web);
    expect(web.requested).not.toContain(`${TOP}contact/`);
    expect(web.requested.filter((u) => u.endsWith('/robots.txt'))).toHaveLength(1);
    expect(report.pages).toContainEqual({ url: `${TOP}contact/`, status: 0, bytes: 0, skipped: 'robots' });
    expect(report.verdict).toBe('clear');
  });

  it('obeys a group for its own agent over the * group', async () => {
    const web = scriptedWeb({
      [`${TOP}robots.txt`]: { body: 'User-agent: *\nAllow: /\n\nUser-agent: TsugiBot\nDisallow: /\n' },
      [TOP]: { body: html('') },
    });
    const report = await read(TOP, web);
    expect(report).toMatchObject({ verdict: 'error', error: { code: 'ROBOTS_DISALLOWED' }, pages: [{ url: TOP, status: 0, bytes: 0, skipped: 'robots' }] });
    expect(web.requested).toEqual([`${TOP}robots.txt`]);
  });

  it('keeps out of a site whose robots.txt answers 5xx, and says so', async () => {
    const web = scriptedWeb({ [`${TOP}robots.txt`]: { status: 503 }, [TOP]: { body: html('') } });
    const report = await read(TOP, web);
    expect(report.error?.code).toBe('HTTP_503');
    expect(web.requested).not.toContain(TOP);
  });

  it('reads everything when robots is off', async () => {
    const web = scriptedWeb({ [TOP]: { body: html('') } });
    await read(TOP, web, { robots: false });
    expect(web.requested).toEqual([TOP]);
  });
});

describe('parseRobots / robotsAllows', () => {
  const allows = (text: string, path: string) => robotsAllows(parseRobots(text, 'tsugibot'), new URL(path, TOP));
  it('applies the longest match, allow on ties, wildcards and $', () => {
    const text = 'User-agent: *\nDisallow: /private/\nAllow: /private/open/\nDisallow: /*.pdf$\nDisallow: /tmp*x\n';
    expect(allows(text, '/private/a')).toBe(false);
    expect(allows(text, '/private/open/a')).toBe(true);
    expect(allows(text, '/files/a.pdf')).toBe(false);
    expect(allows(text, '/files/a.pdf?x=1')).toBe(true);
    expect(allows(text, '/tmp/abcx')).toBe(false);
    expect(allows(text, '/contact/')).toBe(true);
  });
  it('treats an empty Disallow as allowing everything, and merges groups sharing agents', () => {
    expect(allows('User-agent: *\nDisallow:\n', '/a')).toBe(true);
    expect(allows('User-agent: googlebot\nUser-agent: tsugibot\nDisallow: /x/\n', '/x/1')).toBe(false);
  });
});

describe('screenSite: limits', () => {
  it('follows up to five redirects and refuses a sixth (TOO_MANY_REDIRECTS)', async () => {
    const routes = (hops: number): Record<string, Route> => {
      const out: Record<string, Route> = {};
      for (let i = 1; i <= hops; i++) out[`${TOP}r/${i}`] = { status: 302, headers: { Location: i === hops ? `${TOP}home/` : `${TOP}r/${i + 1}` } };
      out[`${TOP}home/`] = { body: html(`<p>${REFUSAL}</p>`) };
      return out;
    };
    const five = await read(`${TOP}r/1`, scriptedWeb(routes(5)));
    expect(five).toMatchObject({ verdict: 'refuses' });
    expect(five.pages[0]?.url).toBe(`${TOP}home/`);
    const six = await read(`${TOP}r/1`, scriptedWeb(routes(6)));
    expect(six).toMatchObject({ verdict: 'error', error: { code: 'TOO_MANY_REDIRECTS' } });
  });

  it('stops a redirect loop', async () => {
    const web = scriptedWeb({ [`${TOP}a`]: { status: 302, headers: { Location: '/b' } }, [`${TOP}b`]: { status: 302, headers: { Location: '/a' } } });
    const report = await read(`${TOP}a`, web);
    expect(report.error?.code).toBe('TOO_MANY_REDIRECTS');
    expect(web.requested.filter((u) => !u.endsWith('robots.txt'))).toEqual([`${TOP}a`, `${TOP}b`]);
  });

  it.each(['http://169.254.169.254/latest/meta-data/', 'http://127.0.0.1:6379/', 'http://[::1]/', 'http://2130706433/', 'file:///etc/passwd'])(
    'refuses a redirect into %s without fetching it',
    async (location) => {
      const web = scriptedWeb({ [TOP]: { status: 301, headers: { Location: location } } });
      const report = await read(TOP, web);
      expect(report.verdict).toBe('error');
      expect(['URL_PRIVATE', 'URL_SCHEME']).toContain(report.error?.code);
      expect(web.requested).toEqual([`${TOP}robots.txt`, TOP]);
    },
  );

  it('refuses a private input unless private hosts are allowed', async () => {
    const web = scriptedWeb({ 'http://127.0.0.1:8080/': { body: html(`<p>${REFUSAL}</p>`) } });
    expect((await read('http://127.0.0.1:8080/', web)).error?.code).toBe('URL_PRIVATE');
    expect(web.requested).toEqual([]);
    expect((await read('http://127.0.0.1:8080/', web, { allowPrivateHosts: true })).verdict).toBe('refuses');
  });

  it('cuts a 3 MB page at the byte cap without downloading the rest, and still reads what came', async () => {
    let produced = 0;
    const filler = new TextEncoder().encode(`<p>${'施工事例：水まわりリフォーム。'.repeat(200)}</p>\n`);
    const head = new TextEncoder().encode(html(`<p class="notice">${REFUSAL}</p><p>info@sakura-koumuten.jp</p>`).replace('</main>', ''));
    const stream = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(head);
          produced += head.length;
        },
        pull(controller) {
          if (produced >= 3_000_000) return controller.close();
          controller.enqueue(filler);
          produced += filler.length;
        },
      }, { highWaterMark: 0 });
    const web = scriptedWeb({ [TOP]: { body: stream } });
    const report = await read(TOP, web);
    expect(report.pages[0]?.bytes).toBe(1_500_000);
    expect(produced).toBeLessThan(2_000_000);
    expect(report).toMatchObject({ verdict: 'refuses', emails: ['info@sakura-koumuten.jp'] });
  });

  it('gives up on a page that does not answer in time (SITE_TIMEOUT)', async () => {
    const web = scriptedWeb({ [TOP]: { delayMs: 5_000, body: html('') } });
    const started = Date.now();
    const report = await read(TOP, web, { timeoutMs: 150 });
    expect(report).toMatchObject({ verdict: 'error', error: { code: 'SITE_TIMEOUT' } });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('times out even when the fetch ignores its signal', async () => {
    const fetch = (() => new Promise<Response>(() => {})) as typeof globalThis.fetch;
    const report = await screenSite(TOP, { fetch, timeoutMs: 100, robots: false });
    expect(report.error?.code).toBe('SITE_TIMEOUT');
  });

  it('reports a missing top page as an error (HTTP_404)', async () => {
    const report = await read(TOP, scriptedWeb({}));
    expect(report).toMatchObject({ verdict: 'error', error: { code: 'HTTP_404' }, pages: [{ url: TOP, status: 404 }] });
  });

  it('reports an unreachable site and an unparsable input', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof globalThis.fetch;
    expect((await screenSite(TOP, { fetch })).error?.code).toBe('SITE_UNREACHABLE');
    expect((await screenSite('not a url', { fetch })).error?.code).toBe('URL_INVALID');
  });

  it('refuses a top page that is not HTML (NOT_HTML)', async () => {
    const report = await read(TOP, scriptedWeb({ [TOP]: { headers: { 'Content-Type': 'application/pdf' }, body: '%PDF-1.4' } }));
    expect(report.error?.code).toBe('NOT_HTML');
  });

  it('keeps a missing contact page from failing the site', async () => {
    const web = scriptedWeb({ [TOP]: { body: html(`<p>${REFUSAL}</p>`, { nav: '<li><a href="/contact/">お問い合わせ</a></li>' }) } });
    const report = await read(TOP, web);
    expect(report.verdict).toBe('refuses');
    expect(report.pages).toContainEqual({ url: `${TOP}contact/`, status: 404, bytes: expect.any(Number) });
  });
});

// <html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"><title>お問い合わせ</title></head>
// <body><p>営業電話はお断りしております。</p><p>メール：info@sakura-koumuten.jp</p></body></html>, in Shift_JIS.
const SHIFT_JIS_PAGE = Uint8Array.from(
  atob(
    'PGh0bWw+PGhlYWQ+PG1ldGEgaHR0cC1lcXVpdj0iQ29udGVudC1UeXBlIiBjb250ZW50PSJ0ZXh0L2h0bWw7IGNoYXJzZXQ9U2hpZnRfSklTIj48dGl0bGU+gqiW4oKijYeC7YK5PC90aXRsZT48L2hlYWQ+PGJvZHk+PHA+iWOLxpNkmGKCzYKokmaC6IK1gsSCqILogtyCt4FCPC9wPjxwPoOBgVuDi4FGaW5mb0BzYWt1cmEta291bXV0ZW4uanA8L3A+PC9ib2R5PjwvaHRtbD4=',
  ),
  (c) => c.charCodeAt(0),
);

describe('charsets', () => {
  it('decodes Shift_JIS declared in the Content-Type header', async () => {
    const report = await read(TOP, scriptedWeb({ [TOP]: { headers: { 'Content-Type': 'text/html; charset=Shift_JIS' }, body: SHIFT_JIS_PAGE } }));
    expect(report).toMatchObject({ verdict: 'refuses', emails: ['info@sakura-koumuten.jp'] });
    expect(report.evidence[0]?.phrase).toContain('お断り');
  });

  it('decodes Shift_JIS declared only in a <meta http-equiv>', async () => {
    const report = await read(TOP, scriptedWeb({ [TOP]: { headers: { 'Content-Type': 'text/html' }, body: SHIFT_JIS_PAGE } }));
    expect(report.verdict).toBe('refuses');
  });

  it('decodes EUC-JP and <meta charset>, and falls back to UTF-8 on an unknown label', () => {
    // 営業 in EUC-JP
    const euc = Uint8Array.from([...new TextEncoder().encode('<meta charset="euc-jp"><p>'), 0xb1, 0xc4, 0xb6, 0xc8, ...new TextEncoder().encode('</p>')]);
    expect(decodeHtml(euc, 'text/html')).toContain('営業');
    expect(decodeHtml(new TextEncoder().encode('<p>営業</p>'), 'text/html; charset=x-no-such-charset')).toBe('<p>営業</p>');
    expect(decodeHtml(new TextEncoder().encode('<p>営業</p>'), '')).toBe('<p>営業</p>');
  });

  it('has the Shift_JIS and EUC-JP decoders in this runtime', () => {
    expect(new TextDecoder('shift_jis').decode(Uint8Array.from([0x82, 0xa0]))).toBe('あ');
    expect(new TextDecoder('euc-jp').decode(Uint8Array.from([0xa4, 0xa2]))).toBe('あ');
  });
});

describe('screenHtml', () => {
  it('reads one page: verdict, evidence, emails and form', () => {
    const report = screenHtml(html(`${CONTACT_FORM}<p>${REFUSAL}</p><p>info[at]sakura-koumuten.jp</p>`, { title: 'お問い合わせ' }), `${TOP}contact/`);
    expect(report).toMatchObject({ input: `${TOP}contact/`, verdict: 'refuses', emails: ['info@sakura-koumuten.jp'], contactForm: `${TOP}contact/` });
    expect(report.pages).toHaveLength(1);
  });
});

describe('operator', () => {
  // A real 法人番号 (check digit verified in gbizinfo/corporate-number.test.ts).
  const NUMBER = '7010001008844';
  const NAV = '<li><a href="/company/">会社概要</a></li><li><a href="/contact/">お問い合わせ</a></li>';
  const profile = (rows: [string, string][]) => `<table>${rows.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</table>`;

  it("takes the company page's operator over the contact page's and the top page's", async () => {
    const web = scriptedWeb({
      [TOP]: { body: html('<p>地域密着のリフォーム</p>', { nav: NAV, footer: '<p>株式会社桜ホールディングス</p><p>本社：東京都港区南青山2-2-2</p>' }) },
      [`${TOP}contact/`]: { body: html(`${CONTACT_FORM}<p>運営会社：株式会社サクラ企画</p>`) },
      [`${TOP}company/`]: { body: html(profile([['会社名', '株式会社桜工務店'], ['所在地', '〒154-0024 東京都世田谷区三軒茶屋2-11-22']])) },
    });
    const report = await read(TOP, web);
    expect(report.operator).toEqual({ name: '株式会社桜工務店', corporateNumber: null, address: '東京都世田谷区三軒茶屋2-11-22' });
  });

  it('prefers the page that publishes the 法人番号, and fills its address from a page naming the same company', async () => {
    const web = scriptedWeb({
      [TOP]: { body: html('', { nav: NAV }) },
      [`${TOP}contact/`]: { body: html(`${CONTACT_FORM}${profile([['販売業者', '（株）桜工務店'], ['法人番号', NUMBER]])}`) },
      [`${TOP}company/`]: { body: html(profile([['会社名', '株式会社桜工務店'], ['所在地', '東京都世田谷区三軒茶屋2-11-22']])) },
    });
    const report = await read(TOP, web);
    expect(report.operator).toEqual({ name: '(株)桜工務店', corporateNumber: NUMBER, address: '東京都世田谷区三軒茶屋2-11-22' });
  });

  it('does not fill the address from a page that names another company', async () => {
    const web = scriptedWeb({
      [TOP]: { body: html('', { nav: NAV, footer: '<p>株式会社桜ホールディングス</p><p>本社：東京都港区南青山2-2-2</p>' }) },
      [`${TOP}company/`]: { body: html(profile([['会社名', '株式会社桜工務店'], ['代表者', '代表取締役 桜井 太郎']])) },
    });
    const report = await read(TOP, web);
    expect(report.operator).toEqual({ name: '株式会社桜工務店', corporateNumber: null, address: null });
  });

  it("falls back to the top page's footer, and is null when no page names a corporation", async () => {
    const signed = await read(TOP, scriptedWeb({ [TOP]: { body: html('', { footer: '<p>株式会社桜ホールディングス</p><p>本社：東京都港区南青山2-2-2</p>' }) } }));
    expect(signed.operator).toEqual({ name: '株式会社桜ホールディングス', corporateNumber: null, address: '東京都港区南青山2-2-2' });
    // The shared layout's copyright names the 屋号 桜工務店 only.
    const unsigned = await read(TOP, scriptedWeb({ [TOP]: { body: html('<p>地域密着のリフォーム</p>') } }));
    expect(unsigned.operator).toBeNull();
  });

  it('is null when the site could not be read', async () => {
    expect((await read(TOP, scriptedWeb({}))).operator).toBeNull();
    expect((await screenSite('not a url')).operator).toBeNull();
  });

  it('is read by screenHtml from its one page', () => {
    const report = screenHtml(html(profile([['会社名', '株式会社桜工務店'], ['法人番号', NUMBER]])), `${TOP}company/`);
    expect(report.operator).toEqual({ name: '株式会社桜工務店', corporateNumber: NUMBER, address: null });
  });
});

describe('siteFamily', () => {
  it.each([
    ['www.sakura-koumuten.jp', 'sakura-koumuten.jp'],
    ['sakura-koumuten.jp', 'sakura-koumuten.jp'],
    ['www.sakura.co.jp', 'sakura.co.jp'],
    ['shop.sakura.co.jp', 'sakura.co.jp'],
    ['city.shibuya.tokyo.jp', 'city.shibuya.tokyo.jp'] /* shibuya.tokyo.jp is itself a public suffix */,
    ['a.b.example.com', 'example.com'],
    ['127.0.0.1', '127.0.0.1'],
  ])('%s belongs to %s', (host, family) => {
    expect(siteFamily(host)).toBe(family);
  });
});
