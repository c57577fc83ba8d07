// Tagging the selected rows from the sidebar (失注 / 保留 / 成約), through the add-on's own entry
// points (addon.ts) against the Apps Script fakes and the fake Tsugi API: where the rows go, what
// they keep, what the API hears, and the once-only revisit cycle.
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../shared/contract.ts';
import { installAddon, type HarnessOptions } from '../test/harness.ts';
import { setRevisitMonths, tagSelection } from './addon.ts';
import type { CellValue } from './apps-script.ts';

type Harness = ReturnType<typeof installAddon>;
type Rec = Record<string, CellValue>;

const LIST = 'リスト';
const HELD = '保留';
const ID = 'Tsugi ID';

/** The calendar day a cell or instant shows in Tokyo (the fake stores typed days as Dates). */
function tokyoDay(value: CellValue | Date): string {
  if (!(value instanceof Date)) return String(value);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(value);
}

/** A record with Dates as their instants, so two records compare cell by cell. */
const plain = (record: Rec) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v instanceof Date ? `date:${v.toISOString()}` : v]));

/** A sheet with the add-on installed and one refresh done (10 leads in リスト, rows 2–11). */
function sheetWithLeads(options: HarnessOptions = {}, listTab = LIST): Harness {
  const h = installAddon(options);
  const run = h.refresh();
  expect(run.ok, run.message).toBe(true);
  expect(h.records(listTab)).toHaveLength(10);
  return h;
}

function headerIndex(h: Harness, tab: string, header: string): number {
  const index = h.sheet(tab).rows()[0]!.map(String).indexOf(header);
  if (index < 0) throw new Error(`no column ${header} in ${tab}`);
  return index;
}

/** Writes one cell as the owner would type it (raw, no parsing). */
function setCell(h: Harness, tab: string, row: number, header: string, value: CellValue) {
  h.sheet(tab).put(row, headerIndex(h, tab, header) + 1, [[value]]);
}

/** The owner adds a column of their own at the right end of a tab. */
function addOwnerColumn(h: Harness, tab: string, header: string, values: Record<number, string>) {
  const column = h.sheet(tab).rows()[0]!.length + 1;
  h.sheet(tab).put(1, column, [[header]]);
  for (const [row, value] of Object.entries(values)) h.sheet(tab).put(Number(row), column, [[value]]);
}

const recordAt = (h: Harness, tab: string, row: number): Rec => h.records(tab)[row - 2]!;
const byId = (h: Harness, tab: string, id: string) => h.records(tab).filter((r) => r[ID] === id);
/** 1-based sheet row of the row with this id. */
function rowOf(h: Harness, tab: string, id: string): number {
  const index = h.sheet(tab).rows().findIndex((row) => row[headerIndex(h, tab, ID)] === id);
  if (index < 0) throw new Error(`${id} is not in ${tab}`);
  return index + 1;
}

const tenantOf = (h: Harness) => {
  expect(h.api.tenants.size).toBe(1);
  return [...h.api.tenants.values()][0]!;
};
const outcomeRequests = (h: Harness) =>
  h.api.requests.filter((r) => r.route === 'outcomes').map((r) => (r.body as { outcomes: Outcome[] }).outcomes);

