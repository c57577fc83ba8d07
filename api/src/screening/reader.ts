// The site reader: reads a company's website the way a careful visitor would before contacting it
// — the top page, then the few pages that say how to get in touch or who runs the site (お問い合わせ,
// 会社概要…) — and reports whether the site refuses sales contact (営業お断り), with the evidence,
// the contact details it publishes (メール, 問い合わせフォーム) and who runs it (運営会社, for the
// corporate registry).
//
// Manners and limits: http(s) only; every URL and every redirect hop passes the SSRF guard
// (fetch-guard.ts) before it is fetched; at most `maxRedirects` hops, followed by hand; a byte cap
// per page (the body is streamed and cut, what was read is still used); a timeout per request; a
// user agent that says who reads and why; robots.txt fetched once per origin and honoured
// (RFC 9309: 4xx means no rules, 5xx or unreachable means keep out).
//
// Runs in the Worker and in Node (the CLI, the benchmark): web-standard APIs only.
import { extractContacts, isFormServiceUrl } from './contacts.ts';
import { detectRefusal } from './detect.ts';
import { checkTarget, FetchGuardError } from './fetch-guard.ts';
import { findOperator, type Operator } from './operator.ts';
import { parsePage, type ParsedPage } from './page.ts';
import { normaliseName } from '../dedupe/normalise.ts';
import { platformUserPrefix, registrableDomain } from '../sites/identity.ts';

export interface ReaderOptions {
  fetch?: typeof fetch;
  /** Local emulation: maps the real URL (https://www.x.jp/contact/) to where it is served (http://127.0.0.1:8788/sites/www.x.jp/contact/). */
  mapUrl?: (url: URL) => string;
  /** CLI: true for loopback inputs; Worker: false (the mapped base URL is configuration, not a target, so it is not checked). */
  allowPrivateHosts?: boolean;
  /** Pages read at most: the top page and contact/company pages. Default 4. */
  maxPages?: number;
  /** Bytes read of one page (the rest is not downloaded). Default 1.5 MB. */
  maxBytesPerPage?: number;
  /** Per request (headers and body). Default 8 s. */
  timeoutMs?: number;
  /** Redirect hops followed per page. Default 5. */
  maxRedirects?: number;
  userAgent?: string;
  /** Fetch /robots.txt once per origin and honour it. Default true. */
  robots?: boolean;
}

export interface SiteReport {
  input: string;
  verdict: 'refuses' | 'clear' | 'error';
  evidence: { url: string; phrase: string; context: string }[];
  emails: string[];
  contactForm: string | null;
  pages: { url: string; status: number; bytes: number; skipped?: 'robots' | 'offsite' | 'limit' }[];
  /** Who runs the site, as its pages say it (会社概要, 特定商取引法 page, footer); null when none names a corporation or the site could not be read. */
  operator: Operator | null;
  /** Set when the top page could not be read: SITE_UNREACHABLE, SITE_TIMEOUT, TOO_MANY_REDIRECTS, URL_PRIVATE, URL_SCHEME, URL_INVALID, HTTP_404, NOT_HTML, ROBOTS_DISALLOWED. */
  error?: { code: string; message: string };
}

/**
 * Who reads and why. HTTP header values are bytes (fetch refuses anything beyond Latin-1), so the
 * purpose (営業お断りの確認のみ) is said in English here and in Japanese on the linked page.
 */
export const DEFAULT_USER_AGENT = 'TsugiBot/1.0 (+https://tsugi.example/bot; reads contact pages only to honour refusals of sales contact)';
export const DEFAULT_MAX_PAGES = 4;
export const DEFAULT_MAX_BYTES_PER_PAGE = 1_500_000;
export const DEFAULT_TIMEOUT_MS = 8_000;
export const DEFAULT_MAX_REDIRECTS = 5;
/** RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt. */
const ROBOTS_MAX_BYTES = 512_000;

/** A failure with a code the caller can act on (the wording is for logs and the CLI's detail). */
export class ReaderError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message, { cause: { code } });
    this.name = 'ReaderError';
    this.code = code;
  }
}

