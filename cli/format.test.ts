import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lead } from '../shared/contract.ts';
import { CSV_HEADERS, csvField, displayWidth, formatCsv, formatJsonLines, formatTable, neutraliseFormula, truncateToWidth } from './format.ts';
import { messagesFor } from './messages.ts';
import { buildLead } from './testing.ts';

/** A strict RFC 4180 reader, for checking what formatCsv writes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (ch === '"') {
        quoted = false;
        i++;
      } else {
        field += ch;
        i++;
      }
    } else if (ch === '"' && field === '') {
      quoted = true;
      i++;
    } else if (ch === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

describe('formatCsv', () => {
  it('starts with the Japanese header row', () => {
    const [header] = parseCsv(formatCsv([]));
    expect(header).toEqual([
      '会社名',
      '業種',
      '住所',
      '電話番号',
      'Webサイト',
      'Googleマップ',
      '評価',
      '口コミ数',
      '従業員数',
      '法人名',
      '法人番号',
      '新着',
      '取得日',
      'メール',
      '問い合わせフォーム',
      'Tsugi ID',
    ]);
    expect(CSV_HEADERS).toHaveLength(16);
  });

  it('writes one CRLF-terminated row per lead with its fields', () => {
    const lead = buildLead({ name: 'テスト美容室', rating: 4.2, reviewCount: 31, employees: 12, legalName: '株式会社テスト', corporateNumber: '7010001008844', newlyListed: true, emails: ['a@example.jp', 'b@example.jp'] });
    const text = formatCsv([lead]);
    expect(text.endsWith('\r\n')).toBe(true);
    const [, row] = parseCsv(text);
    expect(row).toEqual([
      'テスト美容室',
      '美容室',
      lead.address,
      '03-1234-5678',
      lead.website,
      lead.googleMapsUrl,
      '4.2',
      '31',
      '12',
      '株式会社テスト',
      '7010001008844',
      '新着',
      '2026-11-24',
      'a@example.jp b@example.jp',
      '',
      lead.id,
    ]);
  });

  it('prefixes cells that a spreadsheet would run as a formula with an apostrophe', () => {
    const lead = buildLead({ name: '=HYPERLINK("http://evil.example","x")', address: '@SUM(A1)', phone: '+81-3-1234-5678', website: '-1+1', contactForm: '\t=1' });
    const [, row] = parseCsv(formatCsv([lead]));
    expect(row?.[0]).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(row?.[2]).toBe(`'@SUM(A1)`);
    expect(row?.[3]).toBe(`'+81-3-1234-5678`);
    expect(row?.[4]).toBe(`'-1+1`);
    expect(row?.[14]).toBe(`'\t=1`);
  });

  it('quotes fields holding commas, quotes and line breaks', () => {
    const lead = buildLead({ name: 'A, "B"\nC' });
    const text = formatCsv([lead]);
    expect(text).toContain('"A, ""B""\nC"');
    expect(parseCsv(text)[1]?.[0]).toBe('A, "B"\nC');
  });

  it('round-trips any text through one field', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        expect(parseCsv(`${csvField(value)}\r\n`)).toEqual([[value]]);
      }),
    );
  });

  it('neutralises formulas idempotently and leaves other text alone', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const once = neutraliseFormula(value);
        expect(neutraliseFormula(once)).toBe(once);
        expect(/^[=+\-@\t\r]/.test(once)).toBe(false);
        if (!/^[=+\-@\t\r]/.test(value)) expect(once).toBe(value);
      }),
    );
  });
});

describe('formatJsonLines', () => {
  it('writes one Lead per line that parses back to the same lead', () => {
    const leads = [buildLead(), buildLead({ name: '改行\nを含む' })];
    const lines = formatJsonLines(leads).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines.slice(0, 2).map((line) => Lead.parse(JSON.parse(line)))).toEqual(leads);
  });

  it('writes nothing for no leads', () => {
    expect(formatJsonLines([])).toBe('');
  });
});

describe('displayWidth', () => {
  it('counts CJK and full-width characters as two cells', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('美容室')).toBe(6);
    expect(displayWidth('ﾍｱｰ')).toBe(3); // half-width katakana
    expect(displayWidth('ＡＢ１')).toBe(6);
    expect(displayWidth('カフェ・バー')).toBe(12);
    expect(displayWidth('が')).toBe(2); // composed
    expect(displayWidth('か\u3099')).toBe(2); // combining voiced mark
  });

  it('cuts to a width with an ellipsis', () => {
    expect(truncateToWidth('東京都渋谷区神南', 9)).toBe('東京都渋…');
    expect(displayWidth(truncateToWidth('東京都渋谷区神南', 9))).toBeLessThanOrEqual(9);
    expect(truncateToWidth('short', 10)).toBe('short');
  });
});

describe('formatTable', () => {
  const m = messagesFor('ja');
  const labels = { headers: m.tableHeaders, newMark: m.newMark };

  it('lines the columns up by terminal width, with Japanese headers', () => {
    const leads = [
      buildLead({ name: 'Salon A', phone: '03-1111-2222' }),
      buildLead({ name: 'ヘアサロン・ながいなまえ', phone: '090-1234-5678', newlyListed: true }),
    ];
    const lines = formatTable(leads, labels).trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^会社名\s+業種\s+電話番号/);
    // The phone column starts at the same cell on every line.
    const phoneColumn = (line: string, phone: string) => displayWidth(line.slice(0, line.indexOf(phone)));
    const start = phoneColumn(lines[0]!, '電話番号');
    expect(phoneColumn(lines[2]!, '03-1111-2222')).toBe(start);
    expect(phoneColumn(lines[3]!, '090-1234-5678')).toBe(start);
    expect(lines[3]).toContain('新着');
  });

  it('keeps control characters from breaking a row', () => {
    const text = formatTable([buildLead({ name: 'A\nB\u001b[31m' })], labels);
    expect(text.trimEnd().split('\n')).toHaveLength(3);
    expect(text).not.toContain('\u001b');
  });
});