describe('tagging 失注', () => {
  it('moves the selected rows to 保留 with reason, memo and 再訪日 in six months, keeps every other cell and reports the outcomes', () => {
    // 01:00 in Tokyo on 2026-11-24 is still the 23rd in UTC: the day must be Tokyo's.
    const h = sheetWithLeads({ now: '2026-11-23T16:00:00Z' });
    // The owner fills segment cells and keeps a column of their own that 保留 does not have.
    setCell(h, LIST, 2, '従業員数', 12);
    setCell(h, LIST, 2, '評価', 4.2);
    setCell(h, LIST, 2, '口コミ数', 37);
    setCell(h, LIST, 2, '新着', '新着');
    setCell(h, LIST, 2, '法人番号', '1234567890123');
    setCell(h, LIST, 2, '新設', '');
    setCell(h, LIST, 3, '従業員数', '');
    setCell(h, LIST, 3, '評価', '');
    setCell(h, LIST, 3, '口コミ数', 0);
    setCell(h, LIST, 3, '新着', '');
    setCell(h, LIST, 3, '法人番号', '');
    setCell(h, LIST, 3, '新設', '');
    setCell(h, LIST, 3, 'メモ', '初回は電話');
    addOwnerColumn(h, LIST, '担当者', { 2: '佐藤', 3: '鈴木' });
    const before = [recordAt(h, LIST, 2), recordAt(h, LIST, 3)];
    const untouched = h.records(LIST).slice(2).map(plain);
    const ids = before.map((r) => r[ID] as string);
    expect(ids.every((id) => /^ld_/.test(id))).toBe(true);

    h.select(LIST, [2, 3]);
    const result = tagSelection(h.gas, { status: 'rejected', reason: 'budget', memo: '来期に再検討' });

    expect(result).toEqual({ ok: true, tagged: 2, moved: 2, message: '2 行を失注にし、2 行を「保留」に移しました' });
    // Both rows left リスト; the others are as they were.
    expect(h.records(LIST).map((r) => r[ID])).not.toContain(ids[0]);
    expect(h.records(LIST).map((r) => r[ID])).not.toContain(ids[1]);
    expect(h.records(LIST).map(plain)).toEqual(untouched);

    // In 保留, with the owner's column added and carried.
    expect(h.sheet(HELD).rows()[0]).toContain('担当者');
    const held = h.records(HELD);
    expect(held.map((r) => r[ID])).toEqual(ids);
    held.forEach((row, i) => {
      expect(row['ステータス']).toBe('失注');
      expect(row['理由']).toBe('予算');
      expect(tokyoDay(row['再訪日']!)).toBe('2027-05-24');
      const { ステータス: _s, 理由: _r, メモ: _m, 再訪日: _d, ...rest } = plain(row);
      const { ステータス: _s0, 理由: _r0, メモ: _m0, 再訪日: _d0, ...restBefore } = plain(before[i]!);
      expect(rest).toEqual(restBefore);
    });
    expect(held[0]!['メモ']).toBe('来期に再検討');
    expect(held[1]!['メモ']).toBe('初回は電話\n来期に再検討');
    expect(held.map((r) => r['担当者'])).toEqual(['佐藤', '鈴木']);
    // Text that would read as a formula or a number stays text when carried.
    const heldSheet = h.sheet(HELD);
    for (let row = 2; row <= 3; row++) {
      for (let col = 1; col <= heldSheet.rows()[0]!.length; col++) expect(heldSheet.cell(row, col).formula).toBeNull();
    }

    // Two outcomes, in one request, with the segment as the rows show it.
    const sent = outcomeRequests(h);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toHaveLength(2);
    const outcomes = tenantOf(h).outcomes;
    expect(outcomes.get(ids[0]!)).toEqual({
      leadId: ids[0],
      status: 'rejected',
      reason: 'budget',
      at: '2026-11-23T16:00:00.000Z',
      segment: { employees: 12, industry: before[0]!['業種'], area: before[0]!['エリア'], newListing: true, newlyEstablished: false, rating: 4.2, reviews: 37 },
    });
    expect(outcomes.get(ids[1]!)).toEqual({
      leadId: ids[1],
      status: 'rejected',
      reason: 'budget',
      at: '2026-11-23T16:00:00.000Z',
      segment: { employees: null, industry: before[1]!['業種'], area: before[1]!['エリア'], newListing: false, newlyEstablished: null, rating: null, reviews: 0 },
    });
  });

  it('reports the segment as the cells read, also for text that must be escaped when the row is written', () => {
    const h = sheetWithLeads();
    setCell(h, LIST, 2, '業種', '3Dプリント');
    setCell(h, LIST, 2, 'エリア', '+α地区');
    setCell(h, LIST, 2, '従業員数', '30人');
    setCell(h, LIST, 2, '評価', '4.5');
    const id = recordAt(h, LIST, 2)[ID] as string;

    h.select(LIST, [2]);
    expect(tagSelection(h.gas, { status: 'rejected', reason: 'budget' }).ok).toBe(true);

    expect(byId(h, HELD, id)[0]).toMatchObject({ 業種: '3Dプリント', エリア: '+α地区', 従業員数: '30人', 評価: '4.5' });
    const segment = { employees: 30, industry: '3Dプリント', area: '+α地区', rating: 4.5 };
    expect(tenantOf(h).outcomes.get(id)!.segment).toMatchObject(segment);

    // And back to リスト as 成約.
    h.advanceDays(1);
    h.select(HELD, [rowOf(h, HELD, id)]);
    expect(tagSelection(h.gas, { status: 'won' }).ok).toBe(true);
    expect(tenantOf(h).outcomes.get(id)).toMatchObject({ status: 'won', segment });
  });

  it('adds an owner column to an existing 保留 tab that lacks it', () => {
    const h = sheetWithLeads();
    h.select(LIST, [2]);
    expect(tagSelection(h.gas, { status: 'held' }).ok).toBe(true);
    expect(h.sheet(HELD).rows()[0]).not.toContain('担当者');
    addOwnerColumn(h, LIST, '担当者', { 2: '田中' });
    const id = recordAt(h, LIST, 2)[ID];

    h.select(LIST, [2]);
    expect(tagSelection(h.gas, { status: 'rejected', reason: 'timing' }).ok).toBe(true);

    expect(h.sheet(HELD).rows()[0]).toContain('担当者');
    const [row] = byId(h, HELD, id as string);
    expect(row!['担当者']).toBe('田中');
    expect(row!['理由']).toBe('タイミング');
    expect(h.records(HELD)).toHaveLength(2);
  });

  it('tags every range of a scattered selection and ignores blank rows in it', () => {
    const h = sheetWithLeads();
    const all = h.records(LIST).map((r) => r[ID] as string);
    const chosen = [all[1]!, all[4]!, all[5]!]; // sheet rows 3, 6, 7
    h.fake.spreadsheet.select(LIST, [
      { row: 3, numRows: 1 },
      { row: 6, numRows: 2 },
      { row: 40, numRows: 3 },
    ]);

    const result = tagSelection(h.gas, { status: 'rejected', reason: 'industry' });

    expect(result).toMatchObject({ ok: true, tagged: 3, moved: 3 });
    expect(h.records(HELD).map((r) => r[ID])).toEqual(chosen);
    expect(h.records(LIST).map((r) => r[ID])).toEqual(all.filter((id) => !chosen.includes(id)));
    expect(outcomeRequests(h).flat().map((o) => o.leadId)).toEqual(chosen);
  });

  it('refuses 失注 without a reason and changes nothing', () => {
    const h = sheetWithLeads();
    h.select(LIST, [2, 3]);
    const listBefore = h.sheet(LIST).rows();
    const requests = h.api.requests.length;

    for (const reason of [undefined, null]) {
      const result = tagSelection(h.gas, { status: 'rejected', reason, memo: 'メモ' });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.code).toBe('REASON_REQUIRED');
      expect(result.message).toBe('失注の理由を選んでください。');
    }
    expect(h.sheet(LIST).rows()).toEqual(listBefore);
    expect(h.fake.spreadsheet.sheetNames()).not.toContain(HELD);
    expect(h.api.requests).toHaveLength(requests);
  });

  it('refuses a tag or reason it does not know before touching the sheet or the API', () => {
    const h = sheetWithLeads();
    h.select(LIST, [2]);
    const listBefore = h.sheet(LIST).rows();
    const requests = h.api.requests.length;

    const badReason = tagSelection(h.gas, { status: 'rejected', reason: 'price' as never });
    expect(badReason).toMatchObject({ ok: false, code: 'INVALID_REQUEST', message: '入力内容が正しくありません。' });
    expect(tagSelection(h.gas, { status: 'lost' as never, reason: 'budget' })).toMatchObject({ ok: false, code: 'INVALID_REQUEST' });

    expect(h.sheet(LIST).rows()).toEqual(listBefore);
    expect(h.fake.spreadsheet.sheetNames()).not.toContain(HELD);
    expect(h.api.requests).toHaveLength(requests);
  });

  it('asks for a selection in リスト or 保留', () => {
    const h = sheetWithLeads();
    const listBefore = h.sheet(LIST).rows();
    const requests = h.api.requests.length;

    // リスト is active (the refresh created it) but nothing is selected.
    const none = tagSelection(h.gas, { status: 'held' });
    expect(none).toMatchObject({ ok: false, code: 'NO_ROWS_SELECTED' });
    if (!none.ok) expect(none.message).toMatch(/選んでください/);

    // Only the header row.
    h.select(LIST, [1]);
    expect(tagSelection(h.gas, { status: 'held' })).toMatchObject({ ok: false, code: 'NO_ROWS_SELECTED' });

    // Rows of another tab.
    h.sheet('シート1').put(1, 1, [['自分のメモ'], ['何か']]);
    h.select('シート1', [1, 2]);
    const other = tagSelection(h.gas, { status: 'won' });
    expect(other).toMatchObject({ ok: false, code: 'NOT_A_TSUGI_TAB' });
    if (!other.ok) expect(other.message).toBe('「リスト」か「保留」タブの行を選んでください。');

    expect(h.sheet(LIST).rows()).toEqual(listBefore);
    expect(h.fake.spreadsheet.sheetNames()).toEqual(['シート1', LIST]);
    expect(h.api.requests).toHaveLength(requests);
  });

  it('is refused while another refresh holds the lock', () => {
    const h = sheetWithLeads();
    h.select(LIST, [2]);
    h.fake.holdLockElsewhere(true);
    expect(tagSelection(h.gas, { status: 'held' })).toMatchObject({ ok: false, code: 'BUSY' });
    expect(h.records(LIST)).toHaveLength(10);
  });
});

