// Screening benchmark (営業お断り + contact details).
//  - detector: emulator site pages rendered in memory (top, contact and company pages of world
//    sites, cut at the reader's byte cap), timed through parsePage + detectRefusal.
//  - reader: the real site reader against the emulator's websites over HTTP, a pool of 6 sites at
//    a time, every request slowed by a simulated network round trip and the emulator's "slow"
//    sites by siteLatencyMs: sites per minute and pages per site.
//  - quality (held out: the truth is the emulator's plan, never seen by the screener): verdict
//    precision/recall against SiteTruth.refuses, email recall/precision against truth.emails,
//    contact form recall against truth.contactFormUrl, over a larger sample read without latency.
import { detectRefusal } from '../../api/src/screening/detect.ts';
import { parsePage } from '../../api/src/screening/page.ts';
import { DEFAULT_MAX_BYTES_PER_PAGE, decodeHtml, screenSite, type SiteReport } from '../../api/src/screening/reader.ts';
import { getWorld, type World } from '../emulators/places/dataset.ts';
import { startPlacesEmulator, type PlacesEmulator } from '../emulators/places/server.ts';
import { renderSite } from '../emulators/places/site-pages.ts';
import type { SiteTruth } from '../emulators/places/sites.ts';
import { atLeast, textTable, type BenchModule, type Target } from './types.ts';

const DETECTOR_SITES = 300;
const READER_SITES = 60;
const READER_CONCURRENCY = 6;
/** The emulator's latency for its "slow" sites. */
const SITE_LATENCY_MS = 200;
/** Added to every request: a round trip to a server in Japan. */
const NETWORK_LATENCY_MS = 50;
const QUALITY_SITES = 500;
const QUALITY_CONCURRENCY = 16;

const round = (n: number, digits = 4): number => Number(n.toFixed(digits));
const ratio = (a: number, b: number): number | null => (b === 0 ? null : round(a / b));

async function pool<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/** One place per distinct website, spread evenly over the world (deterministic). */
function sampleTruths(world: World, count: number, offset: number): SiteTruth[] {
  const all: SiteTruth[] = [];
  const seen = new Set<string>();
  for (const b of world.businesses) {
    const truth = world.siteTruthFor(b.id);
    if (!truth || seen.has(truth.websiteUri)) continue;
    seen.add(truth.websiteUri);
    all.push(truth);
  }
  const step = Math.max(1, Math.floor(all.length / count));
  const out: SiteTruth[] = [];
  for (let i = offset % step; i < all.length && out.length < count; i += step) out.push(all[i] as SiteTruth);
  return out;
}

// -------------------------------------------------------------------------------------------
// Detector throughput.

function detectorBench(world: World) {
  const pages: { url: string; html: string; bytes: number }[] = [];
  const specs = [...world.sites.values()];
  const step = Math.max(1, Math.floor(specs.length / DETECTOR_SITES));
  for (let i = 0; i < specs.length && pages.length < DETECTOR_SITES * 3; i += step) {
    const spec = specs[i];
    if (!spec) continue;
    for (const path of ['/', spec.contactPath, spec.companyPath]) {
      if (!path) continue;
      const answer = renderSite(world, spec.host, path);
      if (answer.status !== 200) continue;
      const raw = typeof answer.body === 'string' ? new TextEncoder().encode(answer.body) : answer.body;
      const body = raw.subarray(0, DEFAULT_MAX_BYTES_PER_PAGE);
      pages.push({ url: `${spec.scheme}://${spec.host}${path}`, html: decodeHtml(body, answer.headers['Content-Type'] ?? ''), bytes: body.length });
    }
  }
  const pass = () => {
    let refusing = 0;
    for (const page of pages) if (detectRefusal(parsePage(page.html), page.url).verdict === 'refuses') refusing++;
    return refusing;
  };
  pass(); // warm-up (JIT, regex compilation)
  const started = performance.now();
  const refusing = pass();
  const seconds = (performance.now() - started) / 1000;
  const totalBytes = pages.reduce((sum, p) => sum + p.bytes, 0);
  return {
    pages: pages.length,
    refusingPages: refusing,
    seconds: round(seconds, 3),
    pagesPerSecond: round(pages.length / seconds, 1),
    meanPageBytes: Math.round(totalBytes / pages.length),
    megabytesPerSecond: round(totalBytes / 1e6 / seconds, 2),
  };
}

