import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeInsights, type OutcomeRecord } from '../../shared/insights.ts';
import { EXIT_OK, EXIT_USAGE, UsageError } from '../command.ts';
import { messagesFor } from '../messages.ts';
import { runCli, scratchFolder } from '../testing.ts';
import { parseCsv } from './dedupe.ts';
import { formatChange, readOutcomes } from './insights.ts';

const ja = messagesFor('ja');
const en = messagesFor('en');
const EN = { LANG: 'en_US.UTF-8' };
const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/insights/${name}`, import.meta.url));
const scratch = scratchFolder('tsugi-insights-');
const csvFile = scratch.file;
const run = (argv: string[], env?: Record<string, string>) => runCli(['insights', ...argv], env);

/** The records of a CSV text, as the command reads them. */
const records = (text: string): OutcomeRecord[] => readOutcomes(parseCsv(text), ja).records;

/** The UsageError message readOutcomes throws for a CSV text. */
function problem(text: string, messages = ja): string {
  try {
    readOutcomes(parseCsv(text), messages);
  } catch (err) {
    if (err instanceof UsageError) return err.message;
    throw err;
  }
  throw new Error('no UsageError');
}

const segment = (overrides: Partial<OutcomeRecord['segment']> = {}): OutcomeRecord['segment'] => ({
  employees: null,
  industry: null,
  area: null,
  newListing: null,
  newlyEstablished: null,
  rating: null,
  reviews: null,
  ...overrides,
});

interface JsonOutput {
  suggestions: { change: Record<string, unknown>; support: Record<string, unknown>; message: string }[];
  totals: { won: number; rejected: number; held: number; decided: number };
  segments: unknown[];
}

describe('tsugi insights', () => {
  it('prints one JSON object whose suggestions carry change, support and message (--json)', async () => {
    const { code, stdout, stderr } = await run(['--json', fixture('planted.csv')]);
    expect(code).toBe(EXIT_OK);
    expect(stderr).toBe('');
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    const output = JSON.parse(stdout) as JsonOutput;
    expect(Object.keys(output)[0]).toBe('suggestions');
    expect(Array.isArray(output.suggestions)).toBe(true);
    for (const suggestion of output.suggestions) {
      expect(Object.keys(suggestion)).toEqual(['change', 'support', 'message']);
      expect(typeof suggestion.change).toBe('object');
      expect(suggestion.support).toHaveProperty('adjustedPValue');
      expect(suggestion.message).toMatch(/[\u3040-\u30ff]/);
    }
    // The planted effect: firms of 10 employees or fewer are rarely won.
    expect(output.suggestions.some((suggestion) => suggestion.change.employeesMin === 11)).toBe(true);
    // 120 rows: 33 won, 78 refused, 9 held (the generator's fixed counts).
    expect(output.totals).toMatchObject({ won: 33, rejected: 78, held: 9, decided: 111 });
  });

  it('prints the totals, each suggestion with its change and numbers, and the method', async () => {
    const { code, stdout } = await run([fixture('planted.csv')]);
    expect(code).toBe(EXIT_OK);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('成約 33 件・失注 78 件・保留 9 件（判定済み 111 件）');
    expect(lines).toContain('   変更: employeesMin: 11');
    expect(stdout).toMatch(/^1\. /m);
    expect(stdout).toMatch(/^ {3}根拠: 従業員 10 人以下 \d+ 件中 成約 \d+ 件/m);
    expect(stdout).toContain('主な失注理由 予算');
    expect(stdout).toContain('Holm 補正後 p');
    expect(stdout.trimEnd().split('\n').at(-1)).toContain('Fisher');
    expect(stdout).not.toContain(ja.insightsNone);
  });

  it('speaks English when the locale is not Japanese', async () => {
    const { code, stdout } = await run([fixture('planted.csv')], EN);
    expect(code).toBe(EXIT_OK);
    expect(stdout.split('\n')[0]).toBe('33 won, 78 lost, 9 held (111 decided)');
    expect(stdout).toContain('   Change: employeesMin: 11');
    expect(stdout).toContain('most frequent refusal: budget');
    expect(stdout).toContain('Method: ');
    // The suggestions themselves are the engine's English sentences.
    expect(stdout.split('\n').filter((line) => /^\d+\. /.test(line)).join('\n')).not.toMatch(/[\u3040-\u30ff]/);
  });

  it('says there is nothing sound on a small file, in JSON as an empty list and in text with the method', async () => {
    const small = await csvFile('small.csv', 'status,reason,employees\nwon,,5\nrejected,budget,3\nrejected,budget,4\nheld,,40\nwon,,50\n');
    const json = await run(['--json', small]);
    expect(json.code).toBe(EXIT_OK);
    const output = JSON.parse(json.stdout) as JsonOutput;
    expect(output.suggestions).toEqual([]);
    expect(output.totals).toMatchObject({ won: 2, rejected: 2, held: 1, decided: 4 });

    const text = await run([small]);
    expect(text.code).toBe(EXIT_OK);
    expect(text.stdout).toBe(
      `成約 2 件・失注 2 件・保留 1 件（判定済み 4 件）\n\n${ja.insightsNone}\n\n${ja.insightsMethod(computeInsights([]).method)}\n`,
    );
    expect(text.stdout).toContain('統計的に確かな提案はありません（判定済みの結果が少ないか、差が偶然の範囲です）。');
    expect(text.stdout).toContain('Holm');
    expect(text.stdout).toContain('5 %');

    const english = await run([small], EN);
    expect(english.stdout).toContain(en.insightsNone);
  });

  it('reads a Shift_JIS file as Excel saves it', async () => {
    const bytes = await readFile(fixture('small-sjis.csv'));
    expect(new TextDecoder('shift_jis').decode(bytes).split('\r\n')[0]).toBe('結果,理由,従業員数,業種,地域,新着');
    const { code, stdout } = await run(['--json', fixture('small-sjis.csv')]);
    expect(code).toBe(EXIT_OK);
    expect((JSON.parse(stdout) as JsonOutput).totals).toMatchObject({ won: 1, rejected: 2, held: 1 });
  });

  it('skips rows whose status is blank (not judged yet) and says how many', async () => {
    const path = await csvFile('blank-status.csv', 'status,employees\nwon,5\n,8\n\n,\nrejected,3\n');
    const { code, stdout, stderr } = await run(['--json', path]);
    expect(code).toBe(EXIT_OK);
    expect((JSON.parse(stdout) as JsonOutput).totals).toMatchObject({ won: 1, rejected: 1, held: 0 });
    expect(stderr).toBe(ja.insightsSkipped(1));
  });

  it('exits 2 naming the row and the value it cannot read', async () => {
    const path = await csvFile('bad.csv', 'status,reason,employees\nwon,,5\nwon?,,5\nrejected,price,5\nrejected,budget,about ten\n');
    const { code, stdout, stderr } = await run([path]);
    expect(code).toBe(EXIT_USAGE);
    expect(stdout).toBe('');
    expect(stderr).toContain(ja.insightsBadValue(3, 'status', 'won?'));
    expect(stderr).toContain(ja.insightsBadValue(4, 'reason', 'price'));
    expect(stderr).toContain(ja.insightsBadValue(5, 'employees', 'about ten'));
    expect(stderr).toContain('3 行目: ステータス「won?」を読めません。');
    expect(stderr).toContain('tsugi insights --help');

    const english = await run([path], EN);
    expect(english.code).toBe(EXIT_USAGE);
    expect(english.stderr).toContain('Line 3: cannot read status "won?"; expected won, rejected or held.');
    expect(english.stderr).toContain('Line 5: cannot read employees "about ten"');
  });

  it('exits 2 listing the headers found when there is no status column, and for an empty file', async () => {
    const noStatus = await run([await csvFile('no-status.csv', '会社名,理由,従業員数\nA社,予算,5\n')]);
    expect(noStatus.code).toBe(EXIT_USAGE);
    expect(noStatus.stderr).toContain(ja.insightsNoStatusColumn(['会社名', '理由', '従業員数']));
    expect(noStatus.stderr).toContain('会社名, 理由, 従業員数');

    const empty = await run([await csvFile('empty.csv', '')]);
    expect(empty.code).toBe(EXIT_USAGE);
    expect(empty.stderr).toContain(ja.insightsNoStatusColumn([]));
    const emptyEn = await run([await csvFile('empty-en.csv', '\ufeff')], EN);
    expect(emptyEn.stderr).toContain(en.insightsNoStatusColumn([]));

    const headerOnly = await run([await csvFile('header-only.csv', 'status,reason\r\n\r\n')]);
    expect(headerOnly.code).toBe(EXIT_USAGE);
    expect(headerOnly.stderr).toContain(ja.insightsNoRows(['status', 'reason']));
  });

  it('exits 2 for a missing file and for a usage error', async () => {
    const missing = await run([scratch.path('no-such.csv')]);
    expect(missing.code).toBe(EXIT_USAGE);
    expect(missing.stderr).toContain(ja.insightsFileNotFound(scratch.path('no-such.csv')));
    for (const argv of [[], ['--json'], ['a.csv', 'b.csv'], ['--profile', 'a.csv']]) {
      const { code, stdout, stderr } = await run(argv);
      expect(code, argv.join(' ')).toBe(EXIT_USAGE);
      expect(stdout).toBe('');
      expect(stderr).toContain('tsugi insights --help');
    }
  });

  it('prints its usage for --help, in either language', async () => {
    expect((await run(['--help'])).stdout).toBe(`${ja.insightsUsage}\n`);
    expect((await run(['-h'], EN)).stdout).toBe(`${en.insightsUsage}\n`);
  });
});

describe('reading outcomes', () => {
  it('reads English headers in any order and any case, ignoring other columns', () => {
    const text = [
      'Area,memo,NEW_LISTING,Status,Employees,Reason,Industry,Rating,Reviews',
      '東京都渋谷区,x,true,won,12,,美容室,4.5,120',
      ' 東京都世田谷区 ,,false,rejected,"1,200",budget,  歯科医院 ,3.9,"1,024"',
      ',,,held,,,,,',
      ',,yes,Rejected,１０人,,,,',
      ',,0,WON,7名,timing,,,',
    ].join('\n');
    expect(records(text)).toEqual([
      { status: 'won', reason: null, segment: segment({ employees: 12, industry: '美容室', area: '東京都渋谷区', newListing: true, rating: 4.5, reviews: 120 }) },
      { status: 'rejected', reason: 'budget', segment: segment({ employees: 1200, industry: '歯科医院', area: '東京都世田谷区', newListing: false, rating: 3.9, reviews: 1024 }) },
      { status: 'held', reason: null, segment: segment() },
      // A refusal without a reason has reason null.
      { status: 'rejected', reason: null, segment: segment({ employees: 10, newListing: true }) },
      // A reason on a won row is dropped: reasons belong to refusals.
      { status: 'won', reason: null, segment: segment({ employees: 7, newListing: false }) },
    ]);
  });

  it('reads Japanese headers and values', () => {
    const text = [
      'ステータス,理由,従業員数,業種,エリア,新着,評価,口コミ数',
      '成約,,10人,美容室,東京都渋谷区,新着,4.2,31',
      '失注,予算,５,美容室,東京都渋谷区,いいえ,,',
      '失注,タイミング,不明,,,はい,,',
      '失注,他社,,,,,,',
      '失注,業種,,,,,,',
      '失注,その他,,,,,,',
      '保留,,,,,,,',
      '受注,,,,,,,',
      '見送り,ﾀｲﾐﾝｸﾞ,,,,,,',
    ].join('\r\n');
    expect(records(text)).toEqual([
      { status: 'won', reason: null, segment: segment({ employees: 10, industry: '美容室', area: '東京都渋谷区', newListing: true, rating: 4.2, reviews: 31 }) },
      { status: 'rejected', reason: 'budget', segment: segment({ employees: 5, industry: '美容室', area: '東京都渋谷区', newListing: false }) },
      { status: 'rejected', reason: 'timing', segment: segment({ newListing: true }) },
      { status: 'rejected', reason: 'competitor', segment: segment() },
      { status: 'rejected', reason: 'industry', segment: segment() },
      { status: 'rejected', reason: 'other', segment: segment() },
      { status: 'held', reason: null, segment: segment() },
      { status: 'won', reason: null, segment: segment() },
      { status: 'rejected', reason: 'timing', segment: segment() },
    ]);
    expect(records('結果,地域\n成約,大阪市北区\n')).toEqual([{ status: 'won', reason: null, segment: segment({ area: '大阪市北区' }) }]);
  });

  it('reads the optional new_company (新設) column into newlyEstablished, blank as unknown', () => {
    const text = ['status,new_company,new_listing', 'won,true,', 'rejected,0,1', 'won,yes,', 'rejected,,', 'held,FALSE,'].join('\n');
    expect(records(text).map((record) => record.segment.newlyEstablished)).toEqual([true, false, true, null, false]);
    expect(records(text)[1]!.segment).toEqual(segment({ newlyEstablished: false, newListing: true }));
    // The sheet's own header and marker, and the column left out entirely.
    expect(records('ステータス,新設\n成約,新設\n失注,\n失注,いいえ\n').map((record) => record.segment.newlyEstablished)).toEqual([true, null, false]);
    expect(records('status\nwon\n')[0]!.segment.newlyEstablished).toBeNull();
  });

  it('reads a BOM and quoted fields with commas, quotes and line breaks', () => {
    const text = '\ufeffstatus,memo,area,employees\r\nwon,"two\r\nlines, and ""quotes""","東京都渋谷区, 神南","1,200"\r\n';
    expect(records(text)).toEqual([{ status: 'won', reason: null, segment: segment({ area: '東京都渋谷区, 神南', employees: 1200 }) }]);
  });

  it('reads the Shift_JIS fixture', async () => {
    const { decodeCsv } = await import('./dedupe.ts');
    const doc = parseCsv(decodeCsv(await readFile(fixture('small-sjis.csv'))));
    expect(readOutcomes(doc, ja).records).toEqual([
      { status: 'won', reason: null, segment: segment({ employees: 12, industry: '美容室', area: '東京都渋谷区', newListing: true }) },
      { status: 'rejected', reason: 'budget', segment: segment({ employees: 5, industry: '歯科医院', area: '東京都渋谷区, 神南' }) },
      { status: 'held', reason: null, segment: segment({ industry: '整体院', area: '東京都世田谷区' }) },
      { status: 'rejected', reason: 'competitor', segment: segment({ employees: 1200, industry: '工務店', area: '神奈川県横浜市', newListing: true }) },
    ]);
  });

  it('reads every row of the planted fixture', async () => {
    const { decodeCsv } = await import('./dedupe.ts');
    const table = readOutcomes(parseCsv(decodeCsv(await readFile(fixture('planted.csv')))), ja);
    expect(table.records).toHaveLength(120);
    expect(table.skipped).toBe(0);
    expect(table.records.filter((record) => record.segment.employees === null)).toHaveLength(10);
    expect(table.records.filter((record) => record.segment.employees !== null && record.segment.employees <= 10)).toHaveLength(50);
  });

  it('names the row in the sheet (the header is row 1; a quoted line break stays in its row)', () => {
    expect(problem('status,employees\nwon,5\n\nwon,5人以上\n')).toBe(ja.insightsBadValue(4, 'employees', '5人以上'));
    expect(problem('status,memo\nwon,"a\nb"\nlost?,\n')).toBe(ja.insightsBadValue(3, 'status', 'lost?'));
  });

  it('refuses values that are not what their column holds', () => {
    const cases: [string, string, Parameters<typeof ja.insightsBadValue>[1], string][] = [
      ['status', 'maybe', 'status', 'maybe'],
      ['status,reason', 'rejected,price', 'reason', 'price'],
      ['status,employees', 'won,10.5', 'employees', '10.5'],
      ['status,employees', 'won,-3', 'employees', '-3'],
      ['status,employees', 'won,"12,34"', 'employees', '12,34'],
      ['status,employees', 'won,2000000', 'employees', '2000000'],
      ['status,new_listing', 'won,maybe', 'newListing', 'maybe'],
      ['status,new_company', 'won,maybe', 'newlyEstablished', 'maybe'],
      ['status,rating', 'won,5.5', 'rating', '5.5'],
      ['status,reviews', 'won,many', 'reviews', 'many'],
    ];
    for (const [header, row, column, value] of cases) {
      expect(problem(`${header}\n${row}\n`), row).toBe(ja.insightsBadValue(2, column, value));
    }
  });

  it('lists the first ten unreadable values and counts the rest', () => {
    const text = `status\n${Array.from({ length: 13 }, (_, i) => `bad${i}`).join('\n')}\n`;
    const lines = problem(text).split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe(ja.insightsBadValue(2, 'status', 'bad0'));
    expect(lines[10]).toBe(ja.insightsMoreProblems(3));
    expect(problem(text, en).split('\n')[10]).toBe('…and 3 more unreadable values.');
  });

  it('formats a change as the profile fields it sets', () => {
    expect(formatChange({ employeesMin: 11 })).toBe('employeesMin: 11');
    expect(formatChange({ excludeIndustries: ['美容室', '歯科医院'] })).toBe('excludeIndustries: ["美容室","歯科医院"]');
    expect(formatChange({ includeUnknownEmployees: false })).toBe('includeUnknownEmployees: false');
  });
});