describe('tagging 保留 and 成約', () => {
  it('保留 moves the row with a 再訪日 and reports held without a reason', () => {
    const h = sheetWithLeads();
    const id = recordAt(h, LIST, 4)[ID] as string;
    h.select(LIST, [4]);

    const result = tagSelection(h.gas, { status: 'held', reason: null, memo: '  ' });

    expect(result).toEqual({ ok: true, tagged: 1, moved: 1, message: '1 行を保留にし、1 行を「保留」に移しました' });
    expect(byId(h, LIST, id)).toHaveLength(0);
    const [row] = byId(h, HELD, id);
    expect(row!['ステータス']).toBe('保留');
    expect(row!['理由']).toBe('');
    expect(row!['メモ']).toBe('');
    expect(tokyoDay(row!['再訪日']!)).toBe('2027-05-24');
    expect(tenantOf(h).outcomes.get(id)).toMatchObject({ leadId: id, status: 'held', reason: null });
  });

  it('成約 on a リスト row leaves it in place, marked 成約, and reports won', () => {
    const h = sheetWithLeads();
    const before = h.records(LIST).map(plain);
    const id = recordAt(h, LIST, 5)[ID] as string;
    h.select(LIST, [5]);

    // A stray reason is not part of a 成約.
    const result = tagSelection(h.gas, { status: 'won', reason: 'budget', memo: '年間契約' });

    expect(result).toEqual({ ok: true, tagged: 1, moved: 0, message: '1 行を成約にしました' });
    const after = h.records(LIST).map(plain);
    expect(after).toHaveLength(10);
    expect(after[3]).toEqual({ ...before[3], ステータス: '成約', メモ: '年間契約' });
    expect(after.filter((_, i) => i !== 3)).toEqual(before.filter((_, i) => i !== 3));
    expect(h.fake.spreadsheet.sheetNames()).not.toContain(HELD);
    expect(tenantOf(h).outcomes.get(id)).toMatchObject({ leadId: id, status: 'won', reason: null });

    // A refresh leaves a 成約 row where it is and does not resend its outcome.
    const outcomesSoFar = outcomeRequests(h).length;
    expect(h.refresh().ok).toBe(true);
    expect(byId(h, LIST, id)[0]!['ステータス']).toBe('成約');
    expect(outcomeRequests(h)).toHaveLength(outcomesSoFar);
  });

  it('成約 on a 保留 row brings it back to リスト', () => {
    const h = sheetWithLeads();
    const id = recordAt(h, LIST, 2)[ID] as string;
    h.select(LIST, [2]);
    expect(tagSelection(h.gas, { status: 'rejected', reason: 'competitor' }).ok).toBe(true);
    h.advanceDays(10);

    h.select(HELD, [rowOf(h, HELD, id)]);
    const result = tagSelection(h.gas, { status: 'won' });

    expect(result).toEqual({ ok: true, tagged: 1, moved: 1, message: '1 行を成約にし、1 行を「リスト」に移しました' });
    expect(byId(h, HELD, id)).toHaveLength(0);
    const [row] = byId(h, LIST, id);
    expect(row!['ステータス']).toBe('成約');
    expect(row!['理由']).toBe('');
    expect(tenantOf(h).outcomes.get(id)).toMatchObject({ status: 'won', reason: null, at: '2026-12-04T00:30:00.000Z' });
  });

  it('失注 on a 保留 row changes it in place', () => {
    const h = sheetWithLeads();
    const id = recordAt(h, LIST, 2)[ID] as string;
    h.select(LIST, [2]);
    expect(tagSelection(h.gas, { status: 'held' }).ok).toBe(true);

    h.select(HELD, [rowOf(h, HELD, id)]);
    const result = tagSelection(h.gas, { status: 'rejected', reason: 'industry' });

    expect(result).toEqual({ ok: true, tagged: 1, moved: 0, message: '1 行を失注にしました' });
    const [row] = byId(h, HELD, id);
    expect(row).toMatchObject({ ステータス: '失注', 理由: '業種' });
    expect(tokyoDay(row!['再訪日']!)).toBe('2027-05-24');
    expect(tenantOf(h).outcomes.get(id)).toMatchObject({ status: 'rejected', reason: 'industry' });
  });

  it('speaks English to an English-speaking owner', () => {
    const h = sheetWithLeads({ locale: 'en_US' }, 'Leads');
    expect(h.fake.spreadsheet.sheetNames()).toEqual(['シート1', 'Leads']);
    h.select('Leads', [2, 3]);
    const result = tagSelection(h.gas, { status: 'rejected', reason: 'budget' });
    expect(result).toMatchObject({ ok: true, message: 'Marked 2 rows Lost; moved 2 to “On hold”' });
    expect(h.records('On hold').map((r) => [r['Status'], r['Reason']])).toEqual([['Lost', 'Budget'], ['Lost', 'Budget']]);
    expect(tagSelection(h.gas, { status: 'rejected' })).toMatchObject({ ok: false, code: 'REASON_REQUIRED', message: 'Choose why the prospect said no.' });
  });
});

