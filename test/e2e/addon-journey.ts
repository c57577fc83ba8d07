// The add-on's journeys against a real API, run in a worker thread by addon.test.ts (UrlFetchApp
// blocks, as in Apps Script, and the main thread must keep serving the Places emulator).
import * as addon from '../../addon/src/addon.ts';
import type { CellValue } from '../../addon/src/apps-script.ts';
import { createFakeAppsScript } from '../apps-script/fakes.ts';
import { createSyncFetch } from '../apps-script/sync-fetch.ts';

export interface JourneyInput {
  journey: 'append-and-tag' | 'two-sheets';
  apiUrl: string;
  token: string;
}

type Row = Record<string, string>;

export default async function run(input: JourneyInput) {
  const syncFetch = createSyncFetch();
  const openSheet = () => {
    const fake = createFakeAppsScript({ fetch: syncFetch.fetch, identityToken: () => input.token });
    const gas: addon.AddonServices = { ...fake.services, apiUrl: input.apiUrl };
    const records = (tab: string): Row[] => {
      const [header, ...rows] = fake.spreadsheet.sheet(tab).rows();
      return rows.map((row) => Object.fromEntries(header!.map((h, i) => [String(h), text(row[i])])));
    };
    return { fake, gas, records };
  };
  try {
    if (input.journey === 'append-and-tag') {
      const { fake, gas, records } = openSheet();
      const saved = addon.saveProfile(gas, { areas: ['東京都渋谷区'], industries: ['美容室'], dailyLimit: 15 });
      const first = addon.addNewLeads(gas, 'menu');
      const firstToast = fake.toasts.at(-1)?.message ?? '';
      const second = addon.addNewLeads(gas, 'daily');
      const afterAppends = records('リスト');
      fake.spreadsheet.select('リスト', [{ row: 2, numRows: 2 }]);
      const tagged = addon.tagSelection(gas, { status: 'rejected', reason: 'budget', memo: '来期' });
      return { saved: saved.ok, first, firstToast, second, afterAppends, tagged, held: records('保留'), list: records('リスト') };
    }
    const sheets = [openSheet(), openSheet()];
    const runs = sheets.map((sheet) => {
      addon.saveProfile(sheet.gas, { areas: ['東京都新宿区'], industries: ['歯科医院'], dailyLimit: 5 });
      return addon.addNewLeads(sheet.gas, 'menu');
    });
    return {
      runs,
      secrets: sheets.map((sheet) => sheet.fake.documentProperties.get('tenantSecret') ?? null),
      names: sheets.map((sheet) => sheet.records('リスト').map((row) => row['会社名'])),
    };
  } finally {
    await syncFetch.close();
  }
}

const text = (value: CellValue | undefined) => (value instanceof Date ? value.toISOString() : String(value ?? ''));
