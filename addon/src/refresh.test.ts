// The refresh (「新着リードを追加」) through the add-on's entry point, against the Apps Script fakes
// and the fake Tsugi API: what a blank spreadsheet becomes, what Tsugi writes and never writes,
// sheets the owner has rearranged, the call budget on a large sheet, the document lock, every
// failure point of pull → write → acknowledge, statuses the owner changed by hand, and revisits.
import { describe, expect, it } from 'vitest';
import type { Lead, Outcome } from '../../shared/contract.ts';
import type { FakeFault } from '../../test/apps-script/fake-api.ts';
import { installAddon, type HarnessOptions } from '../test/harness.ts';
import { sidebarState } from './addon.ts';
import type { CellValue, Range, Sheet } from './apps-script.ts';

type Harness = ReturnType<typeof installAddon>;
type Rec = Record<string, CellValue>;

const LIST = 'リスト';
const HELD = '保留';
const ID = 'Tsugi ID';
const HEADERS_JA = [
  '会社名', '業種', 'エリア', '住所', '電話番号', 'Webサイト', 'Googleマップ', '評価', '口コミ数', '従業員数',
  '法人名', '法人番号', '設立日', '新設', 'メール', '問い合わせフォーム', '新着', '取得日', 'ステータス', '理由', 'メモ', '再訪日', 'Tsugi ID',
];
const HEADERS_EN = [
  'Company', 'Industry', 'Area', 'Address', 'Phone', 'Website', 'Google Maps', 'Rating', 'Reviews', 'Employees',
  'Legal name', 'Corporate number', 'Established', 'Newly established', 'Email', 'Contact form', 'New listing', 'Added on', 'Status', 'Reason', 'Memo', 'Revisit on', 'Tsugi ID',
];
const STATUSES_JA = ['未対応', '商談中', '失注', '保留', '成約', '再訪'];
const REASONS_JA = ['予算', '業種', 'タイミング', '他社', 'その他'];
/** The harness's clock: 09:30 on 2026-11-24 in Tokyo. */
const TODAY = '2026-11-24';

// ---------------------------------------------------------------------------------------------
// Helpers

/** The calendar day a cell shows in Tokyo (typed days come back from the fake as Dates). */
function tokyoDay(value: CellValue | undefined): string {
  if (!(value instanceof Date)) return String(value);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(value);
}

/** Dates as their instants, so rows compare cell by cell. */
const plainCell = (value: CellValue | undefined) => (value instanceof Date ? `date:${value.toISOString()}` : value);
const plainRows = (rows: CellValue[][]) => rows.map((row) => row.map(plainCell));

/** Every cell of every tab: its value and, if any, its formula. */
function snapshot(h: Harness): Record<string, { value: unknown; formula: string | null }[][]> {
  const out: Record<string, { value: unknown; formula: string | null }[][]> = {};
  for (const name of h.fake.spreadsheet.sheetNames()) {
    const view = h.sheet(name);
    out[name] = view.rows().map((row, r) => row.map((value, c) => ({ value: plainCell(value), formula: view.cell(r + 1, c + 1).formula })));
  }
  return out;
}

function firstRun(options: HarnessOptions = {}): Harness {
  const h = installAddon(options);
  const run = h.refresh();
  expect(run.ok, run.message).toBe(true);
  expect(run.added).toBe(10);
  return h;
}

function column(h: Harness, tab: string, header: string, headerRow = 1): number {
  const index = h.sheet(tab).rows()[headerRow - 1]!.map(String).indexOf(header);
  if (index < 0) throw new Error(`no column ${header} in ${tab}`);
  return index + 1;
}

/** A cell as the owner types it (raw, as the dropdown stores it). */
function type(h: Harness, tab: string, row: number, header: string, value: CellValue) {
  h.sheet(tab).put(row, column(h, tab, header), [[value]]);
}

const idsIn = (h: Harness, tab: string, headerRow = 1) => h.records(tab, headerRow).map((r) => r[ID] as string).filter(Boolean);
const rowsWithId = (h: Harness, tab: string, id: string) => h.records(tab).filter((r) => r[ID] === id);
const lastToast = (h: Harness) => h.fake.toasts.at(-1)?.message;
const tenantOf = (h: Harness) => {
  expect(h.api.tenants.size).toBe(1);
  return [...h.api.tenants.values()][0]!;
};
const routes = (h: Harness) => h.api.requests.map((r) => r.route);
const outcomeRequests = (h: Harness) =>
  h.api.requests.filter((r) => r.route === 'outcomes').map((r) => (r.body as { outcomes: Outcome[] }).outcomes);
const leadById = (h: Harness, id: string): Lead => {
  const lead = h.api.leads.find((l) => l.id === id);
  if (!lead) throw new Error(`${id} is not in the pool`);
  return lead;
};

/** The Sheet object the add-on gets for a tab (the fake hands out one per tab), to break a method of. */
const sheetApi = (h: Harness, name: string): Sheet => h.fake.services.SpreadsheetApp.getActive().getSheetByName(name)!;

/** The next setValues on a range of this tab fails, as on a protected range. */
function failNextWrite(h: Harness, tab: string): void {
  const sheet = sheetApi(h, tab);
  const getRange = sheet.getRange;
  let armed = true;
  sheet.getRange = (...args: Parameters<Sheet['getRange']>): Range => {
    const range = getRange(...args);
    const setValues = range.setValues;
    range.setValues = (values) => {
      if (armed) {
        armed = false;
        throw new Error('You are trying to edit a protected cell or object.');
      }
      return setValues(values);
    };
    return range;
  };
}

/** The next deleteRows on this tab throws, as when the execution dies there. */
function failNextDelete(h: Harness, tab: string): void {
  const sheet = sheetApi(h, tab);
  const deleteRows = sheet.deleteRows;
  let armed = true;
  sheet.deleteRows = (position, howMany) => {
    if (armed) {
      armed = false;
      throw new Error('Exceeded maximum execution time');
    }
    return deleteRows(position, howMany);
  };
}

/** The next /v1/pulls answers 200 with this body instead. */
function garbleNextPull(h: Harness, body: string): void {
  let armed = true;
  h.fake.setFetch((request) => {
    if (armed && new URL(request.url).pathname === '/v1/pulls') {
      armed = false;
      h.api.requests.push({ route: 'pulls', method: 'POST', body: request.payload });
      return { status: 200, body };
    }
    return h.api.handle(request);
  });
}