// -------------------------------------------------------------------------------------------
// Reader against the emulator.

interface Read {
  truth: SiteTruth;
  report: SiteReport;
  ms: number;
}

async function readSites(emulator: PlacesEmulator, truths: SiteTruth[], concurrency: number, latencyMs: number): Promise<{ reads: Read[]; seconds: number; requests: number }> {
  const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  let requests = 0;
  const slowFetch: typeof fetch = async (input, init) => {
    requests++;
    if (latencyMs > 0) await delay(latencyMs);
    return fetch(input, init);
  };
  const reads: Read[] = [];
  const started = performance.now();
  await pool(truths, concurrency, async (truth) => {
    const t0 = performance.now();
    const report = await screenSite(truth.websiteUri, { fetch: slowFetch, mapUrl: (url) => emulator.siteUrl(url.href) });
    reads.push({ truth, report, ms: performance.now() - t0 });
  });
  return { reads, seconds: (performance.now() - started) / 1000, requests };
}

function quality(reads: Read[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let emailTruth = 0;
  let emailFound = 0;
  let emailReported = 0;
  let emailCorrect = 0;
  let formTruth = 0;
  let formFound = 0;
  let imageOnlyLeaks = 0;
  // The emulator keeps ~8 % of contact pages (and a few whole sites) out of robots' reach on
  // purpose; its truth does not, so the same figures are also given over the sites read in full.
  const open = { sites: 0, refusing: 0, refusingFound: 0, emailTruth: 0, emailFound: 0, formTruth: 0, formFound: 0 };
  const errors: Record<string, number> = {};
  const errorsByRole: Record<string, number> = {};
  const falsePositives: string[] = [];
  const falseNegatives: string[] = [];
  for (const { truth, report } of reads) {
    const said = report.verdict === 'refuses';
    if (said && truth.refuses) tp++;
    else if (said) {
      fp++;
      falsePositives.push(`${truth.websiteUri} «${report.evidence[0]?.context ?? ''}»`);
    } else if (truth.refuses) {
      fn++;
      falseNegatives.push(`${truth.websiteUri} (${truth.role}${report.error ? `, ${report.error.code}` : ''}) «${truth.refusalText ?? ''}»`);
    }
    const truthEmails = new Set(truth.emails);
    emailTruth += truthEmails.size;
    emailFound += report.emails.filter((e) => truthEmails.has(e)).length;
    emailReported += report.emails.length;
    emailCorrect += report.emails.filter((e) => truthEmails.has(e)).length;
    if (truth.imageOnlyEmail && report.emails.length > 0) imageOnlyLeaks++;
    if (truth.contactFormUrl) {
      formTruth++;
      if (report.contactForm === truth.contactFormUrl) formFound++;
    }
    const robotsBlocked = report.error?.code === 'ROBOTS_DISALLOWED' || report.pages.some((p) => p.skipped === 'robots');
    if (!robotsBlocked) {
      open.sites++;
      if (truth.refuses) open.refusing++;
      if (truth.refuses && said) open.refusingFound++;
      open.emailTruth += truthEmails.size;
      open.emailFound += report.emails.filter((e) => truthEmails.has(e)).length;
      if (truth.contactFormUrl) {
        open.formTruth++;
        if (report.contactForm === truth.contactFormUrl) open.formFound++;
      }
    }
    if (report.error) {
      errors[report.error.code] = (errors[report.error.code] ?? 0) + 1;
      errorsByRole[truth.role] = (errorsByRole[truth.role] ?? 0) + 1;
    }
  }
  return {
    sites: reads.length,
    refusingTruth: tp + fn,
    verdict: { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) },
    email: { truth: emailTruth, found: emailFound, reported: emailReported, recall: ratio(emailFound, emailTruth), precision: ratio(emailCorrect, emailReported), imageOnlyLeaks },
    contactForm: { truth: formTruth, found: formFound, recall: ratio(formFound, formTruth) },
    /** Sites whose robots.txt let the reader see every page it wanted. */
    robotsOpen: { sites: open.sites, verdictRecall: ratio(open.refusingFound, open.refusing), emailRecall: ratio(open.emailFound, open.emailTruth), contactFormRecall: ratio(open.formFound, open.formTruth) },
    errors,
    errorsByRole,
    falsePositives: falsePositives.slice(0, 10),
    falseNegatives: falseNegatives.slice(0, 10),
  };
}

