// The 分析 tab and the sidebar's 適用 / 元に戻す, through the add-on's entry points (addon.ts)
// against the Apps Script fakes and the fake Tsugi API: what the tab shows after a planted pattern,
// that it is written only when the insights change (and how few calls that takes), its chart, the
// suggestion applied to the profile and undone, and failures that never fail the refresh.
import { describe, expect, it } from 'vitest';
import type { Outcome, OutcomeReason, OutcomeStatus } from '../../shared/contract.ts';
import { computeInsights } from '../../shared/insights.ts';
import { plantedOutcomes } from '../../test/builders.ts';
import { installAddon, type HarnessOptions } from '../test/harness.ts';
import { applySuggestion, insightsState, saveProfile, tagSelection, undoLastSuggestion } from './addon.ts';
import type { Sheet } from './apps-script.ts';

type Harness = ReturnType<typeof installAddon>;

const TAB = '分析';
const HEADER = ['区分', '値', '件数', '成約', '失注', '保留', '成約率', '主な失注理由', 'グラフの項目'];
const NOTE = 'このタブは Tsugi のものです。更新のたびに丸ごと書き直されるので、ここには書き込まないでください（メモは別のタブへ）。';
const INDUSTRIES = ['美容室', '歯科医院', '工務店', '税理士事務所'];
const DEFERRED = '分析タブは次回の更新で書き直します';

const tenantOf = (h: Harness) => {
  expect(h.api.tenants.size).toBe(1);
  return [...h.api.tenants.values()][0]!;
};

type Verdict = [status: OutcomeStatus, reason: OutcomeReason | null];
const times = (count: number, verdict: Verdict): Verdict[] => Array.from({ length: count }, () => verdict);

/** The planted pattern (test/builders.ts), as verdicts the fake tenant has already had; industries alternate evenly. */
const planted = (prefix = 'ld_p', industries = INDUSTRIES): Outcome[] =>
  plantedOutcomes(prefix, (i) => ({ industry: industries[i % industries.length]!, area: '東京都渋谷区', newListing: false, rating: 4, reviews: 30 }));

function plant(h: Harness, outcomes: Outcome[]): void {
  const tenant = tenantOf(h);
  for (const outcome of outcomes) tenant.outcomes.set(outcome.leadId, outcome);
}

/** What the fake API answers now, for the expected cells. */
const expectedInsights = (h: Harness) => {
  const tenant = tenantOf(h);
  return computeInsights([...tenant.outcomes.values()], { profile: tenant.profile });
};

function refreshed(options: HarnessOptions = {}): Harness {
  const h = installAddon(options);
  plant(h, planted());
  const run = h.refresh();
  expect(run.ok, run.message).toBe(true);
  return h;
}

const rowsOf = (h: Harness) => h.sheet(TAB).rows();
const tableOf = (h: Harness) => {
  const rows = rowsOf(h);
  const end = rows.findIndex((row, i) => i > 1 && row.every((cell) => cell === ''));
  return rows.slice(2, end);
};

/** The calls the add-on makes on the 分析 Sheet object (the fakes hand out one per tab), id and name getters aside. */
function watchTab(h: Harness): { calls: string[] } {
  const sheet = h.fake.services.SpreadsheetApp.getActive().getSheetByName(TAB)! as unknown as Record<string, (...args: unknown[]) => unknown>;
  const watched = { calls: [] as string[] };
  for (const [name, method] of Object.entries(sheet)) {
    sheet[name] = (...args: unknown[]) => {
      if (name !== 'getSheetId' && name !== 'getName') watched.calls.push(name);
      const result = method(...args);
      if (name !== 'getRange') return result;
      // And what is done with the range: 'getRange' then 'setValues', 'clearContent'…
      const range = result as Record<string, (...a: unknown[]) => unknown>;
      for (const [rangeMethod, call] of Object.entries(range)) {
        range[rangeMethod] = (...a: unknown[]) => {
          watched.calls.push(rangeMethod);
          return call(...a);
        };
      }
      return range;
    };
  }
  h.fake.calls.reset();
  return watched;
}

