// Corporation matching benchmark (gBizINFO): how many leads get their company — and so their
// employee count — and how often the company given is the wrong one.
//
// Held out: the truth is the synthetic world's (which corporation runs each business), never seen
// by the product. Each sampled business goes the product's own way: its website read by the real
// site reader (the operator its pages name), then findCorporation with the real gBizINFO client
// against the gBizINFO emulator. Businesses are sampled evenly over the world (every area and
// industry, independents and chain branches).
import { createGbizinfoClient } from '../../api/src/gbizinfo/client.ts';
import { findCorporation } from '../../api/src/gbizinfo/lookup.ts';
import { screenSite } from '../../api/src/screening/reader.ts';
import { getWorld, type Business } from '../emulators/places/dataset.ts';
import { startPlacesEmulator } from '../emulators/places/server.ts';
import { startGbizinfoEmulator } from '../emulators/gbizinfo/server.ts';
import { atLeast, textTable, type BenchModule, type Target } from './types.ts';

const SAMPLE = 1_200;
const CONCURRENCY = 16;

type Route = 'corporate-number' | 'operator' | 'name' | 'reading';
const ROUTES: readonly Route[] = ['corporate-number', 'operator', 'name', 'reading'];

export interface MatchingResult {
  businesses: number;
  /** Businesses run by a corporation (the rest are sole proprietors: nothing to find). */
  corporate: number;
  matched: number;
  correct: number;
  wrong: number;
  /** Correct / matched. */
  precision: number | null;
  /** Correct / corporate. */
  recall: number | null;
  /** Of the businesses whose corporation has an employee count in gBizINFO: how many got it. */
  employeeCounts: { truth: number; found: number; recall: number | null };
  /** Recall among businesses with a website, and without. */
  withWebsite: { corporate: number; correct: number; recall: number | null };
  withoutWebsite: { corporate: number; correct: number; recall: number | null };
  byRoute: Record<Route, { matched: number; correct: number }>;
  /** Every reason findCorporation gave, with how often it was right. */
  byReason: Record<string, { matched: number; correct: number }>;
  /** gBizINFO requests per business. */
  requestsPerBusiness: number;
  seconds: number;
  wrongExamples: { name: string; address: string; found: string; truth: string | null; reason: string }[];
  targets: Record<string, Target>;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : Number((a / b).toFixed(4)));

/** `count` live businesses spread evenly over the world (deterministic). */
export function sampleBusinesses(count: number, offset = 0): Business[] {
  const live = getWorld().businesses.filter((b) => b.closeDay === undefined && b.openDay <= 0);
  const step = Math.max(1, Math.floor(live.length / count));
  const out: Business[] = [];
  for (let i = offset % step; i < live.length && out.length < count; i += step) out.push(live[i] as Business);
  return out;
}