describe('rows the owner typed', () => {
  it('成約 on a typed row in リスト reports it once', () => {
    const h = sheetWithLeads();
    const row = h.sheet(LIST).rows().length + 1;
    setCell(h, LIST, row, '会社名', '手入力工業');
    setCell(h, LIST, row, 'Webサイト', 'https://tenyuryoku.example.jp/');

    h.select(LIST, [row]);
    expect(tagSelection(h.gas, { status: 'won' })).toMatchObject({ ok: true, tagged: 1, moved: 0 });

    const [only] = [...tenantOf(h).outcomes.values()];
    expect(only).toMatchObject({ status: 'won', reason: null });
    expect(only!.leadId).toMatch(/^kn_/);
    expect(h.records(LIST).find((r) => r['会社名'] === '手入力工業')).toMatchObject({ ステータス: '成約' });

    const afterTag = h.api.requests.length;
    expect(h.refresh().ok).toBe(true);
    expect(h.refresh().ok).toBe(true);
    expect(h.api.requests.slice(afterTag).map((r) => r.route)).toEqual(['pulls', 'ack', 'insights', 'pulls', 'ack', 'insights']);
  });
});

describe('revisit months', () => {
  it('puts the 再訪日 the configured number of months ahead', () => {
    const h = sheetWithLeads();
    expect(setRevisitMonths(h.gas, 3)).toEqual({ ok: true, revisitMonths: 3, message: '失注・保留の行は 3 か月後に一度だけ戻ります' });
    h.select(LIST, [2]);
    expect(tagSelection(h.gas, { status: 'rejected', reason: 'other' }).ok).toBe(true);
    expect(tokyoDay(h.records(HELD)[0]!['再訪日']!)).toBe('2027-02-24');
  });

  it('refuses months outside 1–24 and keeps the setting', () => {
    const h = sheetWithLeads();
    expect(setRevisitMonths(h.gas, 12).ok).toBe(true);
    for (const months of [0, 25, -3, 1.5, Number.NaN]) {
      const result = setRevisitMonths(h.gas, months);
      expect(result, String(months)).toMatchObject({ ok: false, code: 'BAD_MONTHS', message: '月数は 1〜24 で指定してください。' });
    }
    h.select(LIST, [2]);
    expect(tagSelection(h.gas, { status: 'held' }).ok).toBe(true);
    expect(tokyoDay(h.records(HELD)[0]!['再訪日']!)).toBe('2027-11-24');
  });
});