describe('the 分析 tab', () => {
  it('is not created before there is a verdict to show', () => {
    const h = installAddon();
    expect(h.refresh().ok).toBe(true);
    expect(h.fake.spreadsheet.sheetNames()).toEqual(['シート1', 'リスト']);
    expect(h.api.requests.at(-1)?.route).toBe('insights');
  });

  it('shows the table, the suggestion and the method after a planted pattern, under a frozen header, with a chart on the table', () => {
    const h = refreshed();
    const insights = expectedInsights(h);
    expect(h.fake.spreadsheet.sheetNames()).toEqual(['シート1', 'リスト', TAB]);
    // The owner stays on リスト.
    expect(h.fake.services.SpreadsheetApp.getActive().getActiveSheet().getName()).toBe('リスト');

    const view = h.sheet(TAB);
    const rows = rowsOf(h);
    expect(rows[0]![0]).toBe(NOTE);
    expect(rows[1]).toEqual(HEADER);
    expect(view.frozenRows()).toBe(2);

    const table = tableOf(h);
    expect(table).toHaveLength(1 + insights.segments.length);
    expect(table[0]).toEqual(['全体', '', 80, 32, 40, 8, 32 / 72, '予算 (30)', '全体']);
    const beauty = table.find((row) => row[0] === '業種' && row[1] === '美容室')!;
    expect(beauty[2]).toBe(20);
    expect(Number(beauty[3]) + Number(beauty[4]) + Number(beauty[5])).toBe(20);
    expect(beauty[8]).toBe('業種: 美容室');
    const small = table.find((row) => row[0] === '従業員数' && row[1] === '6〜10 人')!;
    const band = insights.segments.find((row) => row.dimension === 'employees' && row.label === '6〜10 人')!;
    expect(small.slice(2, 7)).toEqual([band.decided + band.held, band.won, band.rejected, band.held, band.winRate]);
    expect(small[7]).toBe(`予算 (${band.reasons.budget})`);
    expect(view.cell(3, 7).numberFormat).toBe('0%');
    expect(view.cell(3 + table.length - 1, 7).numberFormat).toBe('0%');

    const column = rows.map((row) => row[0]);
    const suggestion = insights.suggestions.find((s) => s.id === 'employeesMin=11')!;
    expect(suggestion).toBeDefined();
    expect(column).toContain('提案');
    expect(column.indexOf(suggestion.message)).toBeGreaterThan(column.indexOf('提案'));
    expect(suggestion.message).toContain('従業員数の下限を 11 人にしましょう');
    expect(String(column.at(-1))).toMatch(/^方法: 成約・失注の件数だけを比べます/);

    const charts = view.charts();
    expect(charts).toHaveLength(1);
    expect(charts[0]).toMatchObject({
      type: 'BAR',
      numHeaders: 1,
      position: { row: 2, column: 11, offsetX: 0, offsetY: 0 },
      ranges: [
        { sheet: TAB, row: 2, column: 9, numRows: table.length + 1, numColumns: 1 },
        { sheet: TAB, row: 2, column: 7, numRows: table.length + 1, numColumns: 1 },
      ],
      options: { title: '成約率（区分ごと）', legend: { position: 'none' } },
    });
  });

  it('costs six Sheets data calls to create, on top of the refresh’s own', () => {
    const h = installAddon();
    expect(h.refresh().ok).toBe(true);
    plant(h, planted());
    h.fake.calls.reset();
    expect(h.refresh().ok).toBe(true);
    const creating = h.fake.calls.sheetsDataCalls();
    const count = (call: string) => h.fake.calls.log.filter((c) => c === call).length;
    expect([count('Spreadsheet.insertSheet'), count('Sheet.setFrozenRows'), count('Range.setNumberFormat'), count('Sheet.insertChart')]).toEqual([1, 1, 1, 1]);
    expect([count('Sheet.getCharts'), count('Range.clearContent'), count('Sheet.updateChart')]).toEqual([0, 0, 0]);

    h.fake.calls.reset();
    expect(h.refresh().ok).toBe(true);
    // insertSheet, setFrozenRows, getMaxRows, setNumberFormat, setValues, insertChart.
    expect(creating - h.fake.calls.sheetsDataCalls()).toBe(6);
  });

  it('is not touched by a refresh when no verdict changed', () => {
    const h = refreshed();
    const before = rowsOf(h);
    const watched = watchTab(h);

    const run = h.refresh();

    expect(run.ok).toBe(true);
    expect(run.message).not.toContain(DEFERRED);
    expect(watched.calls).toEqual([]);
    for (const call of ['Range.clearContent', 'Sheet.getCharts', 'Sheet.insertChart', 'Sheet.updateChart', 'Sheet.setFrozenRows', 'Spreadsheet.insertSheet']) {
      expect(h.fake.calls.log).not.toContain(call);
    }
    expect(h.api.requests.at(-1)?.route).toBe('insights');
    expect(rowsOf(h)).toEqual(before);
  });

  it('is rewritten with one setValues after more verdicts, and the chart is left alone while the table keeps its size', () => {
    const h = refreshed();
    const chartsBefore = h.sheet(TAB).charts();
    plant(h, times(10, ['won', null]).map(([status], i) => ({ ...planted('ld_more')[40 + i]!, status })));
    const watched = watchTab(h);

    expect(h.refresh().ok).toBe(true);

    expect(watched.calls).toEqual(['getRange', 'setValues']);
    expect(tableOf(h)[0]!.slice(0, 6)).toEqual(['全体', '', 90, 42, 40, 8]);
    expect(h.sheet(TAB).charts()).toEqual(chartsBefore);
  });

  it('points the chart at the longer table when a segment appears, and clears what a shorter table leaves behind', () => {
    const h = refreshed();
    const rowsBefore = tableOf(h).length;
    const chartId = h.sheet(TAB).charts()[0]!.id;

    // A fifth industry: one more table row.
    plant(h, [{ ...planted('ld_new')[45]!, segment: { ...planted()[45]!.segment, industry: '居酒屋' } }]);
    let watched = watchTab(h);
    expect(h.refresh().ok).toBe(true);
    expect(watched.calls).toEqual(['getRange', 'setValues', 'getRange', 'getRange', 'getCharts', 'updateChart']);
    expect(tableOf(h)).toHaveLength(rowsBefore + 1);
    expect(h.sheet(TAB).charts()).toEqual([
      expect.objectContaining({ id: chartId, ranges: [expect.objectContaining({ row: 2, column: 9, numRows: rowsBefore + 2 }), expect.objectContaining({ row: 2, column: 7, numRows: rowsBefore + 2 })] }),
    ]);

    // The verdicts on two industries go (the fake API's store, edited directly): a shorter table.
    const tenant = tenantOf(h);
    for (const [id, outcome] of tenant.outcomes) if (outcome.segment.industry === '工務店' || outcome.segment.industry === '居酒屋') tenant.outcomes.delete(id);
    const heightBefore = rowsOf(h).length;
    watched = watchTab(h);
    expect(h.refresh().ok).toBe(true);
    expect(watched.calls).toEqual(['getRange', 'setValues', 'getRange', 'clearContent', 'getRange', 'getRange', 'getCharts', 'updateChart']);
    const rows = rowsOf(h);
    expect(rows.length).toBeLessThan(heightBefore);
    expect(tableOf(h).some((row) => row[1] === '工務店')).toBe(false);
    expect(String(rows.at(-1)![0])).toMatch(/^方法:/);
    expect(h.sheet(TAB).charts()).toHaveLength(1);
    expect(h.sheet(TAB).charts()[0]!.ranges[0]!.numRows).toBe(tableOf(h).length + 1);
  });

  it('follows verdicts tagged from the sidebar', () => {
    const h = installAddon();
    expect(h.refresh().ok).toBe(true);
    h.select('リスト', [2, 3, 4]);
    expect(tagSelection(h.gas, { status: 'won' }).ok).toBe(true);
    expect(h.refresh().ok).toBe(true);
    expect(tableOf(h)[0]!.slice(0, 6)).toEqual(['全体', '', 3, 3, 0, 0]);

    h.select('リスト', [5, 6]);
    expect(tagSelection(h.gas, { status: 'rejected', reason: 'budget' }).ok).toBe(true);
    expect(h.refresh().ok).toBe(true);
    expect(tableOf(h)[0]).toEqual(['全体', '', 5, 3, 2, 0, 0.6, '予算 (2)', '全体']);
    expect(rowsOf(h).map((row) => row[0])).toContain('いまの判定 5 件からは、検索条件を変える根拠になる差は見つかっていません。');
  });

  it('leaves an owner’s own 分析 tab alone and writes to 分析 (Tsugi)', () => {
    const h = installAddon({ sheets: ['シート1', TAB] });
    h.sheet(TAB).put(1, 1, [['私のメモ', '大事']]);
    plant(h, planted());
    expect(h.refresh().ok).toBe(true);
    expect(h.sheet(TAB).rows()).toEqual([['私のメモ', '大事']]);
    expect(h.sheet('分析 (Tsugi)').rows()[1]).toEqual(HEADER);

    // Found again by its id, not taken for the owner's.
    plant(h, [{ ...planted('ld_x')[0]!, status: 'won', reason: null }]);
    expect(h.refresh().ok).toBe(true);
    expect(h.sheet(TAB).rows()).toEqual([['私のメモ', '大事']]);
    expect(h.sheet('分析 (Tsugi)').rows()[2]![2]).toBe(81);
  });

  it('is English in an English sheet', () => {
    const h = refreshed({ locale: 'en_US' });
    const rows = h.sheet('Insights').rows();
    expect(rows[1]).toEqual(['Attribute', 'Value', 'Leads', 'Won', 'Lost', 'On hold', 'Win rate', 'Main reason lost', 'Chart label']);
    expect(rows[2]!.slice(0, 3)).toEqual(['All', '', 80]);
    expect(rows.map((row) => row[0])).toContain(expectedInsights(h).suggestions.find((s) => s.id === 'employeesMin=11')!.messageEn);
  });
});