/** One page, read and understood, for the CLI's file inputs and the reader's own pages. */
export function screenHtml(html: string, url: string): SiteReport {
  const page = parsePage(html);
  const found = understand(page, url);
  return {
    input: url,
    verdict: found.refuses ? 'refuses' : 'clear',
    evidence: found.evidence,
    emails: found.emails,
    contactForm: found.contactForms[0] ?? null,
    pages: [{ url, status: 200, bytes: new TextEncoder().encode(html).length }],
    operator: found.operator,
  };
}

interface Understood {
  refuses: boolean;
  evidence: SiteReport['evidence'];
  emails: string[];
  contactForms: string[];
  operator: Operator | null;
}

function understand(page: ParsedPage, url: string): Understood {
  const detection = detectRefusal(page, url);
  const contacts = extractContacts(page, url);
  return {
    refuses: detection.verdict === 'refuses',
    evidence: detection.verdict === 'refuses' ? detection.evidence : [],
    emails: contacts.emails,
    contactForms: contacts.contactForms,
    operator: findOperator(page),
  };
}

/** Which page of the site a reading came from. */
type PageKind = 'top' | 'contact' | 'company';

/**
 * The site's operator from what its pages say. A page that publishes the 法人番号 is the most
 * exact; otherwise the company page (会社概要, 特定商取引法) over the contact page over the top
 * page, whose footer or copyright line is the weakest sign. A missing address or number is filled
 * from another page only when that page names the same company (equal name cores): a chain's
 * top page may sign with another entity than the one its company page describes.
 */
function siteOperator(read: readonly { kind: PageKind; understood: Understood }[]): Operator | null {
  const kindRank: Record<PageKind, number> = { company: 0, contact: 1, top: 2 };
  const found = read
    .map((r, order) => ({ operator: r.understood.operator, rank: kindRank[r.kind], order }))
    .filter((r): r is { operator: Operator; rank: number; order: number } => r.operator !== null)
    .sort((a, b) => Number(b.operator.corporateNumber !== null) - Number(a.operator.corporateNumber !== null) || a.rank - b.rank || a.order - b.order);
  const best = found[0]?.operator;
  if (!best) return null;
  const core = normaliseName(best.name).core;
  const same = found.filter((r) => normaliseName(r.operator.name).core === core).map((r) => r.operator);
  return {
    name: best.name,
    corporateNumber: best.corporateNumber ?? same.find((o) => o.corporateNumber !== null)?.corporateNumber ?? null,
    address: best.address ?? same.find((o) => o.address !== null)?.address ?? null,
  };
}