describe('outcomes that could not be sent', () => {
  it('still moves the rows, says so, and sends exactly those outcomes with the next refresh', () => {
    const h = sheetWithLeads();
    const ids = [recordAt(h, LIST, 2)[ID], recordAt(h, LIST, 3)[ID]] as string[];
    h.api.fail('outcomes', { status: 503, code: 'API_UNAVAILABLE' });
    h.select(LIST, [2, 3]);

    const result = tagSelection(h.gas, { status: 'rejected', reason: 'budget', memo: '後で' });

    expect(result).toEqual({
      ok: true,
      tagged: 2,
      moved: 2,
      message: '2 行を失注にし、2 行を「保留」に移しました / 結果の送信は次回の更新で行います',
    });
    expect(h.records(HELD).map((r) => r[ID])).toEqual(ids);
    expect(tenantOf(h).outcomes.size).toBe(0);
    expect(outcomeRequests(h)).toHaveLength(1); // the failed attempt

    const run = h.refresh();
    expect(run.ok).toBe(true);
    const sent = outcomeRequests(h);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.map((o) => [o.leadId, o.status, o.reason])).toEqual(ids.map((id) => [id, 'rejected', 'budget']));
    expect(tenantOf(h).outcomes.size).toBe(2);

    // Once only.
    expect(h.refresh().ok).toBe(true);
    expect(outcomeRequests(h)).toHaveLength(2);
  });

  it('keeps them pending across a failed refresh too', () => {
    const h = sheetWithLeads();
    const id = recordAt(h, LIST, 2)[ID] as string;
    h.api.fail('outcomes', 'network', 2);
    h.select(LIST, [2]);
    const tagged = tagSelection(h.gas, { status: 'held' });
    expect(tagged.ok && tagged.message).toMatch(/結果の送信は次回の更新で行います/);

    const first = h.refresh();
    expect(first.ok).toBe(true);
    expect(first.message).toMatch(/結果の送信は次回の更新で行います/);
    expect(tenantOf(h).outcomes.size).toBe(0);

    expect(h.refresh().ok).toBe(true);
    expect([...tenantOf(h).outcomes.keys()]).toEqual([id]);
    expect(outcomeRequests(h)).toHaveLength(3);
    expect(h.refresh().ok).toBe(true);
    expect(outcomeRequests(h)).toHaveLength(3);
  });
});

