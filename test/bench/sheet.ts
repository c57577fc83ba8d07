// Sheet benchmark: Sheets service calls per refresh of the add-on, against the Apps Script fakes
// (which count every call) and the fake Tsugi API, with 1,000 / 10,000 / 50,000 rows already in
// リスト and a tenth as many in 保留. Two refreshes per size:
//  - daily: 20 new leads arrive and 2 保留 rows are due to come back (the everyday case);
//  - busy: the same plus a row the owner set to 失注 by hand (moves to 保留) and a row the owner
//    typed in without a Tsugi id (sent to /v1/known; nothing written back).
// Each is measured on the day after a refresh that wrote to both tabs: the first refresh after an
// owner pastes rows beyond the room Tsugi remembers makes one extra call per tab (an insert).
// `dataCalls` are the calls that read or write cells, formats or structure (getValues, setValues,
// insertRowsAfter, deleteRows…); `allCalls` adds handle getters (getActive, getSheetByName,
// getRange…). Target: dataCalls ≤ 6 and the same at every size. The 分析 tab is rewritten after
// the refresh when the verdicts changed (the busy case): its calls are counted apart (`insightsCalls`,
// after the refresh's GET /v1/insights). Wall time is informative only
// (the fakes are not Google's servers).
import { tagSelection } from '../../addon/src/addon.ts';
import { installAddon } from '../../addon/test/harness.ts';
import { SHEETS_DATA_CALLS } from '../apps-script/fakes.ts';
import type { CellValue } from '../../addon/src/apps-script.ts';
import { atMost, textTable, type BenchModule, type Target } from './types.ts';

const SIZES = [1_000, 10_000, 50_000];
const MAX_DATA_CALLS = 6;

interface Refresh {
  dataCalls: number;
  allCalls: number;
  /** Data calls of the 分析 tab's update that follows the refresh (0 when insights did not change). */
  insightsCalls: number;
  added: number;
  revisits: number;
  ms: number;
}
interface SizeResult {
  existingRows: number;
  heldRows: number;
  daily: Refresh;
  busy: Refresh;
}
export interface SheetResult {
  sizes: SizeResult[];
  flat: boolean;
  maxDataCalls: Target;
}

function scenario(existingRows: number, busy: boolean): Refresh {
  const h = installAddon({ api: { leadsAvailable: 200 }, profile: { dailyLimit: 20 } });
  h.refresh(); // creates リスト with its header
  h.select('リスト', [2]);
  const { ok } = tagFirstRow(h);
  if (!ok) throw new Error('setup: tagging failed');

  const list = h.sheet('リスト');
  const header = list.rows()[0]!.map(String);
  const row = (id: string, name: string, extra: Record<string, CellValue> = {}) =>
    header.map((h) => (h in extra ? extra[h]! : h === 'Tsugi ID' ? id : h === '会社名' ? name : h === 'ステータス' ? '未対応' : ''));
  const body = Array.from({ length: existingRows }, (_, i) =>
    row(`ld_${i.toString(16).padStart(24, '0')}`, `既存の会社 ${i}`, { 電話番号: `03-0000-${String(i % 10000).padStart(4, '0')}` }),
  );
  list.put(2, 1, body);

  const held = h.sheet('保留');
  const heldHeader = held.rows()[0]!.map(String);
  const heldRows = Math.floor(existingRows / 10);
  const heldBody = Array.from({ length: heldRows }, (_, i) =>
    heldHeader.map((hd) =>
      hd === 'Tsugi ID' ? `ld_h${i.toString(16).padStart(23, '0')}` : hd === '会社名' ? `保留中の会社 ${i}` : hd === 'ステータス' ? '失注' : hd === '再訪日' ? '2027-05-01' : '',
    ),
  );
  held.put(2, 1, heldBody);
  // Yesterday's refresh (moving one hand-tagged row): the rows above were put straight into the
  // fake sheet, so it makes room (insertRowsAfter) in both tabs, as the first refresh after an
  // owner pastes thousands of rows does. The measured refresh is the next day's.
  h.advanceDays(-1);
  list.put(3, header.indexOf('ステータス') + 1, [['保留']]);
  if (!h.refresh().ok) throw new Error('setup: warm-up refresh failed');
  h.advanceDays(1);

  // Today's work: two 保留 rows due (the first two), and in the busy case a row the owner set to
  // 失注 by hand and a row typed in without an id.
  held.put(2, heldHeader.indexOf('再訪日') + 1, [['2026-11-24'], ['2026-11-24']]);
  if (busy) {
    const rows = list.rows();
    list.put(Math.floor(rows.length / 2), header.indexOf('ステータス') + 1, [['失注', '予算']]);
    list.put(rows.length + 1, 1, [header.map((h) => (h === '会社名' ? '手入力の会社' : h === '電話番号' ? '03-9999-0000' : ''))]);
  }

  h.fake.calls.reset();
  const started = performance.now();
  const run = h.refresh();
  const ms = performance.now() - started;
  if (!run.ok) throw new Error(`refresh failed: ${run.code} ${run.message}`);
  // Split the call log at the refresh's GET /v1/insights: what follows is the 分析 update.
  const insightsFetch = h.fake.fetches.findIndex((request) => new URL(request.url).pathname === '/v1/insights');
  let fetchesSeen = 0;
  const splitAt = h.fake.calls.log.findIndex((call) => call === 'UrlFetchApp.fetch' && fetchesSeen++ === insightsFetch);
  const isData = (call: string) => SHEETS_DATA_CALLS.has(call);
  const before = splitAt < 0 ? h.fake.calls.log : h.fake.calls.log.slice(0, splitAt);
  const after = splitAt < 0 ? [] : h.fake.calls.log.slice(splitAt);
  const allBefore = before.filter((call) => /^(SpreadsheetApp|Spreadsheet|Sheet|Range|RangeList)\./.test(call)).length;
  return {
    dataCalls: before.filter(isData).length,
    allCalls: allBefore,
    insightsCalls: after.filter(isData).length,
    added: run.added,
    revisits: run.revisits,
    ms: Math.round(ms),
  };
}