export async function screenSite(input: string, options: ReaderOptions = {}): Promise<SiteReport> {
  const reader = new SiteReader(options);
  const report: SiteReport = { input, verdict: 'error', evidence: [], emails: [], contactForm: null, pages: [], operator: null };

  let start: URL;
  try {
    start = new URL(input.trim());
  } catch {
    return { ...report, error: { code: 'URL_INVALID', message: `not a URL: ${input}` } };
  }

  let top: Fetched;
  try {
    top = await reader.get(start, 'page');
  } catch (err) {
    const error = errorOf(err);
    if (error.code === 'ROBOTS_DISALLOWED') report.pages.push({ url: start.href, status: 0, bytes: 0, skipped: 'robots' });
    return { ...report, error };
  }
  report.pages.push({ url: top.url.href, status: top.status, bytes: top.bytes });
  if (top.status < 200 || top.status > 299) return { ...report, error: { code: `HTTP_${top.status}`, message: `${top.url.href} answered ${top.status}` } };
  if (!isHtml(top.contentType)) return { ...report, error: { code: 'NOT_HTML', message: `${top.url.href} is ${top.contentType}, not a web page` } };

  const topPage = parsePage(decodeHtml(top.body, top.contentType));
  const read: { url: string; understood: Understood; contactFirst: number; kind: PageKind }[] = [{ url: top.url.href, understood: understand(topPage, top.url.href), contactFirst: 1, kind: 'top' }];
  const externalForms: string[] = [];

  // The pages a visitor would open next, contact pages first.
  const candidates = pickCandidates(topPage, top.url);
  const chosen: Candidate[] = [];
  const limit = Math.max(0, (options.maxPages ?? DEFAULT_MAX_PAGES) - 1);
  for (const candidate of candidates) {
    if (candidate.offsite) {
      report.pages.push({ url: candidate.url.href, status: 0, bytes: 0, skipped: 'offsite' });
    } else if (!(await reader.robotsAllow(candidate.url))) {
      report.pages.push({ url: candidate.url.href, status: 0, bytes: 0, skipped: 'robots' });
    } else if (chosen.length >= limit) {
      report.pages.push({ url: candidate.url.href, status: 0, bytes: 0, skipped: 'limit' });
    } else {
      chosen.push(candidate);
    }
  }

  const site = siteFamily(top.url.hostname);
  const results = await Promise.all(
    chosen.map(async (candidate) => {
      try {
        return { candidate, fetched: await reader.get(candidate.url, 'page', site) };
      } catch (err) {
        return { candidate, error: errorOf(err) };
      }
    }),
  );
  for (const result of results) {
    const { candidate } = result;
    if (!result.fetched) {
      report.pages.push({ url: candidate.url.href, status: 0, bytes: 0, ...(result.error.code === 'ROBOTS_DISALLOWED' ? { skipped: 'robots' as const } : {}) });
      continue;
    }
    const fetched = result.fetched;
    if (fetched.leftSite) {
      // /contact → forms.gle/…: the redirect's target is the contact form, not a page to read.
      report.pages.push({ url: fetched.url.href, status: fetched.status, bytes: 0, skipped: 'offsite' });
      if (isFormServiceUrl(fetched.url)) externalForms.push(fetched.url.href);
      continue;
    }
    report.pages.push({ url: fetched.url.href, status: fetched.status, bytes: fetched.bytes });
    if (fetched.status < 200 || fetched.status > 299 || !isHtml(fetched.contentType)) continue;
    const page = parsePage(decodeHtml(fetched.body, fetched.contentType));
    read.push({ url: fetched.url.href, understood: understand(page, fetched.url.href), contactFirst: candidate.score >= 2 ? 0 : 2, kind: candidate.score >= 2 ? 'contact' : 'company' });
  }

  report.verdict = read.some((r) => r.understood.refuses) ? 'refuses' : 'clear';
  const seenEvidence = new Set<string>();
  for (const r of read) {
    for (const e of r.understood.evidence) {
      const key = `${e.url}\n${e.phrase}`;
      if (!seenEvidence.has(key)) {
        seenEvidence.add(key);
        report.evidence.push(e);
      }
    }
  }
  report.emails = [...new Set(read.flatMap((r) => r.understood.emails))];
  // A form on the site itself (contact pages before the top page before company pages), else a
  // hosted form it links to.
  const byPreference = [...read].sort((a, b) => a.contactFirst - b.contactFirst);
  const forms = [...byPreference.flatMap((r) => r.understood.contactForms), ...externalForms];
  report.contactForm = forms.find((url) => sameSite(url, site)) ?? forms[0] ?? null;
  report.operator = siteOperator(read);
  return report;
}

// ---------------------------------------------------------------------------------------------
// Fetching.

interface Fetched {
  /** The URL the body came from, after redirects (the real one, never the mapped one). */
  url: URL;
  status: number;
  contentType: string;
  body: Uint8Array;
  bytes: number;
  /** A redirect left the site (only when a site to stay on was given): nothing was read. */
  leftSite?: boolean;
}

type Robots = { allow: (url: URL) => boolean; failure?: ReaderError };

class SiteReader {
  private readonly fetch: typeof fetch;
  private readonly robots = new Map<string, Promise<Robots>>();
  private readonly userAgent: string;
  private readonly agentToken: string;