describe('the revisit cycle', () => {
  it('brings a 失注 row back once as 再訪; a second 失注 keeps it in 保留 for good', () => {
    const h = sheetWithLeads();
    const id = recordAt(h, LIST, 2)[ID] as string;
    h.select(LIST, [2]);
    expect(tagSelection(h.gas, { status: 'rejected', reason: 'budget' }).ok).toBe(true);
    expect(tokyoDay(byId(h, HELD, id)[0]!['再訪日']!)).toBe('2027-05-24');

    // The day before: still waiting.
    h.advanceDays(180); // 2027-05-23 in Tokyo
    expect(h.refresh()).toMatchObject({ ok: true, revisits: 0 });
    expect(byId(h, HELD, id)).toHaveLength(1);
    expect(byId(h, LIST, id)).toHaveLength(0);

    // Its day has come.
    h.advanceDays(1);
    const back = h.refresh();
    expect(back).toMatchObject({ ok: true, revisits: 1, added: 10 });
    expect(back.message).toBe('新着 10 件を追加しました（再訪 1 件）');
    expect(byId(h, HELD, id)).toHaveLength(0);
    const [returned] = byId(h, LIST, id);
    expect(returned!['ステータス']).toBe('再訪');
    expect(returned!['理由']).toBe('予算');

    // Once: another refresh neither duplicates it nor counts it again.
    expect(h.refresh()).toMatchObject({ ok: true, revisits: 0 });
    expect(byId(h, LIST, id)).toHaveLength(1);
    expect(byId(h, HELD, id)).toHaveLength(0);

    // Rejected again after its revisit: to 保留 with no 再訪日.
    h.advanceDays(7);
    h.select(LIST, [rowOf(h, LIST, id)]);
    const again = tagSelection(h.gas, { status: 'rejected', reason: 'timing' });
    expect(again).toMatchObject({ ok: true, tagged: 1, moved: 1 });
    expect(byId(h, LIST, id)).toHaveLength(0);
    const [final] = byId(h, HELD, id);
    expect(final).toMatchObject({ ステータス: '失注', 理由: 'タイミング', 再訪日: '' });
    expect(tenantOf(h).outcomes.get(id)).toMatchObject({ status: 'rejected', reason: 'timing' });

    // A year on it is still there.
    h.advanceDays(365);
    expect(h.refresh()).toMatchObject({ ok: true, revisits: 0 });
    expect(h.refresh()).toMatchObject({ ok: true, revisits: 0 });
    expect(byId(h, HELD, id)).toHaveLength(1);
    expect(byId(h, LIST, id)).toHaveLength(0);
  });

  it('a row marked 保留 comes back the same way', () => {
    const h = sheetWithLeads();
    const id = recordAt(h, LIST, 3)[ID] as string;
    h.select(LIST, [3]);
    expect(tagSelection(h.gas, { status: 'held' }).ok).toBe(true);
    h.advanceDays(183);
    expect(h.refresh()).toMatchObject({ ok: true, revisits: 1 });
    expect(byId(h, LIST, id)[0]!['ステータス']).toBe('再訪');
    expect(byId(h, HELD, id)).toHaveLength(0);
  });

  it('tags a row the owner typed into リスト by hand, giving it an id first', () => {
    const h = sheetWithLeads();
    const row = h.sheet(LIST).rows().length + 1;
    setCell(h, LIST, row, '会社名', '手入力商事株式会社');
    setCell(h, LIST, row, '電話番号', '03-1111-2222');
    setCell(h, LIST, row, '業種', '卸売');
    setCell(h, LIST, row, 'エリア', '千代田区');
    setCell(h, LIST, row, '従業員数', '30人');
    expect(h.records(LIST)[row - 2]![ID]).toBe('');
    const before = h.api.requests.length;

    h.select(LIST, [row]);
    const result = tagSelection(h.gas, { status: 'rejected', reason: 'other', memo: '担当者不在' });

    expect(result).toMatchObject({ ok: true, tagged: 1, moved: 1 });
    const calls = h.api.requests.slice(before).map((r) => r.route);
    expect(calls).toEqual(['known', 'outcomes']);
    const [held] = h.records(HELD);
    const id = held![ID] as string;
    expect(id).toMatch(/^kn_/);
    expect(held).toMatchObject({ 会社名: '手入力商事株式会社', 電話番号: '03-1111-2222', ステータス: '失注', 理由: 'その他', メモ: '担当者不在' });
    expect(tokyoDay(held!['再訪日']!)).toBe('2027-05-24');
    expect(h.records(LIST).some((r) => r['会社名'] === '手入力商事株式会社')).toBe(false);
    expect(tenantOf(h).known).toEqual([{ name: '手入力商事株式会社', address: null, phone: '03-1111-2222', website: null }]);
    expect(tenantOf(h).outcomes.get(id)).toEqual({
      leadId: id,
      status: 'rejected',
      reason: 'other',
      at: '2026-11-24T00:30:00.000Z',
      segment: { employees: 30, industry: '卸売', area: '千代田区', newListing: null, newlyEstablished: null, rating: null, reviews: null },
    });

    // The refresh neither sends it to /v1/known again nor resends its outcome.
    const afterTag = h.api.requests.length;
    expect(h.refresh().ok).toBe(true);
    expect(h.api.requests.slice(afterTag).map((r) => r.route)).toEqual(['pulls', 'ack', 'insights']);

    // It comes back once like any other row.
    h.advanceDays(183);
    expect(h.refresh()).toMatchObject({ ok: true, revisits: 1 });
    expect(byId(h, LIST, id)[0]).toMatchObject({ 会社名: '手入力商事株式会社', ステータス: '再訪' });
  });
});