/** Creates 保留 the way an owner would: tagging a row from the sidebar. */
const tagFirstRow = (h: ReturnType<typeof installAddon>) => tagSelection(h.gas, { status: 'held' });

export const sheetBench: BenchModule<SheetResult> = {
  name: 'sheet',
  async run() {
    const sizes = SIZES.map((existingRows) => ({
      existingRows,
      heldRows: Math.floor(existingRows / 10),
      daily: scenario(existingRows, false),
      busy: scenario(existingRows, true),
    }));
    const calls = sizes.flatMap((size) => [size.daily.dataCalls, size.busy.dataCalls]);
    const flat = sizes.every(
      (size) =>
        size.daily.dataCalls === sizes[0]!.daily.dataCalls &&
        size.busy.dataCalls === sizes[0]!.busy.dataCalls &&
        size.busy.insightsCalls === sizes[0]!.busy.insightsCalls &&
        size.daily.insightsCalls === 0,
    );
    return { sizes, flat, maxDataCalls: atMost(Math.max(...calls), MAX_DATA_CALLS) };
  },
  table(result) {
    return [
      textTable([
        ['rows in リスト', 'rows in 保留', 'daily: data calls', 'all calls', 'added+revisits', 'ms', 'busy: data calls', 'all calls', '+ 分析 update', 'ms'],
        ...result.sizes.map((s) => [
          s.existingRows,
          s.heldRows,
          s.daily.dataCalls,
          s.daily.allCalls,
          `${s.daily.added}+${s.daily.revisits}`,
          s.daily.ms,
          s.busy.dataCalls,
          s.busy.allCalls,
          s.busy.insightsCalls,
          s.busy.ms,
        ]),
      ]),
      `flat across sizes: ${result.flat ? 'yes' : 'NO'}; max data calls ${result.maxDataCalls.value} (target ${result.maxDataCalls.target})`,
    ].join('\n');
  },
  missedTargets(result) {
    return [
      ...(result.flat ? [] : ['sheet: service calls grow with the sheet']),
      ...(result.maxDataCalls.ok ? [] : [`sheet: ${result.maxDataCalls.value} data calls per refresh (target ${result.maxDataCalls.target})`]),
    ];
  },
};
