// screen: does the lead's website publish a refusal of sales contact (営業お断り)? Verdicts are
// cached per site; a site not screened yet is read now if it answers within the pull's short
// budget, otherwise through the queue — and, when the profile excludes refusing companies, its
// lead is held back until the verdict is in, never handed out unscreened.
import type { Lead } from '../../../shared/contract.ts';
import type { Operator } from '../screening/operator.ts';
import type { SiteReport } from '../screening/reader.ts';
import { siteKey } from '../sites/identity.ts';
import { getScreenings, putScreening, type SiteScreening } from '../store/screenings.ts';

export type SiteReader = (url: string) => Promise<SiteReport>;

export { siteKey };

export function reportToScreening(report: SiteReport, now: Date): SiteScreening {
  return {
    verdict: report.verdict,
    evidence: report.evidence,
    emails: report.emails,
    contactForm: report.contactForm,
    operator: report.operator,
    checkedAt: now.toISOString(),
  };
}

/** The lead with its site's verdict and contact details. A site that could not be read shows no refusal. */
export function applyScreening(lead: Lead, screening: SiteScreening): Lead {
  return {
    ...lead,
    screening: { verdict: screening.verdict === 'refuses' ? 'refuses' : 'clear', evidence: screening.evidence, checkedAt: screening.checkedAt },
    emails: screening.emails,
    contactForm: screening.contactForm,
  };
}

export interface ScreenDeps {
  db: D1Database;
  now: Date;
  read: SiteReader;
  /** How long a pull waits for sites it has to read itself; 0 queues them all. */
  inlineBudgetMs: number;
  /** Screens a site in the background (the queue). */
  enqueue?: (url: string) => Promise<void>;
}

export interface Screened {
  /** Leads with a verdict (no website: clear, no evidence). */
  screened: Lead[];
  /** Leads whose site is still being read. */
  pending: { lead: Lead; siteKey: string }[];
  /** Who runs the site of a screened lead (by place id), when its pages say. */
  operators: Map<string, Operator>;
}

export async function screenLeads(deps: ScreenDeps, leads: Lead[]): Promise<Screened> {
  const result: Screened = { screened: [], pending: [], operators: new Map() };
  const keyed = leads.map((lead) => ({ lead, key: lead.website ? siteKey(lead.website) : null }));
  const verdicts = await getScreenings(deps.db, keyed.flatMap(({ key }) => (key ? [key] : [])), deps.now);

  // Sites with no verdict yet: read them now, each at most until the budget runs out.
  const toRead = new Map<string, string>();
  for (const { lead, key } of keyed) if (key && lead.website && !verdicts.has(key) && !toRead.has(key)) toRead.set(key, lead.website);
  if (toRead.size > 0 && deps.inlineBudgetMs > 0) {
    const reads = [...toRead].map(async ([key, url]) => {
      const screening = reportToScreening(await deps.read(url), deps.now);
      await putScreening(deps.db, key, screening, deps.now);
      verdicts.set(key, screening);
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.allSettled(reads),
      new Promise((resolve) => {
        timer = setTimeout(resolve, deps.inlineBudgetMs);
      }),
    ]);
    clearTimeout(timer);
  }
  for (const [key, url] of toRead) if (!verdicts.has(key)) await deps.enqueue?.(url);

  for (const { lead, key } of keyed) {
    if (!key) {
      result.screened.push({ ...lead, screening: { verdict: 'clear', evidence: [], checkedAt: deps.now.toISOString() } });
      continue;
    }
    const verdict = verdicts.get(key);
    if (verdict) {
      result.screened.push(applyScreening(lead, verdict));
      if (verdict.operator) result.operators.set(lead.placeId, verdict.operator);
    } else result.pending.push({ lead, siteKey: key });
  }
  return result;
}

/** The queue's side: read one site and keep its verdict. */
export async function screenInBackground(db: D1Database, read: SiteReader, url: string, now: Date): Promise<void> {
  const key = siteKey(url);
  if (!key) return;
  const cached = await getScreenings(db, [key], now);
  if (cached.has(key)) return;
  await putScreening(db, key, reportToScreening(await read(url), now), now);
}
