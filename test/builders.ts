// Builders for tests across the repo: a lead and a batch with realistic defaults; overrides win.
import type { Lead, PullBatch } from '../shared/contract.ts';

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