  constructor(private readonly options: ReaderOptions) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    // A custom agent with non-Latin-1 text would make every fetch throw: percent-encode that part.
    this.userAgent = (options.userAgent ?? DEFAULT_USER_AGENT).replace(/[^\x20-\x7e]+/g, (text) => encodeURIComponent(text));
    this.agentToken = (this.userAgent.split(/[\/\s]/)[0] ?? '').toLowerCase();
  }

  /**
   * GET with redirects followed by hand, each hop guarded (and, for pages, checked against
   * robots.txt). With `stayOn`, a hop to another site stops there and reports `leftSite`.
   */
  async get(start: URL, kind: 'page' | 'robots', stayOn?: string): Promise<Fetched> {
    const maxRedirects = this.options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    const seen = new Set<string>();
    let url = start;
    for (let hop = 0; ; hop++) {
      checkTarget(url, { allowPrivateHosts: this.options.allowPrivateHosts ?? false });
      if (stayOn !== undefined && siteFamily(url.hostname) !== stayOn) return { url, status: 0, contentType: '', body: new Uint8Array(), bytes: 0, leftSite: true };
      if (kind === 'page' && !(await this.robotsAllow(url))) {
        const robots = await this.robotsFor(url);
        throw robots.failure ?? new ReaderError('ROBOTS_DISALLOWED', `robots.txt of ${url.origin} does not allow ${url.pathname}`);
      }
      seen.add(url.href);
      const maxBytes = kind === 'robots' ? ROBOTS_MAX_BYTES : (this.options.maxBytesPerPage ?? DEFAULT_MAX_BYTES_PER_PAGE);
      const answer = await this.request(url, maxBytes);
      if (answer.location === undefined) return answer;
      let next: URL;
      try {
        next = new URL(answer.location, url);
      } catch {
        throw new ReaderError('SITE_UNREACHABLE', `${url.href} redirects to an invalid URL`);
      }
      if (seen.has(next.href)) throw new ReaderError('TOO_MANY_REDIRECTS', `${start.href} redirects in a loop (${next.href})`);
      if (hop + 1 > maxRedirects) throw new ReaderError('TOO_MANY_REDIRECTS', `${start.href} redirects more than ${maxRedirects} times`);
      url = next;
    }
  }

  /** One request: status, headers and at most `maxBytes` of the body, within the timeout. */
  private async request(url: URL, maxBytes: number): Promise<Fetched & { location?: string }> {
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Also raced by hand: a fetch that ignores its signal still cannot hold the reader.
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new ReaderError('SITE_TIMEOUT', `${url.href} did not answer within ${timeoutMs} ms`);
        controller.abort(err);
        reject(err);
      }, timeoutMs);
    });
    expired.catch(() => {});
    const target = this.options.mapUrl ? this.options.mapUrl(url) : url.href;
    try {
      let response: Response;
      try {
        response = await Promise.race([
          this.fetch(target, {
            method: 'GET',
            redirect: 'manual',
            signal: controller.signal,
            headers: { 'User-Agent': this.userAgent, Accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5', 'Accept-Language': 'ja,en;q=0.5' },
          }),
          expired,
        ]);
      } catch (err) {
        if (err instanceof ReaderError) throw err;
        if (controller.signal.aborted) throw new ReaderError('SITE_TIMEOUT', `${url.href} did not answer within ${timeoutMs} ms`);
        throw new ReaderError('SITE_UNREACHABLE', `${url.href} could not be reached (${err instanceof Error ? err.message : String(err)})`);
      }
      const location = response.status >= 300 && response.status < 400 ? (response.headers.get('location') ?? undefined) : undefined;
      const contentType = response.headers.get('content-type') ?? '';
      if (location !== undefined) {
        response.body?.cancel().catch(() => {});
        return { url, status: response.status, contentType, body: new Uint8Array(), bytes: 0, location };
      }
      const body = await readCapped(response, maxBytes, expired, url);
      return { url, status: response.status, contentType, body, bytes: body.length };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whether robots.txt lets us fetch `url` (always true with `robots: false`). */
  async robotsAllow(url: URL): Promise<boolean> {
    if (this.options.robots === false || url.pathname === '/robots.txt') return true;
    return (await this.robotsFor(url)).allow(url);
  }

  private robotsFor(url: URL): Promise<Robots> {
    let rules = this.robots.get(url.origin);
    if (!rules) {
      rules = this.loadRobots(url);
      this.robots.set(url.origin, rules);
    }
    return rules;
  }

  private async loadRobots(url: URL): Promise<Robots> {
    const robotsUrl = new URL('/robots.txt', url.origin);
    let fetched: Fetched;
    try {
      fetched = await this.get(robotsUrl, 'robots');
    } catch (err) {
      // Unreachable: treat the site as closed, and let the reason stand for the page (RFC 9309 §2.3.1.4).
      const failure = err instanceof ReaderError || err instanceof FetchGuardError ? new ReaderError(err.code, err.message) : new ReaderError('SITE_UNREACHABLE', String(err));
      return { allow: () => false, failure };
    }
    if (fetched.status >= 500) {
      return { allow: () => false, failure: new ReaderError(`HTTP_${fetched.status}`, `${robotsUrl.href} answered ${fetched.status}; the site is treated as closed to robots`) };
    }
    if (fetched.status < 200 || fetched.status > 299) return { allow: () => true };
    const rules = parseRobots(new TextDecoder().decode(fetched.body), this.agentToken);
    return { allow: (target) => robotsAllows(rules, target) };
  }
}

/** The body up to `maxBytes`, streamed: the rest is never downloaded. */
async function readCapped(response: Response, maxBytes: number, expired: Promise<never>, url: URL): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < maxBytes) {
      const { done, value } = await Promise.race([reader.read(), expired]);
      if (done) break;
      const room = maxBytes - total;
      const chunk = value.length > room ? value.subarray(0, room) : value;
      chunks.push(chunk);
      total += chunk.length;
    }
  } catch (err) {
    if (err instanceof ReaderError) throw err;
    // A connection cut mid-body: keep what arrived, if anything did.
    if (total === 0) throw new ReaderError('SITE_UNREACHABLE', `${url.href}: the body could not be read (${err instanceof Error ? err.message : String(err)})`);
  }
  if (total >= maxBytes) reader.cancel().catch(() => {});
  else reader.releaseLock();
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