async function readerBench(world: World) {
  const emulator = await startPlacesEmulator({ port: 0, faults: { siteLatencyMs: SITE_LATENCY_MS } });
  try {
    // Throughput: a sample that includes the special sites (huge page, redirects, Shift_JIS).
    const special = new Set([world.specialSites.huge, world.specialSites.longRedirect, world.specialSites.redirectLoop, ...world.specialSites.shiftJis]);
    const specialTruths = sampleTruths(world, Number.MAX_SAFE_INTEGER, 0).filter((t) => special.has(t.host));
    const sample = [...specialTruths, ...sampleTruths(world, READER_SITES - specialTruths.length, 1).filter((t) => !special.has(t.host))].slice(0, READER_SITES);
    const timed = await readSites(emulator, sample, READER_CONCURRENCY, NETWORK_LATENCY_MS);
    const pagesRead = timed.reads.reduce((sum, r) => sum + r.report.pages.filter((p) => !p.skipped && p.status > 0).length, 0);
    const ms = timed.reads.map((r) => r.ms).sort((a, b) => a - b);
    const reader = {
      sites: timed.reads.length,
      concurrency: READER_CONCURRENCY,
      siteLatencyMs: SITE_LATENCY_MS,
      networkLatencyMs: NETWORK_LATENCY_MS,
      seconds: round(timed.seconds, 2),
      sitesPerMinute: round((timed.reads.length / timed.seconds) * 60, 1),
      meanPagesPerSite: round(pagesRead / timed.reads.length, 2),
      requestsPerSite: round(timed.requests / timed.reads.length, 2),
      medianSiteMs: Math.round(ms[Math.floor(ms.length / 2)] ?? 0),
      p95SiteMs: Math.round(ms[Math.floor(ms.length * 0.95)] ?? 0),
      quality: quality(timed.reads),
    };

    // Quality over a larger, disjoint-offset sample, read as fast as the machine allows.
    emulator.setFaults({ siteLatencyMs: 0 });
    const wide = await readSites(emulator, sampleTruths(world, QUALITY_SITES, 2), QUALITY_CONCURRENCY, 0);
    return { reader, quality: quality(wide.reads) };
  } finally {
    await emulator.close();
  }
}

// -------------------------------------------------------------------------------------------

async function measure() {
  const world = getWorld();
  const detector = detectorBench(world);
  const { reader, quality } = await readerBench(world);
  return { detector, reader, quality };
}

type Measured = Awaited<ReturnType<typeof measure>>;
export type ScreeningResult = Measured & {
  pagesPerSecond: number;
  meanPageBytes: number;
  sitesPerMinute: number;
  meanPagesPerSite: number;
  targets: Record<string, Target>;
};

export async function runScreeningBench(): Promise<ScreeningResult> {
  const measured = await measure();
  return {
    // The headline figures stand at the top; the details sit under detector / reader / quality.
    pagesPerSecond: measured.detector.pagesPerSecond,
    meanPageBytes: measured.detector.meanPageBytes,
    sitesPerMinute: measured.reader.sitesPerMinute,
    meanPagesPerSite: measured.reader.meanPagesPerSite,
    ...measured,
    targets: targets(measured),
  };
}

function targets(r: Measured): Record<string, Target> {
  return {
    detectorPagesPerSecond: atLeast(r.detector.pagesPerSecond, 200),
    readerSitesPerMinute: atLeast(r.reader.sitesPerMinute, 300),
    verdictPrecision: atLeast(r.quality.verdict.precision ?? 0, 0.95),
    verdictRecall: atLeast(r.quality.verdict.recall ?? 0, 0.9),
    emailRecall: atLeast(r.quality.email.recall ?? 0, 0.85),
    emailRecallRobotsOpen: atLeast(r.quality.robotsOpen.emailRecall ?? 0, 0.98),
    contactFormRecallRobotsOpen: atLeast(r.quality.robotsOpen.contactFormRecall ?? 0, 0.98),
    emailPrecision: atLeast(r.quality.email.precision ?? 0, 0.95),
    contactFormRecall: atLeast(r.quality.contactForm.recall ?? 0, 0.85),
  };
}

