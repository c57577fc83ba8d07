import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT_OK, EXIT_USAGE } from '../command.ts';
import { messagesFor } from '../messages.ts';
import { runCli, scratchFolder } from '../testing.ts';
import { decodeCsv, findColumns, formatCsvRow, parseCsv } from './dedupe.ts';

const ja = messagesFor('ja');
const en = messagesFor('en');
const scratch = scratchFolder('tsugi-dedupe-');
const csvFile = scratch.file;
const run = (argv: string[], env?: Record<string, string>) => runCli(['dedupe', ...argv], env);

const jsonLines = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((line) => JSON.parse(line) as { row: number; cluster: string });

const SHEET = [
  '会社名,住所,電話番号,Webサイト,メモ',
  '株式会社山田工務店,東京都渋谷区道玄坂1-2-3,03-1234-5678,https://www.yamada-koumuten.co.jp/,"去年電話した, 不在"',
  'Hair Salon SORA 渋谷店,東京都渋谷区宇田川町10-13,03-6193-0709,https://www.sora-hair.jp/salon/udagawacho/,',
  '(株)山田工務店,渋谷区道玄坂一丁目２－３,+81 3-1234-5678,,"複数行の\r\nメモ"',
  'Hair Salon SORA 道玄坂店,東京都渋谷区道玄坂2-5-20,03-3999-9899,https://www.sora-hair.jp/salon/dogenzaka/,',
  ',,,,',
  '山田不動産,東京都渋谷区道玄坂1-2-3 3F,03-1234-9999,,',
].join('\r\n');

describe('tsugi dedupe', () => {
  it('prints one JSON line per data row, rows of one company sharing a cluster (--json)', async () => {
    const path = await csvFile('sheet.csv', `\ufeff${SHEET}\r\n`);
    const { code, stdout, stderr } = await run(['--json', path]);
    expect(code).toBe(EXIT_OK);
    expect(jsonLines(stdout)).toEqual([
      { row: 1, cluster: 'c1' },
      { row: 2, cluster: 'c2' },
      { row: 3, cluster: 'c1' },
      { row: 4, cluster: 'c4' },
      { row: 5, cluster: 'c5' },
      { row: 6, cluster: 'c6' },
    ]);
    expect(Object.keys(jsonLines(stdout)[0] ?? {})).toEqual(['row', 'cluster']);
    expect(stderr).toContain(ja.dedupeSummary(6, 5));
  });

  it('prints the CSV back with a cluster column, fields, BOM and CRLF kept', async () => {
    const path = await csvFile('sheet-out.csv', `\ufeff${SHEET}\r\n`);
    const { code, stdout } = await run([path]);
    expect(code).toBe(EXIT_OK);
    expect(stdout.startsWith('\ufeff会社名,住所,電話番号,Webサイト,メモ,cluster\r\n')).toBe(true);
    const doc = parseCsv(stdout);
    expect(doc.rows.map((row) => row.at(-1))).toEqual(['cluster', 'c1', 'c2', 'c1', 'c4', 'c5', 'c6']);
    expect(doc.rows[1]?.[4]).toBe('去年電話した, 不在');
    expect(doc.rows[3]?.[4]).toBe('複数行の\r\nメモ');
    expect(doc.rows[5]).toEqual(['', '', '', '', '', 'c5']);
  });

  it('reads English headers in any order, ignores other columns and pads short rows', async () => {
    const path = await csvFile('english.csv', 'id,Website,Phone,Name,Address\n1,,03-1234-5678,Yamada Koumuten,渋谷区道玄坂1-2-3\n2,,0312345678,Yamada Koumuten\n\n3\n');
    const { code, stdout } = await run([path]);
    expect(code).toBe(EXIT_OK);
    expect(stdout).toBe('id,Website,Phone,Name,Address,cluster\n1,,03-1234-5678,Yamada Koumuten,渋谷区道玄坂1-2-3,c1\n2,,0312345678,Yamada Koumuten,,c1\n,,,,,c3\n3,,,,,c4\n');
  });

  it('gives blank lines a row of their own', async () => {
    const path = await csvFile('blank.csv', 'name,phone\n\n山田工務店,03-1234-5678\n   \n山田工務店,03-1234-5678\n');
    const { stdout } = await run(['--json', path]);
    expect(jsonLines(stdout)).toEqual([
      { row: 1, cluster: 'c1' },
      { row: 2, cluster: 'c2' },
      { row: 3, cluster: 'c3' },
      { row: 4, cluster: 'c2' },
    ]);
  });

  it('reads a Shift_JIS file as Excel saves it', async () => {
    // 「会社名,電話番号」 / 「山田工務店,03-1234-5678」 twice, in Shift_JIS.
    const sjis = Uint8Array.from([0x89, 0xef, 0x8e, 0xd0, 0x96, 0xbc, 0x2c, 0x93, 0x64, 0x98, 0x62, 0x94, 0xd4, 0x8d, 0x86, 0x0d, 0x0a]);
    const row = Uint8Array.from([0x8e, 0x52, 0x93, 0x63, 0x8d, 0x48, 0x96, 0xb1, 0x93, 0x58, 0x2c, ...Buffer.from('03-1234-5678\r\n')]);
    const path = await csvFile('sjis.csv', Buffer.concat([sjis, row, row]));
    const { code, stdout } = await run(['--json', path]);
    expect(code).toBe(EXIT_OK);
    expect(jsonLines(stdout)).toEqual([
      { row: 1, cluster: 'c1' },
      { row: 2, cluster: 'c1' },
    ]);
  });

  it('exits 2 naming the headers found when none is recognisable', async () => {
    const path = await csvFile('no-header.csv', 'id,memo,担当者\n1,x,佐藤\n');
    const { code, stdout, stderr } = await run([path]);
    expect(code).toBe(EXIT_USAGE);
    expect(stdout).toBe('');
    expect(stderr).toContain(ja.dedupeNoHeader(['id', 'memo', '担当者']));
    expect(stderr).toContain('id, memo, 担当者');
    expect(stderr).toContain('tsugi dedupe --help');
    const empty = await run([await csvFile('empty.csv', '')], { LANG: 'en_US.UTF-8' });
    expect(empty.code).toBe(EXIT_USAGE);
    expect(empty.stderr).toContain(en.dedupeNoHeader([]));
  });

  it('exits 2 for a missing file and for a usage error', async () => {
    const missing = await run([scratch.path('no-such.csv')]);
    expect(missing.code).toBe(EXIT_USAGE);
    expect(missing.stderr).toContain(ja.dedupeFileNotFound(scratch.path('no-such.csv')));
    for (const argv of [[], ['--json'], ['a.csv', 'b.csv'], ['--colour', 'a.csv']]) {
      const { code, stdout, stderr } = await run(argv);
      expect(code, argv.join(' ')).toBe(EXIT_USAGE);
      expect(stdout).toBe('');
      expect(stderr).toContain('tsugi dedupe --help');
    }
  });

  it('prints its usage for --help, in either language', async () => {
    expect((await run(['--help'])).stdout).toBe(`${ja.dedupeUsage}\n`);
    expect((await run(['-h'], { LANG: 'en_US.UTF-8' })).stdout).toBe(`${en.dedupeUsage}\n`);
  });

  it('clusters the labelled fixture like the corpus test does', async () => {
    const fixture = fileURLToPath(new URL('../../test/fixtures/dedupe/records.csv', import.meta.url));
    const { code, stdout } = await run(['--json', fixture]);
    expect(code).toBe(EXIT_OK);
    const rows = parseCsv(await readFile(fixture, 'utf8')).rows.slice(1);
    expect(jsonLines(stdout)).toHaveLength(rows.length);
  });
});