function errorOf(err: unknown): { code: string; message: string } {
  if (err instanceof ReaderError || err instanceof FetchGuardError) return { code: err.code, message: err.message };
  return { code: 'SITE_UNREACHABLE', message: err instanceof Error ? err.message : String(err) };
}

const isHtml = (contentType: string): boolean => contentType.trim() === '' || /^\s*(?:text\/html|application\/xhtml\+xml)\b/i.test(contentType);

// ---------------------------------------------------------------------------------------------
// Decoding.

/** The page as text: charset from Content-Type, else a byte-order mark, else <meta>, else UTF-8. */
export function decodeHtml(body: Uint8Array, contentType: string): string {
  let label = /charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(contentType)?.[1];
  if (!label) {
    if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) label = 'utf-8';
    else if (body[0] === 0xfe && body[1] === 0xff) label = 'utf-16be';
    else if (body[0] === 0xff && body[1] === 0xfe) label = 'utf-16le';
  }
  if (!label) {
    // The HTML prescan looks at the first 1024 bytes; a little more catches late <meta> tags.
    const head = new TextDecoder('windows-1252').decode(body.subarray(0, 4096));
    label = /<meta\b[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head)?.[1];
  }
  try {
    return new TextDecoder(label ?? 'utf-8').decode(body);
  } catch {
    // An unknown or unsupported label: UTF-8 keeps ASCII and most modern pages readable.
    return new TextDecoder('utf-8').decode(body);
  }
}

// ---------------------------------------------------------------------------------------------
// Which links a visitor would follow.

interface Candidate {
  url: URL;
  /** 2: contact, 1: company. */
  score: number;
  offsite: boolean;
}

const CONTACT_TEXT = /お問い?合わ?せ|問い?合わ?せ|お問合せ|ご相談|ご予約・お問|contact|inquiry|enquiry/i;
const CONTACT_PATH = /contact|inquiry|enquiry|otoiawase|toiawase|(?:^|\/)form(?:\/|\.|$)|mailform/i;
const COMPANY_TEXT = /会社概要|会社案内|会社情報|企業情報|運営会社|店舗情報|事業者情報|特定商取引|特商法|company|about|corporate|profile/i;
const COMPANY_PATH = /company|about|corporate|gaiyou|gaiyo|kaisya|kaisha|profile|tokusho|tokutei|(?:^|\/)law(?:\/|\.|$)|legal/i;