function table(r: ScreeningResult): string {
  const q = r.quality;
  const rq = r.reader.quality;
  const fmt = (n: number | null) => (n === null ? '—' : n);
  const lines = [
    textTable([
      ['detector (parsePage + detectRefusal)', ''],
      ['pages (top/contact/company of world sites)', r.detector.pages],
      ['mean page bytes', r.detector.meanPageBytes],
      ['pages per second', r.detector.pagesPerSecond],
      ['MB per second', r.detector.megabytesPerSecond],
    ]),
    '',
    textTable([
      [`reader vs emulator (${r.reader.concurrency} at a time, +${r.reader.networkLatencyMs} ms a request, slow sites +${r.reader.siteLatencyMs} ms)`, ''],
      ['sites', r.reader.sites],
      ['sites per minute', r.reader.sitesPerMinute],
      ['pages per site (read)', r.reader.meanPagesPerSite],
      ['requests per site (incl. robots.txt, redirects)', r.reader.requestsPerSite],
      ['median / p95 ms per site', `${r.reader.medianSiteMs} / ${r.reader.p95SiteMs}`],
      ['errors', Object.entries(rq.errors).map(([k, v]) => `${k} ${v}`).join(', ') || '—'],
    ]),
    '',
    textTable([
      ['quality (held-out truth)', `timed sample (${rq.sites})`, `wide sample (${q.sites})`],
      ['refusing sites (truth)', rq.refusingTruth, q.refusingTruth],
      ['verdict TP / FP / FN', `${rq.verdict.truePositives} / ${rq.verdict.falsePositives} / ${rq.verdict.falseNegatives}`, `${q.verdict.truePositives} / ${q.verdict.falsePositives} / ${q.verdict.falseNegatives}`],
      ['verdict precision', fmt(rq.verdict.precision), fmt(q.verdict.precision)],
      ['verdict recall', fmt(rq.verdict.recall), fmt(q.verdict.recall)],
      ['email recall', fmt(rq.email.recall), fmt(q.email.recall)],
      ['email precision', fmt(rq.email.precision), fmt(q.email.precision)],
      ['image-only emails leaked', rq.email.imageOnlyLeaks, q.email.imageOnlyLeaks],
      ['contact form recall', fmt(rq.contactForm.recall), fmt(q.contactForm.recall)],
      ['sites robots.txt left fully open', rq.robotsOpen.sites, q.robotsOpen.sites],
      ['  verdict / email / form recall there', `${fmt(rq.robotsOpen.verdictRecall)} / ${fmt(rq.robotsOpen.emailRecall)} / ${fmt(rq.robotsOpen.contactFormRecall)}`, `${fmt(q.robotsOpen.verdictRecall)} / ${fmt(q.robotsOpen.emailRecall)} / ${fmt(q.robotsOpen.contactFormRecall)}`],
      ['errors by site role', JSON.stringify(rq.errorsByRole), JSON.stringify(q.errorsByRole)],
    ]),
    ...(q.falsePositives.length ? ['', 'false positives (wide):', ...q.falsePositives.map((s) => `  ${s}`)] : []),
    ...(q.falseNegatives.length ? ['', 'false negatives (wide):', ...q.falseNegatives.map((s) => `  ${s}`)] : []),
    '',
    textTable([['target', 'value', 'wanted', ''], ...Object.entries(r.targets).map(([name, t]) => [name, t.value, t.target, t.ok ? 'ok' : 'MISSED'])]),
  ];
  return lines.join('\n');
}

export const screeningBench: BenchModule<ScreeningResult> = {
  name: 'screening',
  run: runScreeningBench,
  table,
  missedTargets: (r) => Object.entries(r.targets).filter(([, t]) => !t.ok).map(([name, t]) => `${name}: ${t.value} (wanted ${t.target})`),
};
