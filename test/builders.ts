// Builders for tests across the repo: a lead and a batch with realistic defaults (overrides win),
// and the insights tests' planted history of verdicts.
import type { Lead, Outcome, OutcomeReason, OutcomeStatus, PullBatch } from '../shared/contract.ts';

let sequence = 0;

export function buildLead(overrides: Partial<Lead> = {}): Lead {
  sequence += 1;
  return {
    id: `ld_test${sequence}`,
    placeId: `ChIJtest${sequence}`,
    name: `ヘアサロン テスト${sequence}`,
    address: '東京都渋谷区神南1-2-3',
    phone: '03-1234-5678',
    website: `https://salon${sequence}.example.jp/`,
    googleMapsUrl: `https://maps.google.com/?cid=${sequence}`,
    primaryType: 'hair_salon',
    primaryTypeLabel: '美容室',
    rating: 4.5,
    reviewCount: 120,
    employees: null,
    employeesSource: null,
    newlyListed: false,
    firstSeen: '2026-11-24',
    area: '東京都渋谷区',
    industry: '美容室',
    screening: { verdict: 'unscreened', evidence: [], checkedAt: null },
    emails: [],
    contactForm: null,
    ...overrides,
  };
}

export function buildBatch(overrides: Partial<PullBatch> = {}): PullBatch {
  sequence += 1;
  return {
    batchId: `bt_testbatch${String(sequence).padStart(4, '0')}`,
    createdAt: '2026-11-24T00:00:00.000Z',
    expiresAt: '2026-11-25T00:00:00.000Z',
    replayed: false,
    leads: [buildLead(), buildLead()],
    status: { state: 'ready', notices: [] },
    ...overrides,
  };
}

type Verdict = [status: OutcomeStatus, reason: OutcomeReason | null];
const times = (count: number, verdict: Verdict): Verdict[] => Array.from({ length: count }, () => verdict);

/**
 * The planted pattern of the insights tests: 40 firms of 2–10 employees, mostly refused for budget;
 * 40 of 15–60, mostly won; nobody has 11–14 employees, so the boundary is 11. `segmentOf` gives
 * the rest of firm i's segment (industry, area …), which should explain nothing.
 */
export function plantedOutcomes(prefix: string, segmentOf: (i: number) => Omit<Outcome['segment'], 'employees'>): Outcome[] {
  const small: Verdict[] = [...times(4, ['won', null]), ...times(28, ['rejected', 'budget']), ...times(4, ['rejected', 'timing']), ...times(4, ['held', null])];
  const large: Verdict[] = [...times(28, ['won', null]), ...times(2, ['rejected', 'budget']), ...times(6, ['rejected', 'competitor']), ...times(4, ['held', null])];
  const outcome = (i: number, employees: number, [status, reason]: Verdict): Outcome => ({
    leadId: `${prefix}_${i}`,
    status,
    reason,
    at: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
    segment: { employees, ...segmentOf(i) },
  });
  return [...small.map((v, i) => outcome(i, 2 + (i % 9), v)), ...large.map((v, i) => outcome(40 + i, 15 + (i % 46), v))];
}