function pickCandidates(page: ParsedPage, topUrl: URL): Candidate[] {
  const site = siteFamily(topUrl.hostname);
  const platformPrefix = platformUserPrefix(topUrl);
  const byUrl = new Map<string, Candidate>();
  const self = withoutHash(topUrl);
  for (const link of page.links) {
    const href = link.href.trim();
    if (href === '' || href.startsWith('#') || /^(?:mailto|tel|javascript|data|sms|fax):/i.test(href)) continue;
    let url: URL;
    try {
      url = new URL(href, topUrl);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    url.hash = '';
    if (url.href === self || isFormServiceUrl(url)) continue;
    let path = url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // keep the encoded path
    }
    const score = CONTACT_TEXT.test(link.text) || CONTACT_PATH.test(path) ? 2 : COMPANY_TEXT.test(link.text) || COMPANY_PATH.test(path) ? 1 : 0;
    if (score === 0) continue;
    const offsite = siteFamily(url.hostname) !== site || (platformPrefix !== null && !url.pathname.startsWith(platformPrefix));
    const known = byUrl.get(url.href);
    if (!known) byUrl.set(url.href, { url, score, offsite });
    else known.score = Math.max(known.score, score);
  }
  // Contact pages first, then company pages; on-site before off-site; otherwise page order.
  return [...byUrl.values()].sort((a, b) => Number(a.offsite) - Number(b.offsite) || b.score - a.score);
}

const withoutHash = (url: URL): string => {
  const copy = new URL(url.href);
  copy.hash = '';
  return copy.href;
};

/** The registrable part of a host ("www.x.co.jp" → "x.co.jp"), by the Public Suffix List. */
export const siteFamily = registrableDomain;

function sameSite(url: string, family: string): boolean {
  try {
    return siteFamily(new URL(url).hostname) === family;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// robots.txt (RFC 9309).

interface RobotsRule {
  allow: boolean;
  pattern: string;
}

/** The rules for `agentToken` (its own groups, else the `*` groups). */
export function parseRobots(text: string, agentToken: string): RobotsRule[] {
  const groups: { agents: string[]; rules: RobotsRule[] }[] = [];
  let current: { agents: string[]; rules: RobotsRule[] } | null = null;
  let lastWasAgent = false;
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim();
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] };
        groups.push(current);
      }
      current.agents.push(value.toLowerCase());
      lastWasAgent = true;
    } else if ((key === 'allow' || key === 'disallow') && current) {
      lastWasAgent = false;
      if (value !== '') current.rules.push({ allow: key === 'allow', pattern: value });
    } else {
      lastWasAgent = false;
    }
  }
  const own = groups.filter((g) => g.agents.some((agent) => agent !== '*' && agent === agentToken));
  const chosen = own.length > 0 ? own : groups.filter((g) => g.agents.includes('*'));
  return chosen.flatMap((g) => g.rules);
}

/** The longest matching rule decides; on a tie, allow wins; no match allows. */
export function robotsAllows(rules: readonly RobotsRule[], url: URL): boolean {
  const path = `${url.pathname}${url.search}`;
  let best: RobotsRule | null = null;
  for (const rule of rules) {
    if (!robotsMatch(rule.pattern, path)) continue;
    if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow)) best = rule;
  }
  return best ? best.allow : true;
}

function robotsMatch(pattern: string, path: string): boolean {
  const anchored = pattern.endsWith('$');
  const body = anchored ? pattern.slice(0, -1) : pattern;
  // Compare percent-encoded forms: the URL API encodes non-ASCII paths, robots.txt may not.
  const normalised = body.replace(/[^\x21-\x7e]/g, (c) => encodeURIComponent(c));
  const source = normalised
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}${anchored ? '$' : ''}`).test(path);
}
