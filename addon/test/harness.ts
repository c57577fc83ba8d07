// A sheet with the add-on installed, for flow tests: the Apps Script fakes, the fake Tsugi API
// behind UrlFetchApp, a movable clock, and shortcuts to the tabs.
import type { SearchProfileInput } from '../../shared/contract.ts';
import { createFakeApi, type FakeApiOptions } from '../../test/apps-script/fake-api.ts';
import { createFakeAppsScript, type FakeOptions } from '../../test/apps-script/fakes.ts';
import * as addon from '../src/addon.ts';
import type { CellValue } from '../src/apps-script.ts';

export interface HarnessOptions extends FakeOptions {
  api?: FakeApiOptions;
  now?: string;
  profile?: Partial<SearchProfileInput> | null;
}

export function installAddon(options: HarnessOptions = {}) {
  const api = createFakeApi({ leadsAvailable: 200, ...options.api });
  const fake = createFakeAppsScript({ ...options, fetch: (request) => api.handle(request) });
  let now = new Date(options.now ?? '2026-11-24T00:30:00Z');
  const gas: addon.AddonServices = { ...fake.services, now: () => now };
  const sheet = (name: string) => fake.spreadsheet.sheet(name);
  const harness = {
    fake,
    api,
    gas,
    sheet,
    /** The tab's rows as objects keyed by header (blank rows dropped), header row first found. */
    records(name: string, headerRow = 1): Record<string, CellValue>[] {
      const rows = sheet(name).rows();
      const header = rows[headerRow - 1]!.map(String);
      return rows
        .slice(headerRow)
        .filter((row) => row.some((cell) => cell !== ''))
        .map((row) => Object.fromEntries(header.map((h, i) => [h, row[i] ?? ''])));
    },
    advanceDays(days: number) {
      now = new Date(now.getTime() + days * 86_400_000);
    },
    refresh: (origin: 'menu' | 'daily' | 'sidebar' = 'menu') => addon.addNewLeads(gas, origin),
    saveProfile(profile: Partial<SearchProfileInput>) {
      const result = addon.saveProfile(gas, { areas: ['東京都渋谷区'], industries: ['美容室'], dailyLimit: 10, ...profile });
      if (!result.ok) throw new Error(`profile not saved: ${result.code} ${result.message}`);
    },
    /** Selects rows of a tab (1-based sheet rows) as the owner would before tagging. */
    select(tab: string, rows: number[]) {
      fake.spreadsheet.select(tab, rows.map((row) => ({ row, numRows: 1 })));
    },
  };
  if (options.profile !== null) harness.saveProfile(options.profile ?? {});
  return harness;
}