describe('a tag stopped between its append and its delete', () => {
  /** Makes the next Sheet.deleteRows throw once, as if the execution had been cut there. */
  function failNextDelete(h: Harness) {
    const sheet = h.gas.SpreadsheetApp.getActive().getSheetByName(LIST)!;
    const prototype = Object.getPrototypeOf(sheet) as { deleteRows: (...args: number[]) => void };
    const original = Object.getOwnPropertyDescriptor(sheet, 'deleteRows') ?? Object.getOwnPropertyDescriptor(prototype, 'deleteRows');
    let armed = true;
    const wrap = (fn: (...args: number[]) => void) =>
      function (this: unknown, ...args: number[]) {
        if (armed) {
          armed = false;
          throw new Error('Exceeded maximum execution time');
        }
        return fn.apply(this, args);
      };
    if (Object.getOwnPropertyDescriptor(sheet, 'deleteRows')) (sheet as unknown as Record<string, unknown>).deleteRows = wrap(original!.value);
    else (sheet as unknown as Record<string, unknown>).deleteRows = wrap(prototype.deleteRows);
  }

  it('leaves one copy, in the tag’s destination, after the next refresh', () => {
    const h = sheetWithLeads();
    const id = recordAt(h, LIST, 2)[ID] as string;
    failNextDelete(h);
    h.select(LIST, [2]);
    const tagged = tagSelection(h.gas, { status: 'rejected', reason: 'timing' });
    expect(tagged.ok).toBe(false);
    expect(byId(h, LIST, id)).toHaveLength(1);
    expect(byId(h, HELD, id)).toHaveLength(1);

    expect(h.refresh().ok).toBe(true);
    expect(byId(h, LIST, id)).toHaveLength(0);
    expect(byId(h, HELD, id).map((r) => [r['ステータス'], r['理由']])).toEqual([['失注', 'タイミング']]);
  });
});

describe('the sheet’s language', () => {
  it('stays the one the sheet was set up in when an editor with another language refreshes and tags', () => {
    const h = sheetWithLeads();
    h.fake.setLocale('en_US');
    const run = h.refresh();
    expect(run.ok).toBe(true);
    expect(run.message).toMatch(/^Added 10 new leads/);
    expect(h.records(LIST).map((r) => r['ステータス'])).toEqual(new Array(20).fill('未対応'));
    h.select(LIST, [2]);
    expect(tagSelection(h.gas, { status: 'rejected', reason: 'budget' }).ok).toBe(true);
    expect(h.records(HELD).map((r) => [r['ステータス'], r['理由']])).toEqual([['失注', '予算']]);
    expect(h.fake.spreadsheet.sheetNames()).not.toContain('On hold');
  });

  it('keeps the owner on the tab they were in when the first tag creates 保留', () => {
    const h = sheetWithLeads();
    h.select(LIST, [3]);
    expect(tagSelection(h.gas, { status: 'held' }).ok).toBe(true);
    expect(h.gas.SpreadsheetApp.getActive().getActiveSheet().getName()).toBe(LIST);
  });
});