describe('CSV', () => {
  it('parses quoted fields with commas, quotes and line breaks, and any line ending', () => {
    expect(parseCsv('a,"b,c","d ""e""","f\r\ng"\r\n1,2,3,4').rows).toEqual([
      ['a', 'b,c', 'd "e"', 'f\r\ng'],
      ['1', '2', '3', '4'],
    ]);
    expect(parseCsv('a\nb\rc\r\n').rows).toEqual([['a'], ['b'], ['c']]);
    expect(parseCsv('\ufeffa,b\n')).toEqual({ rows: [['a', 'b']], newline: '\n', bom: true });
    expect(parseCsv('a,b\r\n\r\n').rows).toEqual([['a', 'b'], ['']]);
    expect(parseCsv('').rows).toEqual([]);
    expect(parseCsv('a,""\n').rows).toEqual([['a', '']]);
  });

  it('writes fields back so that they parse to themselves', () => {
    const fields = ['plain', 'with, comma', 'with "quote"', 'two\r\nlines', ' edge ', ''];
    expect(parseCsv(`${formatCsvRow(fields)}\r\n`).rows).toEqual([fields]);
  });

  it('decodes UTF-8, and Shift_JIS when the bytes are not UTF-8', () => {
    expect(decodeCsv(new TextEncoder().encode('会社名'))).toBe('会社名');
    expect(decodeCsv(Uint8Array.from([0x89, 0xef, 0x8e, 0xd0, 0x96, 0xbc]))).toBe('会社名');
  });

  it('finds the columns by their Japanese or English names', () => {
    expect(findColumns(['会社名', '住所', '電話番号', 'Webサイト'])).toEqual({ name: 0, address: 1, phone: 2, website: 3 });
    expect(findColumns(['Company Name', 'TEL', 'URL', 'place_id', 'メモ'])).toEqual({ name: 0, phone: 1, website: 2, placeId: 3 });
    expect(findColumns(['ｗｅｂサイト', '所在地'])).toEqual({ website: 0, address: 1 });
  });
});