describe('failures around the 分析 tab never fail the refresh', () => {
  it('the insights cannot be fetched: the refresh succeeds, says so, and the next one writes the tab', () => {
    const h = installAddon();
    plant(h, planted());
    h.api.fail('insights', { status: 503, code: 'API_UNAVAILABLE' });
    const run = h.refresh();
    expect(run).toMatchObject({ ok: true, added: 10 });
    expect(run.message).toContain(DEFERRED);
    expect(h.fake.spreadsheet.sheetNames()).not.toContain(TAB);

    h.api.fail('insights', 'network');
    expect(h.refresh()).toMatchObject({ ok: true, message: expect.stringContaining(DEFERRED) });

    const next = h.refresh();
    expect(next.ok).toBe(true);
    expect(next.message).not.toContain(DEFERRED);
    expect(tableOf(h)[0]![2]).toBe(80);
  });

  it('an answer that breaks the contract is reported the same way', () => {
    const h = installAddon();
    plant(h, planted());
    h.fake.setFetch((request) =>
      new URL(request.url).pathname === '/v1/insights' ? { status: 200, body: JSON.stringify({ suggestions: 'many' }) } : h.api.handle(request),
    );
    expect(h.refresh()).toMatchObject({ ok: true, message: expect.stringContaining(DEFERRED) });
    expect(h.fake.spreadsheet.sheetNames()).not.toContain(TAB);
  });

  it('the sheet refuses the write: the refresh succeeds and the next one writes again', () => {
    const h = refreshed();
    plant(h, [{ ...planted('ld_y')[0]!, status: 'won', reason: null }]);
    const sheet = h.fake.services.SpreadsheetApp.getActive().getSheetByName(TAB)! as Sheet;
    const getRange = sheet.getRange;
    sheet.getRange = () => {
      throw new Error('You are trying to edit a protected cell or object.');
    };
    const run = h.refresh();
    expect(run.ok).toBe(true);
    expect(run.message).toContain(DEFERRED);
    expect(tableOf(h)[0]![2]).toBe(80);

    sheet.getRange = getRange;
    expect(h.refresh().message).not.toContain(DEFERRED);
    expect(tableOf(h)[0]![2]).toBe(81);
  });
});