/** The leads a fresh tenant is served first, in order (the pool and the serving are deterministic). */
function firstServed(count: number): Lead[] {
  const probe = installAddon();
  probe.refresh();
  const ids = idsIn(probe, LIST);
  return ids.slice(0, count).map((id) => leadById(probe, id));
}

// ---------------------------------------------------------------------------------------------

describe('the first refresh on a blank spreadsheet', () => {
  it('creates リスト with Tsugi’s header, frozen and dressed, and appends the batch under it', () => {
    const h = installAddon();
    expect(h.fake.spreadsheet.sheetNames()).toEqual(['シート1']);

    const run = h.refresh();

    expect(run).toMatchObject({ ok: true, added: 10, revisits: 0, reconciled: 0, code: null });
    expect(h.fake.spreadsheet.sheetNames()).toEqual(['シート1', LIST]);
    const list = h.sheet(LIST);
    expect(list.rows()[0]).toEqual(HEADERS_JA);
    expect(list.frozenRows()).toBe(1);
    expect(list.hiddenColumns()).toEqual([HEADERS_JA.indexOf(ID) + 1]);

    // Ten rows, one per lead of the batch, in the batch's order, each under its header.
    const batch = tenantOf(h).acked;
    expect(batch).toHaveLength(1);
    const records = h.records(LIST);
    expect(records).toHaveLength(10);
    for (const record of records) {
      const lead = leadById(h, record[ID] as string);
      expect(record['会社名']).toBe(lead.name);
      expect(record['住所']).toBe(lead.address);
      expect(record['電話番号']).toBe(lead.phone);
      expect(record['Webサイト']).toBe(lead.website ?? '');
      expect(record['エリア']).toBe(lead.area);
      expect(record['ステータス']).toBe('未対応');
      expect(record['理由']).toBe('');
      expect(record['再訪日']).toBe('');
      expect(tokyoDay(record['取得日'])).toBe(TODAY);
    }

    // Dropdowns on ステータス and 理由 for the new rows and the empty rows below them.
    const status = column(h, LIST, 'ステータス');
    const reason = column(h, LIST, '理由');
    for (const row of [2, 11, 12, 500]) {
      expect(list.cell(row, status).validation).toEqual(STATUSES_JA);
      expect(list.cell(row, reason).validation).toEqual(REASONS_JA);
    }
    expect(list.cell(1, status).validation).toBeNull();
    expect(list.cell(2, column(h, LIST, '会社名')).validation).toBeNull();

    // A colour per status (未対応 stays plain) over the ステータス column, rows appended included.
    const rules = list.conditionalRules();
    expect(rules.map((rule) => rule.text).sort()).toEqual(['再訪', '保留', '商談中', '失注', '成約'].sort());
    for (const rule of rules) {
      expect(rule.background).toMatch(/^#[0-9a-f]{6}$/);
      expect(rule.fontColor).toMatch(/^#[0-9a-f]{6}$/);
      expect(rule.ranges).toHaveLength(1);
      const [range] = rule.ranges;
      expect(range).toMatchObject({ row: 2, column: status, numColumns: 1 });
      expect(range!.row + range!.numRows - 1).toBeGreaterThanOrEqual(11);
    }
    expect(new Set(rules.map((rule) => rule.background)).size).toBe(5);
  });

  it('says 「新着 N 件を追加しました」 in a toast and keeps it as the last run the sidebar shows', () => {
    const h = installAddon();

    const run = h.refresh('sidebar');

    expect(run.message).toBe('新着 10 件を追加しました');
    expect(h.fake.toasts).toEqual([{ message: '新着 10 件を追加しました', title: 'Tsugi' }]);
    const state = sidebarState(h.gas);
    expect(state.ok).toBe(true);
    if (!state.ok) return;
    expect(state.state.lastRun).toEqual(run);
    expect(state.state.lastRun).toMatchObject({ ok: true, origin: 'sidebar', added: 10, revisits: 0, code: null, message: '新着 10 件を追加しました' });
  });

  it('says so when the batch is empty, and writes nothing', () => {
    const h = installAddon({ api: { leadsAvailable: 0 } });
    const run = h.refresh();
    expect(run.ok).toBe(true);
    expect(run.added).toBe(0);
    expect(run.message).toMatch(/^新着はありませんでした。/);
    expect(run.message).toContain('条件に合う店舗はすべてお届けしました');
    expect(h.records(LIST)).toEqual([]);
  });
});

describe('what Tsugi writes into cells', () => {
  it('stores names starting with = + - @ as text, never as formulas, and they read back exactly', () => {
    const h = installAddon();
    const hostile = h.api.leads.filter((lead) => /^[=+\-@]/.test(lead.name));
    expect(hostile.map((lead) => lead.name[0]).sort()).toEqual(['+', '-', '=', '@']);

    for (let i = 0; i < 3; i++) expect(h.refresh().ok).toBe(true);

    const ids = idsIn(h, LIST);
    for (const lead of hostile) expect(ids).toContain(lead.id);
    for (const record of h.records(LIST)) expect(record['会社名']).toBe(leadById(h, record[ID] as string).name);
    for (const [name, rows] of Object.entries(snapshot(h))) {
      rows.forEach((row, r) => row.forEach((cell, c) => expect(cell.formula, `${name}!R${r + 1}C${c + 1}`).toBeNull()));
    }
  });

  it('keeps leading zeros, and text that Sheets would read as a number, a boolean or a date stays text', () => {
    const h = installAddon();
    const served = firstServed(10);
    const pool = (lead: Lead) => h.api.leads.find((l) => l.id === lead.id)!;
    pool(served[0]!).phone = '0312345678';
    pool(served[1]!).phone = '09012345678';
    pool(served[2]!).name = '12345';
    pool(served[3]!).name = 'TRUE';
    pool(served[4]!).name = '2026/01/05';
    pool(served[5]!).name = "'引用符で始まる店";
    pool(served[6]!).website = '=IMPORTXML("https://evil.example/","//a")';

    expect(h.refresh().ok).toBe(true);

    const records = h.records(LIST);
    expect(records.map((r) => r[ID])).toEqual(served.map((lead) => lead.id));
    records.forEach((record, i) => {
      const lead = pool(served[i]!);
      expect(record['会社名']).toBe(lead.name);
      expect(record['電話番号']).toBe(lead.phone);
      expect(record['Webサイト']).toBe(lead.website ?? '');
    });
    expect(records[0]!['電話番号']).toBe('0312345678');
    expect(records.every((r) => typeof r['電話番号'] === 'string' && String(r['電話番号']).startsWith('0'))).toBe(true);
    for (const [name, rows] of Object.entries(snapshot(h))) {
      rows.forEach((row, r) => row.forEach((cell, c) => expect(cell.formula, `${name}!R${r + 1}C${c + 1}`).toBeNull()));
    }
  });
});

describe('a second refresh', () => {
  it('appends below, changes no existing cell, and no Tsugi id appears twice', () => {
    const h = firstRun();
    const before = snapshot(h);
    const list = h.sheet(LIST);
    const validationBefore = list.cell(11, column(h, LIST, 'ステータス')).validation;

    const run = h.refresh();

    expect(run).toMatchObject({ ok: true, added: 10, message: '新着 10 件を追加しました' });
    const after = snapshot(h);
    expect(after[LIST]!.slice(0, 11)).toEqual(before[LIST]);
    expect(after[LIST]).toHaveLength(21);
    expect(list.rows()[0]).toEqual(HEADERS_JA);
    expect(list.cell(11, column(h, LIST, 'ステータス')).validation).toEqual(validationBefore);
    expect(list.cell(21, column(h, LIST, 'ステータス')).validation).toEqual(STATUSES_JA);

    const ids = idsIn(h, LIST);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(tenantOf(h).acked).toHaveLength(2);
  });
});

describe('sheets the owner has rearranged', () => {
  it('finds moved, renamed and inserted columns by header: new rows land under the right ones and the owner’s cells stay as typed', () => {
    const h = firstRun();
    // Between refreshes the owner moves ステータス and 電話番号 to the front, renames 会社名 to
    // 顧客名 in place, and inserts a column of their own (担当者) with names in it.
    const order = [
      'ステータス', '電話番号', '顧客名', '業種', 'エリア', '住所', '担当者', 'Webサイト', 'Googleマップ', '評価', '口コミ数',
      '従業員数', '法人名', '法人番号', '設立日', '新設', 'メール', '問い合わせフォーム', '新着', '取得日', '理由', 'メモ', '再訪日', ID,
    ];
    const original = h.sheet(LIST).rows();
    const from = (header: string) => HEADERS_JA.indexOf(header === '顧客名' ? '会社名' : header);
    const owners = ['佐藤', '鈴木', '', '田中', '佐藤', '', '高橋', '鈴木', '佐藤', '田中'];
    const rearranged = original.map((row, r) =>
      order.map((header) => (r === 0 ? header : header === '担当者' ? owners[r - 1]! : row[from(header)]!)),
    );
    h.sheet(LIST).put(1, 1, rearranged);
    const before = plainRows(h.sheet(LIST).rows());

    for (let refresh = 0; refresh < 2; refresh++) {
      const run = h.refresh();
      expect(run.ok, run.message).toBe(true);
      expect(run.added).toBe(10);
    }

    const rows = h.sheet(LIST).rows();
    expect(rows[0]).toEqual(order);
    expect(rows[0]).not.toContain('会社名');
    expect(plainRows(rows.slice(0, 11))).toEqual(before);
    const records = h.records(LIST);
    expect(records).toHaveLength(30);
    for (const record of records.slice(10)) {
      const lead = leadById(h, record[ID] as string);
      expect(record['顧客名']).toBe(lead.name);
      expect(record['電話番号']).toBe(lead.phone);
      expect(record['住所']).toBe(lead.address);
      expect(record['ステータス']).toBe('未対応');
      expect(tokyoDay(record['取得日'])).toBe(TODAY);
      expect(record['担当者']).toBe('');
    }
    expect(new Set(records.map((r) => r[ID])).size).toBe(30);
  });

  it('recognises the id column after the owner renamed its header, and adds no second one', () => {
    const h = firstRun();
    const idColumn = column(h, LIST, ID);
    h.sheet(LIST).put(1, idColumn, [['管理番号']]);

    const run = h.refresh();

    expect(run).toMatchObject({ ok: true, added: 10 });
    const header = h.sheet(LIST).rows()[0]!;
    expect(header).toEqual(HEADERS_JA.map((text) => (text === ID ? '管理番号' : text)));
    const ids = h.records(LIST).map((r) => r['管理番号'] as string);
    expect(ids).toHaveLength(20);
    expect(ids.every((id) => /^ld_/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(20);
    // The same batch served again (an ack lost) is still recognised as already in the sheet.
    h.api.fail('ack', { status: 503, code: 'API_UNAVAILABLE' });
    expect(h.refresh()).toMatchObject({ ok: true, added: 10 });
    expect(h.refresh()).toMatchObject({ ok: true, added: 0 });
    expect(new Set(h.records(LIST).map((r) => r['管理番号'])).size).toBe(30);
    expect(h.records(LIST)).toHaveLength(30);
  });

  it('appends after the last non-blank row, leaving blank rows in the middle and a merged block as they are', () => {
    const h = firstRun();
    const list = h.sheet(LIST);
    const width = HEADERS_JA.length;
    list.put(5, 1, [new Array<CellValue>(width).fill(''), new Array<CellValue>(width).fill('')]);
    const memo = column(h, LIST, 'メモ');
    list.put(8, memo, [['8・9行目の二社は同じ経営者']]);
    list.merge(8, memo, 2, 1);
    const before = plainRows(list.rows());
    expect(before).toHaveLength(11);

    const run = h.refresh();

    expect(run).toMatchObject({ ok: true, added: 10 });
    const rows = list.rows();
    expect(plainRows(rows.slice(0, 11))).toEqual(before);
    expect(rows[4]!.every((cell) => cell === '')).toBe(true);
    expect(rows[5]!.every((cell) => cell === '')).toBe(true);
    expect(list.cell(8, memo).value).toBe('8・9行目の二社は同じ経営者');
    expect(rows.slice(11).every((row) => /^ld_/.test(String(row[HEADERS_JA.indexOf(ID)])))).toBe(true);
    expect(rows).toHaveLength(21);
    expect(new Set(idsIn(h, LIST)).size).toBe(18);
  });

  it('works with a title row and a blank row above the header (header in row 3)', () => {
    const h = firstRun();
    const list = h.sheet(LIST);
    const original = list.rows();
    const width = HEADERS_JA.length;
    const title = ['2026年度 新規開拓リスト（山田）', ...new Array<CellValue>(width - 1).fill('')];
    list.put(1, 1, [title, new Array<CellValue>(width).fill(''), ...original]);
    const before = plainRows(list.rows());

    const run = h.refresh();

    expect(run).toMatchObject({ ok: true, added: 10 });
    const rows = list.rows();
    expect(plainRows(rows.slice(0, 13))).toEqual(before);
    expect(rows).toHaveLength(23);
    expect(rows[0]![0]).toBe('2026年度 新規開拓リスト（山田）');
    expect(rows[2]).toEqual(HEADERS_JA);
    const records = h.records(LIST, 3);
    expect(records).toHaveLength(20);
    for (const record of records.slice(10)) {
      expect(record['会社名']).toBe(leadById(h, record[ID] as string).name);
      expect(record['ステータス']).toBe('未対応');
    }
    expect(new Set(idsIn(h, LIST, 3)).size).toBe(20);
    expect(h.fake.spreadsheet.sheetNames()).toEqual(['シート1', LIST]);
  });

  it('adopts a リスト tab of the owner’s own: adds the columns Tsugi needs at the right end, tells the API about their rows once, and never serves those companies', () => {
    const [first, second] = firstServed(2);
    const h = installAddon({ sheets: [LIST] });
    const owner = [
      ['会社名', '電話番号', '担当者'],
      [first!.name, first!.phone!, '佐藤'],
      [second!.name, second!.phone!, '鈴木'],
      ['手書きの取引先', '0312340000', '田中'],
    ];
    h.sheet(LIST).put(1, 1, owner);

    const run = h.refresh();

    expect(run).toMatchObject({ ok: true, added: 10 });
    const rows = h.sheet(LIST).rows();
    // Their columns stay where they were; Tsugi's required ones follow.
    expect(rows[0]!.slice(0, 3)).toEqual(['会社名', '電話番号', '担当者']);
    expect([...rows[0]!.slice(3)].sort()).toEqual(['ステータス', '理由', '再訪日', ID].sort());
    expect(h.sheet(LIST).hiddenColumns()).toEqual([column(h, LIST, ID)]);
    expect(h.sheet(LIST).cell(5, column(h, LIST, 'ステータス')).validation).toEqual(STATUSES_JA);
    // Their rows, as they typed them. (A refresh never writes existing rows, so their ids are not
    // written in: the API knows the rows, and a row that moves carries its id to the other tab.)
    expect(rows.slice(1, 4).map((row) => row.slice(0, 3))).toEqual(owner.slice(1));
    expect(rows.slice(1, 4).every((row) => row.slice(3).every((cell) => cell === ''))).toBe(true);

    // Sent to /v1/known once, before the pull.
    const known = h.api.requests.filter((r) => r.route === 'known');
    expect(known).toHaveLength(1);
    expect(routes(h).indexOf('known')).toBeLessThan(routes(h).indexOf('pulls'));
    expect((known[0]!.body as { rows: unknown[] }).rows).toEqual([
      { name: first!.name, address: null, phone: first!.phone, website: null },
      { name: second!.name, address: null, phone: second!.phone, website: null },
      { name: '手書きの取引先', address: null, phone: '0312340000', website: null },
    ]);

    // New leads under Tsugi's columns and theirs.
    const records = h.records(LIST);
    expect(records).toHaveLength(13);
    for (const record of records.slice(3)) {
      const lead = leadById(h, record[ID] as string);
      expect(record).toEqual({ 会社名: lead.name, 電話番号: lead.phone, 担当者: '', [ID]: lead.id, ステータス: '未対応', 理由: '', 再訪日: '' });
    }

    // Later refreshes: no second /v1/known, and the owner's companies never come back.
    for (let i = 0; i < 3; i++) expect(h.refresh().ok).toBe(true);
    expect(h.api.requests.filter((r) => r.route === 'known')).toHaveLength(1);
    const ids = idsIn(h, LIST);
    expect(ids).toHaveLength(40);
    expect(ids).not.toContain(first!.id);
    expect(ids).not.toContain(second!.id);
    const names = h.records(LIST).map((r) => r['会社名']);
    expect(names.filter((name) => name === first!.name)).toHaveLength(1);
    expect(names.filter((name) => name === second!.name)).toHaveLength(1);
  });

  it('keeps working when the owner deleted the 保留 tab, and sets it up again when a row goes there', () => {
    const h = firstRun();
    type(h, LIST, 2, 'ステータス', '保留');
    expect(h.refresh().ok).toBe(true);
    expect(h.records(HELD)).toHaveLength(1);
    h.fake.spreadsheet.deleteSheet(HELD);

    const run = h.refresh();

    expect(run).toMatchObject({ ok: true, added: 10 });
    expect(h.fake.spreadsheet.sheetNames()).not.toContain(HELD);
    expect(h.records(LIST)).toHaveLength(29);

    type(h, LIST, 3, 'ステータス', '失注');
    type(h, LIST, 3, '理由', '他社');
    const id = h.records(LIST)[1]![ID] as string;
    expect(h.refresh().ok).toBe(true);
    expect(h.sheet(HELD).rows()[0]).toEqual(HEADERS_JA);
    expect(h.records(HELD).map((r) => r[ID])).toEqual([id]);
    expect(h.sheet(HELD).hiddenColumns()).toEqual([HEADERS_JA.indexOf(ID) + 1]);
  });

  it('still finds リスト after the owner renamed it, and does not create a second one', () => {
    const h = firstRun();
    h.fake.spreadsheet.renameSheet(LIST, '営業先');

    const run = h.refresh();

    expect(run).toMatchObject({ ok: true, added: 10 });
    expect(h.fake.spreadsheet.sheetNames()).toEqual(['シート1', '営業先']);
    expect(h.records('営業先')).toHaveLength(20);
    expect(new Set(idsIn(h, '営業先')).size).toBe(20);
  });
});

describe('a large sheet', () => {
  /** A リスト with `rows` rows of Tsugi's (the first ten from a refresh), after a refresh that made room. */
  function sheetWith(rows: number): Harness {
    const h = firstRun();
    const list = h.sheet(LIST);
    const more = Array.from({ length: rows - 10 }, (_, i) =>
      HEADERS_JA.map((header) =>
        header === ID ? `ld_${i.toString(16).padStart(24, '0')}` : header === '会社名' ? `既存の会社 ${i}` : header === 'ステータス' ? '未対応' : header === '電話番号' ? `03-0000-${String(i % 10000).padStart(4, '0')}` : '',
      ),
    );
    if (more.length > 0) list.put(12, 1, more);
    expect(h.records(LIST)).toHaveLength(rows);
    return h;
  }

  function measuredRefresh(h: Harness): number {
    h.fake.calls.reset();
    const run = h.refresh();
    expect(run.ok, run.message).toBe(true);
    expect(run.added).toBe(10);
    return h.fake.calls.sheetsDataCalls();
  }

  it('costs the same number of Sheets data calls with 5,000 rows as with 10, and keeps every row', () => {
    const small = sheetWith(10);
    const large = sheetWith(5_000);
    const before = plainRows(large.sheet(LIST).rows());

    // The first refresh after the paste may make room once; then both are in the steady state.
    const settleSmall = measuredRefresh(small);
    const settleLarge = measuredRefresh(large);
    expect(settleLarge).toBeLessThanOrEqual(settleSmall + 1);
    const steadySmall = measuredRefresh(small);
    const steadyLarge = measuredRefresh(large);

    expect(steadyLarge).toBe(steadySmall);
    expect(steadyLarge).toBeLessThanOrEqual(3);
    const rows = large.sheet(LIST).rows();
    expect(rows).toHaveLength(5_021);
    expect(plainRows(rows.slice(0, 5_001))).toEqual(before);
    expect(new Set(idsIn(large, LIST)).size).toBe(5_020);
  });
});

describe('another refresh is running', () => {
  it('says so in a toast, calls no API, leaves the sheet alone and answers BUSY', () => {
    const h = firstRun();
    const before = snapshot(h);
    const requests = h.api.requests.length;
    h.fake.holdLockElsewhere(true);

    const run = h.refresh();

    expect(run.ok).toBe(false);
    expect(run.code).toBe('BUSY');
    expect(run.message).toBe('別の更新が実行中です。終わってからもう一度お試しください。');
    expect(lastToast(h)).toBe(run.message);
    expect(h.api.requests).toHaveLength(requests);
    expect(h.fake.fetches).toHaveLength(requests);
    expect(snapshot(h)).toEqual(before);

    h.fake.holdLockElsewhere(false);
    expect(h.refresh()).toMatchObject({ ok: true, added: 10 });
  });
});

describe('failures: nothing lost, nothing doubled', () => {
  it('/v1/known fails: no lead is written, the pull is not made, and the next refresh does it all once', () => {
    const h = installAddon({ sheets: [LIST] });
    const owner = [
      ['会社名', '電話番号', '担当者'],
      ['手書きの取引先', '0312340000', '田中'],
    ];
    h.sheet(LIST).put(1, 1, owner);
    h.api.fail('known', { status: 503, code: 'API_UNAVAILABLE' });

    const run = h.refresh();

    expect(run).toMatchObject({ ok: false, code: 'API_UNAVAILABLE', added: 0 });
    expect(run.message).toBe('更新できませんでした: Tsugi のサーバーが応答しません。しばらくしてからもう一度お試しください。');
    expect(lastToast(h)).toBe(run.message);
    expect(routes(h)).not.toContain('pulls');
    const rows = h.sheet(LIST).rows();
    expect(rows.slice(0, 2).map((row) => row.slice(0, 3))).toEqual(owner);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.slice(3).every((cell) => cell === '')).toBe(true);

    expect(h.refresh()).toMatchObject({ ok: true, added: 10 });
    expect(h.api.requests.filter((r) => r.route === 'known')).toHaveLength(2);
    expect(h.records(LIST)).toHaveLength(11);
    expect(h.refresh()).toMatchObject({ ok: true, added: 10 });
    expect(h.api.requests.filter((r) => r.route === 'known')).toHaveLength(2);
  });

  const pullFailures: { name: string; fault: FakeFault | { body: string }; code: string; text: string }[] = [
    { name: '429 RATE_LIMITED', fault: { status: 429, code: 'RATE_LIMITED' }, code: 'RATE_LIMITED', text: '短時間に更新が多すぎます。少し待ってからお試しください。' },
    {
      name: '502 PLACES_UNAVAILABLE',
      fault: { status: 502, code: 'PLACES_UNAVAILABLE' },
      code: 'PLACES_UNAVAILABLE',
      text: 'Google マップに接続できませんでした。しばらくしてからもう一度お試しください。',
    },
    { name: 'a network error', fault: 'network', code: 'NETWORK', text: 'Tsugi のサーバーに接続できませんでした。しばらくしてからもう一度お試しください。' },
    { name: 'a 200 that is not JSON', fault: { body: '<html><body>Bad gateway</body></html>' }, code: 'BAD_RESPONSE', text: 'Tsugi のサーバーから予期しない応答がありました。' },
    { name: 'a 200 of the wrong shape', fault: { body: '{"leads":"none"}' }, code: 'BAD_RESPONSE', text: 'Tsugi のサーバーから予期しない応答がありました。' },
  ];

  it.each(pullFailures)('the pull fails with $name: nothing is written, the run says why in Japanese, the next refresh adds the leads', ({ fault, code, text }) => {
    const h = firstRun();
    const before = snapshot(h);
    const acked = [...tenantOf(h).acked];
    if (typeof fault === 'object' && 'body' in fault) garbleNextPull(h, fault.body);
    else h.api.fail('pulls', fault);

    const run = h.refresh();

    expect(run).toMatchObject({ ok: false, code, added: 0, message: `更新できませんでした: ${text}` });
    expect(routes(h).at(-1)).toBe('pulls');
    expect(lastToast(h)).toBe(run.message);
    expect(snapshot(h)).toEqual(before);
    expect(tenantOf(h).acked).toEqual(acked);
    const state = sidebarState(h.gas);
    expect(state.ok && state.state.lastRun).toMatchObject({ ok: false, code, message: run.message });

    expect(h.refresh()).toMatchObject({ ok: true, added: 10 });
    const ids = idsIn(h, LIST);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });

  it('the write fails: the batch is not acknowledged and the next refresh writes the same leads exactly once', () => {
    const h = firstRun();
    const before = snapshot(h);
    failNextWrite(h, LIST);

    const run = h.refresh();

    expect(run).toMatchObject({ ok: false, code: 'SHEET_WRITE_FAILED', added: 0 });
    expect(run.message).toContain('シートに書き込めませんでした');
    expect(lastToast(h)).toBe(run.message);
    expect(snapshot(h)).toEqual(before);
    const tenant = tenantOf(h);
    expect(tenant.acked).toHaveLength(1);
    const pending = tenant.openBatch!.leads.map((lead) => lead.id);
    expect(pending).toHaveLength(10);

    const retry = h.refresh();

    expect(retry).toMatchObject({ ok: true, added: 10, message: '新着 10 件を追加しました' });
    expect(tenant.acked).toHaveLength(2);
    const ids = idsIn(h, LIST);
    expect(ids.slice(10)).toEqual(pending);
    expect(new Set(ids).size).toBe(20);
  });

  it('the acknowledgement fails: the rows stay, the next refresh skips them and acknowledges, then fresh leads come', () => {
    const h = firstRun();
    h.api.fail('ack', { status: 503, code: 'API_UNAVAILABLE' });

    const failed = h.refresh();

    // The leads are in the sheet: the run succeeded, and says the acknowledgement comes next time.
    expect(failed).toMatchObject({ ok: true, added: 10 });
    expect(failed.message).toBe('新着 10 件を追加しました。受け取りの通知は次回の更新で行います（同じリードが重ねて追加されることはありません）');
    expect(lastToast(h)).toBe(failed.message);
    const tenant = tenantOf(h);
    const batch = tenant.openBatch!;
    expect(idsIn(h, LIST).slice(10)).toEqual(batch.leads.map((lead) => lead.id));

    const skipped = h.refresh();

    expect(skipped).toMatchObject({ ok: true, added: 0 });
    expect(skipped.message).toBe('新着はありませんでした。すでにシートにある 10 件は追加しませんでした');
    expect(tenant.acked.at(-1)).toBe(batch.batchId);
    expect(tenant.openBatch).toBeNull();
    expect(idsIn(h, LIST)).toHaveLength(20);

    const fresh = h.refresh();

    expect(fresh).toMatchObject({ ok: true, added: 10, message: '新着 10 件を追加しました' });
    const ids = idsIn(h, LIST);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
  });

  it('/v1/outcomes fails: the run is still ok, says the results go next time, and the next refresh sends them once', () => {
    const h = firstRun();
    const id = h.records(LIST)[0]![ID] as string;
    type(h, LIST, 2, 'ステータス', '成約');
    h.api.fail('outcomes', { status: 503, code: 'API_UNAVAILABLE' });

    const run = h.refresh();

    expect(run).toMatchObject({ ok: true, added: 10, code: null });
    expect(run.message).toBe('新着 10 件を追加しました。結果の送信は次回の更新で行います');
    expect(lastToast(h)).toBe(run.message);
    expect(tenantOf(h).outcomes.size).toBe(0);

    const next = h.refresh();

    expect(next.ok).toBe(true);
    expect(next.message).not.toContain('結果の送信');
    expect(outcomeRequests(h)).toHaveLength(2); // the failed attempt and the one that went through
    expect(outcomeRequests(h)[1]!.map((o) => [o.leadId, o.status])).toEqual([[id, 'won']]);
    expect(tenantOf(h).outcomes.get(id)).toMatchObject({ status: 'won', reason: null });

    expect(h.refresh().ok).toBe(true);
    expect(outcomeRequests(h)).toHaveLength(2);
  });

  it('a crash while deleting a hand-tagged row from リスト after it was appended to 保留: the next refresh leaves exactly one copy, in 保留', () => {
    const h = firstRun();
    const id = h.records(LIST)[2]![ID] as string;
    type(h, LIST, 4, 'ステータス', '失注');
    type(h, LIST, 4, '理由', '予算');
    failNextDelete(h, LIST);

    const crashed = h.refresh();

    expect(crashed).toMatchObject({ ok: false, code: 'SHEET_WRITE_FAILED' });
    expect(rowsWithId(h, HELD, id)).toHaveLength(1);
    expect(rowsWithId(h, LIST, id)).toHaveLength(1);

    const run = h.refresh();

    expect(run.ok, run.message).toBe(true);
    expect(rowsWithId(h, HELD, id)).toHaveLength(1);
    expect(rowsWithId(h, LIST, id)).toHaveLength(0);
    expect(h.records(HELD)).toHaveLength(1);
    expect(rowsWithId(h, HELD, id)[0]).toMatchObject({ ステータス: '失注', 理由: '予算' });
    expect(tokyoDay(rowsWithId(h, HELD, id)[0]!['再訪日'])).toBe('2027-05-24');
    // The leads written before the crash are not written again, and the verdict goes once.
    const ids = [...idsIn(h, LIST), ...idsIn(h, HELD)];
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
    expect(outcomeRequests(h).flat().filter((o) => o.leadId === id)).toHaveLength(1);

    expect(h.refresh().ok).toBe(true);
    expect(rowsWithId(h, HELD, id)).toHaveLength(1);
    expect(outcomeRequests(h).flat().filter((o) => o.leadId === id)).toHaveLength(1);
  });
});

describe('crashes between the append and the delete of a move', () => {
  it('a revisit appended to リスト but not yet deleted from 保留: the next refresh leaves exactly one copy, in リスト', () => {
    const h = firstRun();
    const id = h.records(LIST)[0]![ID] as string;
    type(h, LIST, 2, 'ステータス', '保留');
    expect(h.refresh().reconciled).toBe(1);
    h.advanceDays(181);
    failNextDelete(h, HELD);

    const crashed = h.refresh();

    expect(crashed).toMatchObject({ ok: false, code: 'SHEET_WRITE_FAILED' });
    expect(rowsWithId(h, LIST, id)).toHaveLength(1);
    expect(rowsWithId(h, HELD, id)).toHaveLength(1);

    const run = h.refresh();

    expect(run.ok, run.message).toBe(true);
    expect(rowsWithId(h, LIST, id)).toEqual([expect.objectContaining({ ステータス: '再訪' })]);
    expect(rowsWithId(h, HELD, id)).toHaveLength(0);
    const ids = [...idsIn(h, LIST), ...idsIn(h, HELD)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('a row the owner typed (no Tsugi id) and set to 失注, appended to 保留 but not yet deleted from リスト: one copy, in 保留', () => {
    const h = firstRun();
    const typed: Rec = { 会社名: '手書きの取引先', 電話番号: '0312340000', 住所: '東京都渋谷区神南1-2-3', ステータス: '失注', 理由: '他社' };
    h.sheet(LIST).put(12, 1, [HEADERS_JA.map((header) => typed[header] ?? '')]);
    failNextDelete(h, LIST);

    const crashed = h.refresh();

    expect(crashed).toMatchObject({ ok: false, code: 'SHEET_WRITE_FAILED' });
    expect(h.records(HELD).map((r) => r['会社名'])).toEqual(['手書きの取引先']);

    const run = h.refresh();

    expect(run.ok, run.message).toBe(true);
    expect(h.records(LIST).map((r) => r['会社名'])).not.toContain('手書きの取引先');
    const held = h.records(HELD);
    expect(held.map((r) => r['会社名'])).toEqual(['手書きの取引先']);
    expect(held[0]).toMatchObject({ 電話番号: '0312340000', ステータス: '失注', 理由: '他社' });
    expect(String(held[0]![ID])).toMatch(/^kn_/);
    expect(outcomeRequests(h).flat().filter((o) => o.leadId === held[0]![ID])).toHaveLength(1);
  });

  it('a row the owner typed into 保留 (no Tsugi id) that came due, appended to リスト but not yet deleted from 保留: one copy, in リスト', () => {
    const h = firstRun();
    type(h, LIST, 2, 'ステータス', '保留');
    expect(h.refresh().reconciled).toBe(1);
    const typed: Rec = { 会社名: '手書きの保留先', 電話番号: '0312340001', ステータス: '保留', 再訪日: '2026-11-01' };
    h.sheet(HELD).put(3, 1, [HEADERS_JA.map((header) => typed[header] ?? '')]);
    failNextDelete(h, HELD);

    const crashed = h.refresh();

    expect(crashed).toMatchObject({ ok: false, code: 'SHEET_WRITE_FAILED' });
    expect(h.records(LIST).filter((r) => r['会社名'] === '手書きの保留先')).toHaveLength(1);

    const run = h.refresh();

    expect(run.ok, run.message).toBe(true);
    expect(h.records(HELD).map((r) => r['会社名'])).not.toContain('手書きの保留先');
    const back = h.records(LIST).filter((r) => r['会社名'] === '手書きの保留先');
    expect(back).toEqual([expect.objectContaining({ 電話番号: '0312340001', ステータス: '再訪' })]);
  });
});

describe('statuses the owner set by hand', () => {
  it('失注 with 理由 予算 typed into リスト: the next refresh moves the row to 保留 with 再訪日 in six months and reports rejected/budget once', () => {
    const h = firstRun();
    const before = h.records(LIST)[3]!;
    const id = before[ID] as string;
    type(h, LIST, 5, 'ステータス', '失注');
    type(h, LIST, 5, '理由', '予算');
    const others = h.records(LIST).filter((r) => r[ID] !== id).map((r) => plainRows([Object.values(r)])[0]);

    const run = h.refresh();

    expect(run).toMatchObject({ ok: true, added: 10, reconciled: 1 });
    expect(run.message).toBe('新着 10 件を追加しました。ステータスを変更した 1 行を保留に移しました');
    expect(rowsWithId(h, LIST, id)).toHaveLength(0);
    expect(h.records(LIST).slice(0, 9).map((r) => plainRows([Object.values(r)])[0])).toEqual(others);
    const [moved, ...rest] = h.records(HELD);
    expect(rest).toEqual([]);
    expect(h.sheet(HELD).rows()[0]).toEqual(HEADERS_JA);
    expect(moved!['再訪日']).toBeInstanceOf(Date);
    expect(tokyoDay(moved!['再訪日'])).toBe('2027-05-24');
    const { 再訪日: _d, ステータス: _s, 理由: _r, ...kept } = moved!;
    const { 再訪日: _d0, ステータス: _s0, 理由: _r0, ...keptBefore } = before;
    expect(plainRows([Object.values(kept)])).toEqual(plainRows([Object.values(keptBefore)]));
    expect(moved).toMatchObject({ ステータス: '失注', 理由: '予算' });

    const sent = outcomeRequests(h);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toHaveLength(1);
    const number = (value: CellValue | undefined) => (value === '' || value === undefined ? null : Number(value));
    expect(sent[0]![0]).toEqual({
      leadId: id,
      status: 'rejected',
      reason: 'budget',
      at: '2026-11-24T00:30:00.000Z',
      segment: {
        employees: number(before['従業員数']),
        industry: before['業種'],
        area: before['エリア'],
        newListing: before['新着'] !== '',
        newlyEstablished: before['新設'] !== '' ? true : before['法人番号'] !== '' ? false : null,
        rating: number(before['評価']),
        reviews: number(before['口コミ数']),
      },
    });

    expect(h.refresh()).toMatchObject({ ok: true, reconciled: 0 });
    expect(outcomeRequests(h)).toHaveLength(1);
    expect(h.records(HELD)).toHaveLength(1);
  });

  it('成約 typed into リスト: the row stays, the next refresh reports won once and later ones nothing new', () => {
    const h = firstRun();
    const id = h.records(LIST)[5]![ID] as string;
    type(h, LIST, 7, 'ステータス', '成約');

    const run = h.refresh();

    expect(run).toMatchObject({ ok: true, added: 10, reconciled: 0, message: '新着 10 件を追加しました' });
    expect(rowsWithId(h, LIST, id)).toHaveLength(1);
    expect(rowsWithId(h, LIST, id)[0]!['ステータス']).toBe('成約');
    expect(h.fake.spreadsheet.sheetNames()).not.toContain(HELD);
    expect(outcomeRequests(h)).toEqual([[expect.objectContaining({ leadId: id, status: 'won', reason: null })]]);

    h.advanceDays(1);
    expect(h.refresh().ok).toBe(true);
    expect(h.refresh().ok).toBe(true);
    expect(outcomeRequests(h)).toHaveLength(1);
    expect([...tenantOf(h).outcomes.keys()]).toEqual([id]);
  });
});

describe('statuses the owner set by hand on rows they typed in (no Tsugi id)', () => {
  /** The owner types a company of their own into リスト below the last row. */
  function typeRow(h: Harness, cells: Rec): number {
    const row = h.sheet(LIST).rows().length + 1;
    h.sheet(LIST).put(row, 1, [HEADERS_JA.map((header) => cells[header] ?? '')]);
    return row;
  }
  const knownRequests = (h: Harness) => h.api.requests.filter((r) => r.route === 'known');

  it('成約: reported once, then neither /v1/known nor /v1/outcomes hears of it again', () => {
    const h = firstRun();
    typeRow(h, { 会社名: '手書きの取引先', 電話番号: '0312340000', 従業員数: '30人', ステータス: '成約' });

    for (let i = 0; i < 4; i++) {
      h.advanceDays(1);
      expect(h.refresh().ok).toBe(true);
    }

    expect(knownRequests(h)).toHaveLength(1);
    const sent = outcomeRequests(h);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toEqual([expect.objectContaining({ leadId: expect.stringMatching(/^kn_/), status: 'won', reason: null })]);
    expect(sent[0]![0]!.segment.employees).toBe(30);
    expect(h.records(LIST).filter((r) => r['会社名'] === '手書きの取引先')).toEqual([expect.objectContaining({ ステータス: '成約', [ID]: '' })]);
  });

  it('失注: moved to 保留 with the id the API gave it and reported once, whether 保留 is new or already there', () => {
    const h = firstRun();
    typeRow(h, { 会社名: '手書きの取引先', 電話番号: '0312340000', 従業員数: '30人', ステータス: '失注', 理由: '予算' });

    expect(h.refresh()).toMatchObject({ ok: true, reconciled: 1 });
    typeRow(h, { 会社名: '手書きの二社目', 電話番号: '0312340002', ステータス: '失注', 理由: '他社' });
    expect(h.refresh()).toMatchObject({ ok: true, reconciled: 1 });
    for (let i = 0; i < 2; i++) expect(h.refresh().ok).toBe(true);

    const held = h.records(HELD);
    expect(held.map((r) => r['会社名'])).toEqual(['手書きの取引先', '手書きの二社目']);
    expect(held.every((r) => /^kn_/.test(String(r[ID])))).toBe(true);
    expect(h.records(LIST).map((r) => r['会社名'])).not.toContain('手書きの取引先');
    const sent = outcomeRequests(h);
    expect(sent).toHaveLength(2);
    expect(sent.map((request) => request.map((o) => [o.leadId, o.status, o.reason]))).toEqual([
      [[held[0]![ID], 'rejected', 'budget']],
      [[held[1]![ID], 'rejected', 'competitor']],
    ]);
    expect(sent[0]![0]!.segment.employees).toBe(30);
  });
});

describe('revisits', () => {
  it('brings a 保留 row back to リスト as 再訪 on the day its 再訪日 comes, exactly once', () => {
    const h = firstRun();
    const id = h.records(LIST)[0]![ID] as string;
    type(h, LIST, 2, 'ステータス', '失注');
    type(h, LIST, 2, '理由', 'タイミング');
    expect(h.refresh().reconciled).toBe(1);
    expect(tokyoDay(rowsWithId(h, HELD, id)[0]!['再訪日'])).toBe('2027-05-24');

    h.advanceDays(180); // 2027-05-23: not yet
    expect(h.refresh()).toMatchObject({ ok: true, revisits: 0 });
    expect(rowsWithId(h, HELD, id)).toHaveLength(1);

    h.advanceDays(1); // 2027-05-24
    const run = h.refresh();

    expect(run).toMatchObject({ ok: true, added: 10, revisits: 1 });
    expect(run.message).toBe('新着 10 件を追加しました（再訪 1 件）');
    expect(lastToast(h)).toBe(run.message);
    expect(rowsWithId(h, HELD, id)).toHaveLength(0);
    const [back, ...more] = rowsWithId(h, LIST, id);
    expect(more).toEqual([]);
    expect(back!['ステータス']).toBe('再訪');
    expect(back!['理由']).toBe('タイミング');

    h.advanceDays(1);
    const after = h.refresh();
    expect(after).toMatchObject({ ok: true, revisits: 0, message: '新着 10 件を追加しました' });
    expect(rowsWithId(h, LIST, id)).toHaveLength(1);
    expect(rowsWithId(h, HELD, id)).toHaveLength(0);
    const ids = [...idsIn(h, LIST), ...idsIn(h, HELD)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('brings back a row whose 再訪日 the owner set in the past, once', () => {
    const h = firstRun();
    const id = h.records(LIST)[1]![ID] as string;
    type(h, LIST, 3, 'ステータス', '保留');
    expect(h.refresh().reconciled).toBe(1);
    type(h, HELD, 2, '再訪日', new Date('2026-09-30T15:00:00Z')); // 2026-10-01 in Tokyo

    const run = h.refresh();

    expect(run).toMatchObject({ ok: true, revisits: 1, message: '新着 10 件を追加しました（再訪 1 件）' });
    expect(rowsWithId(h, LIST, id)).toEqual([expect.objectContaining({ ステータス: '再訪' })]);
    expect(h.records(HELD)).toEqual([]);

    expect(h.refresh()).toMatchObject({ ok: true, revisits: 0 });
    expect(rowsWithId(h, LIST, id)).toHaveLength(1);
  });
});

describe('in English', () => {
  it('names the tab Leads, writes English headers and statuses, and toasts in English', () => {
    const h = installAddon({ locale: 'en_US' });

    const run = h.refresh();

    expect(run).toMatchObject({ ok: true, added: 10, message: 'Added 10 new leads' });
    expect(h.fake.toasts.at(-1)).toEqual({ message: 'Added 10 new leads', title: 'Tsugi' });
    expect(h.fake.spreadsheet.sheetNames()).toEqual(['シート1', 'Leads']);
    expect(h.sheet('Leads').rows()[0]).toEqual(HEADERS_EN);
    expect(h.records('Leads').every((r) => r['Status'] === 'New')).toBe(true);
    expect(h.sheet('Leads').cell(2, HEADERS_EN.indexOf('Status') + 1).validation).toEqual(['New', 'In talks', 'Lost', 'On hold', 'Won', 'Revisit']);
    expect(h.sheet('Leads').cell(2, HEADERS_EN.indexOf('Reason') + 1).validation).toEqual(['Budget', 'Industry', 'Timing', 'Competitor', 'Other']);

    type(h, 'Leads', 2, 'Status', 'Lost');
    type(h, 'Leads', 2, 'Reason', 'Budget');
    const second = h.refresh();
    expect(second.message).toBe('Added 10 new leads. Moved 1 row whose status you changed to On hold');
    expect(h.records('On hold')).toHaveLength(1);
    expect(h.sheet('On hold').rows()[0]).toEqual(HEADERS_EN);
  });
});