/** Runs the product's lookup for each business against the emulators and scores it. */
export async function measureMatching(businesses: readonly Business[], concurrency = CONCURRENCY): Promise<Omit<MatchingResult, 'targets'>> {
  const places = await startPlacesEmulator({ port: 0 });
  const gbizinfo = await startGbizinfoEmulator({ port: 0, rateLimitPerSecond: 0 });
  const client = createGbizinfoClient({ baseUrl: gbizinfo.url, token: gbizinfo.token });
  const withEmployees = new Set(gbizinfo.corporations.filter((c) => c.employees !== undefined).map((c) => c.corporateNumber));
  const started = performance.now();
  const byRoute = Object.fromEntries(ROUTES.map((route) => [route, { matched: 0, correct: 0 }])) as MatchingResult['byRoute'];
  const tally = { corporate: 0, matched: 0, correct: 0, wrong: 0, employeeTruth: 0, employeeFound: 0 };
  const site = { with: { corporate: 0, correct: 0 }, without: { corporate: 0, correct: 0 } };
  const wrongExamples: MatchingResult['wrongExamples'] = [];
  const byReason: MatchingResult['byReason'] = {};
  try {
    let next = 0;
    const work = async () => {
      while (next < businesses.length) {
        const b = businesses[next++] as Business;
        const operator = b.websiteUri ? (await screenSite(b.websiteUri, { mapUrl: (url) => places.siteUrl(url.href) })).operator : null;
        const found = await findCorporation(client, { name: b.displayName, address: b.formattedAddress }, operator);
        const truth = b.corporation?.corporateNumber ?? null;
        const bucket = b.websiteUri ? site.with : site.without;
        if (truth) {
          tally.corporate++;
          bucket.corporate++;
          if (withEmployees.has(truth)) tally.employeeTruth++;
        }
        if (!found) continue;
        const route = ROUTES.find((r) => found.reason === r || found.reason.startsWith(`${r}:`)) ?? 'name';
        tally.matched++;
        byRoute[route].matched++;
        const reason = (byReason[found.reason] ??= { matched: 0, correct: 0 });
        reason.matched++;
        if (found.corporation.corporateNumber === truth) reason.correct++;
        if (found.corporation.corporateNumber === truth) {
          tally.correct++;
          bucket.correct++;
          byRoute[route].correct++;
          if (found.corporation.employees !== null) tally.employeeFound++;
        } else {
          tally.wrong++;
          if (wrongExamples.length < 10) {
            wrongExamples.push({ name: b.displayName, address: b.formattedAddress, found: found.corporation.name, truth: b.corporation?.legalName ?? null, reason: found.reason });
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, work));
    return {
      businesses: businesses.length,
      corporate: tally.corporate,
      matched: tally.matched,
      correct: tally.correct,
      wrong: tally.wrong,
      precision: ratio(tally.correct, tally.matched),
      recall: ratio(tally.correct, tally.corporate),
      employeeCounts: { truth: tally.employeeTruth, found: tally.employeeFound, recall: ratio(tally.employeeFound, tally.employeeTruth) },
      withWebsite: { ...site.with, recall: ratio(site.with.correct, site.with.corporate) },
      withoutWebsite: { ...site.without, recall: ratio(site.without.correct, site.without.corporate) },
      byRoute,
      byReason,
      requestsPerBusiness: Number((gbizinfo.requests / businesses.length).toFixed(2)),
      seconds: Number(((performance.now() - started) / 1000).toFixed(2)),
      wrongExamples,
    };
  } finally {
    await Promise.all([places.close(), gbizinfo.close()]);
  }
}

async function run(): Promise<MatchingResult> {
  const measured = await measureMatching(sampleBusinesses(SAMPLE));
  return {
    ...measured,
    targets: {
      precision: atLeast(measured.precision ?? 0, 0.99),
      recallWithWebsite: atLeast(measured.withWebsite.recall ?? 0, 0.5),
    },
  };
}

function table(r: MatchingResult): string {
  const pct = (n: number | null) => (n === null ? '—' : `${(n * 100).toFixed(1)}%`);
  return [
    `${r.businesses} businesses, ${r.corporate} run by a corporation; ${r.matched} matched, ${r.wrong} wrong (${r.seconds} s, ${r.requestsPerBusiness} gBizINFO requests per business)`,
    textTable([
      ['', 'corporate', 'correct', 'recall'],
      ['all', r.corporate, r.correct, pct(r.recall)],
      ['with a website', r.withWebsite.corporate, r.withWebsite.correct, pct(r.withWebsite.recall)],
      ['without', r.withoutWebsite.corporate, r.withoutWebsite.correct, pct(r.withoutWebsite.recall)],
      ['employee counts', r.employeeCounts.truth, r.employeeCounts.found, pct(r.employeeCounts.recall)],
    ]),
    `precision ${pct(r.precision)}; by route: ${ROUTES.map((route) => `${route} ${r.byRoute[route].correct}/${r.byRoute[route].matched}`).join(', ')}`,
    ...Object.entries(r.byReason)
      .sort(([, a], [, b]) => b.matched - a.matched)
      .map(([reason, n]) => `  ${reason}: ${n.correct}/${n.matched}`),
    ...r.wrongExamples.map((w) => `  wrong: ${w.name} (${w.address}) → ${w.found}, truth ${w.truth ?? 'none'} [${w.reason}]`),
  ].join('\n');
}

export const matchingBench: BenchModule<MatchingResult> = {
  name: 'matching',
  run,
  table,
  missedTargets: (r) => Object.entries(r.targets).filter(([, t]) => !t.ok).map(([name, t]) => `${name}: ${t.value} (wanted ${t.target})`),
};