describe('適用 and 元に戻す', () => {
  const suggestionsOf = (h: Harness) => {
    const state = insightsState(h.gas);
    if (!state.ok) throw new Error(`${state.code} ${state.message}`);
    return state;
  };

  it('applies a suggestion to the profile, records it, and undoes it', () => {
    const h = refreshed();
    const { suggestions, history } = suggestionsOf(h);
    expect(history).toEqual([]);
    expect(suggestions.map((s) => s.id)).toContain('employeesMin=11');

    const applied = applySuggestion(h.gas, 'employeesMin=11');
    expect(applied).toMatchObject({ ok: true, profile: { employeesMin: 11, areas: ['東京都渋谷区'], industries: ['美容室'], dailyLimit: 10 } });
    if (!applied.ok) return;
    expect(applied.message).toBe('検索条件を変更しました（従業員数の下限: 未設定 → 11）。次の更新から反映されます。');
    expect(tenantOf(h).profile).toMatchObject({ employeesMin: 11, dailyLimit: 10 });

    const after = suggestionsOf(h);
    expect(after.suggestions.map((s) => s.id)).not.toContain('employeesMin=11');
    expect(after.history).toEqual([
      { id: 'employeesMin=11', at: '2026-11-24T00:30:00.000Z', before: { employeesMin: null }, after: { employeesMin: 11 }, summary: '従業員数の下限: 未設定 → 11' },
    ]);
    // The tab follows at the next refresh: the applied suggestion is gone from it.
    expect(h.refresh().ok).toBe(true);
    expect(rowsOf(h).map((row) => row[0]).some((cell) => String(cell).includes('従業員数の下限を 11 人'))).toBe(false);

    const undone = undoLastSuggestion(h.gas);
    expect(undone).toMatchObject({ ok: true, profile: { employeesMin: null } });
    if (undone.ok) expect(undone.message).toBe('検索条件を元に戻しました（従業員数の下限: 11 → 未設定）。次の更新から反映されます。');
    expect(tenantOf(h).profile!.employeesMin).toBeNull();
    expect(suggestionsOf(h).history).toEqual([]);
    expect(undoLastSuggestion(h.gas)).toMatchObject({ ok: false, code: 'NOTHING_TO_UNDO', message: '元に戻せる変更はありません。' });
  });

  it('refuses to undo when the profile changed since, and changes nothing', () => {
    const h = refreshed();
    expect(applySuggestion(h.gas, 'employeesMin=11').ok).toBe(true);
    expect(saveProfile(h.gas, { ...tenantOf(h).profile!, employeesMin: 15 }).ok).toBe(true);

    const undone = undoLastSuggestion(h.gas);

    expect(undone).toMatchObject({ ok: false, code: 'UNDO_UNSAFE' });
    expect(tenantOf(h).profile!.employeesMin).toBe(15);
    expect(suggestionsOf(h).history).toHaveLength(1);
  });

  it('refuses a suggestion that is no longer offered', () => {
    const h = refreshed();
    expect(applySuggestion(h.gas, 'employeesMin=99')).toMatchObject({ ok: false, code: 'SUGGESTION_GONE' });
    expect(tenantOf(h).profile!.employeesMin).toBeNull();
    expect(suggestionsOf(h).history).toEqual([]);
  });

  it('keeps a bounded history that fits one property', () => {
    const h = refreshed();
    for (let i = 0; i < 25; i++) {
      expect(applySuggestion(h.gas, 'employeesMin=11').ok).toBe(true);
      expect(undoLastSuggestion(h.gas).ok).toBe(true);
      expect(applySuggestion(h.gas, 'employeesMin=11').ok).toBe(true);
      expect(saveProfile(h.gas, { ...tenantOf(h).profile!, employeesMin: null }).ok).toBe(true);
    }
    const { history } = suggestionsOf(h);
    expect(history).toHaveLength(20);
    expect(h.fake.documentProperties.get('insights.applied')!.length).toBeLessThan(8000);
  });

  it('answers plain JSON (it crosses google.script.run)', () => {
    const h = refreshed();
    const state = suggestionsOf(h);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});
