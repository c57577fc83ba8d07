// leadRow and segmentOf for the corporate columns (法人番号, 設立日, 新設): written from the lead,
// read back into the segment, and a tab set up before they existed keeps working without them.
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../shared/contract.ts';
import type { CellValue } from './apps-script.ts';
import { COLUMNS, headerFor, REQUIRED_COLUMNS } from './columns.ts';
import { resolveLayout, type Layout } from './layout.ts';
import { leadRow, segmentOf } from './rows.ts';
import { buildLead } from '../../test/builders.ts';

const TODAY = '2026-11-24';
const layoutOf = (headers: string[]): Layout => resolveLayout([headers], null);
const FRESH_JA = layoutOf(COLUMNS.map((column) => headerFor(column.key, 'ja')));
const FRESH_EN = layoutOf(COLUMNS.map((column) => headerFor(column.key, 'en')));

const lead = (overrides: Partial<Lead> = {}): Lead =>
  buildLead({
    id: 'ld_abcdef123456',
    name: '株式会社テスト',
    website: null,
    googleMapsUrl: null,
    primaryType: null,
    primaryTypeLabel: null,
    rating: null,
    reviewCount: 0,
    employees: 12,
    employeesSource: 'gbizinfo',
    firstSeen: '2026-11-20',
    area: '渋谷区',
    screening: { verdict: 'clear', evidence: [], checkedAt: '2026-11-24T00:00:00.000Z' },
    ...overrides,
  });

const cell = (row: CellValue[], layout: Layout, header: string) => row[layout.headers.indexOf(header)];

describe('the corporate columns', () => {
  it('come right after 従業員数 and are not required', () => {
    const keys = COLUMNS.map((column) => column.key);
    const at = keys.indexOf('employees');
    expect(keys.slice(at, at + 5)).toEqual(['employees', 'legalName', 'corporateNumber', 'establishedOn', 'newlyEstablished']);
    for (const key of ['legalName', 'corporateNumber', 'establishedOn', 'newlyEstablished'] as const) expect(REQUIRED_COLUMNS).not.toContain(key);
    expect(FRESH_JA.headers.slice(9, 14)).toEqual(['従業員数', '法人名', '法人番号', '設立日', '新設']);
    expect(FRESH_EN.headers.slice(9, 14)).toEqual(['Employees', 'Legal name', 'Corporate number', 'Established', 'Newly established']);
  });
});

describe('leadRow', () => {
  it('writes the legal name, the corporate number as text, the established date and the 新設 marker', () => {
    const row = leadRow(lead({ legalName: '有限会社竹内商事', corporateNumber: '0123456789012', establishedDate: '2026-03-01', newlyEstablished: true }), FRESH_JA, TODAY, 'ja');
    expect(cell(row, FRESH_JA, '法人名')).toBe('有限会社竹内商事');
    expect(cell(row, FRESH_JA, '法人番号')).toBe("'0123456789012");
    expect(cell(row, FRESH_JA, '設立日')).toBe('2026-03-01');
    expect(cell(row, FRESH_JA, '新設')).toBe('新設');
    expect(cell(row, FRESH_JA, '従業員数')).toBe(12);

    const en = leadRow(lead({ corporateNumber: '1234567890123', establishedDate: '1998-07-15', newlyEstablished: true }), FRESH_EN, TODAY, 'en');
    expect(cell(en, FRESH_EN, 'Newly established')).toBe('New');
  });

  it('leaves 新設 blank for a company that is not newly established', () => {
    const row = leadRow(lead({ corporateNumber: '1234567890123', establishedDate: '1998-07-15', newlyEstablished: false }), FRESH_JA, TODAY, 'ja');
    expect(cell(row, FRESH_JA, '法人番号')).toBe("'1234567890123");
    expect(cell(row, FRESH_JA, '設立日')).toBe('1998-07-15');
    expect(cell(row, FRESH_JA, '新設')).toBe('');
  });

  it('leaves the three cells blank for a lead without corporate data (fields absent or null)', () => {
    for (const without of [lead({ employees: null, employeesSource: null }), lead({ corporateNumber: null, establishedDate: null, newlyEstablished: null })]) {
      const row = leadRow(without, FRESH_JA, TODAY, 'ja');
      expect([cell(row, FRESH_JA, '法人名'), cell(row, FRESH_JA, '法人番号'), cell(row, FRESH_JA, '設立日'), cell(row, FRESH_JA, '新設')]).toEqual(['', '', '', '']);
    }
  });

  it('writes a tab set up before these columns existed without them', () => {
    const old = layoutOf(COLUMNS.filter((c) => !['legalName', 'corporateNumber', 'establishedOn', 'newlyEstablished'].includes(c.key)).map((c) => c.ja));
    const row = leadRow(lead({ corporateNumber: '1234567890123', establishedDate: '2026-03-01', newlyEstablished: true }), old, TODAY, 'ja');
    expect(row).toHaveLength(old.headers.length);
    expect(row).not.toContain('新設');
    expect(row).not.toContain("'1234567890123");
    expect(cell(row, old, '会社名')).toBe('株式会社テスト');
  });
});

describe('segmentOf newlyEstablished', () => {
  const rowWith = (layout: Layout, cells: Record<string, CellValue>): CellValue[] =>
    layout.headers.map((header) => (header in cells ? cells[header]! : ''));
  const segment = (cells: Record<string, CellValue>, layout = FRESH_JA) => segmentOf(rowWith(layout, cells), layout);

  it('is true when a Tsugi lead row has the 新設 marker', () => {
    expect(segment({ 'Tsugi ID': 'ld_abcdef123456', 法人番号: '1234567890123', 新設: '新設' }).newlyEstablished).toBe(true);
    expect(segment({ 'Tsugi ID': 'ld_abcdef123456', 新設: '新設' }).newlyEstablished).toBe(true);
    expect(segment({ 'Tsugi ID': 'ld_abcdef123456', 'Corporate number': 1234567890123, 'Newly established': 'New' }, FRESH_EN).newlyEstablished).toBe(true);
  });

  it('is false when a Tsugi lead row with a known 法人番号 has no marker', () => {
    expect(segment({ 'Tsugi ID': 'ld_abcdef123456', 法人番号: '1234567890123', 新設: '' }).newlyEstablished).toBe(false);
    expect(segment({ 'Tsugi ID': 'ld_abcdef123456', 法人番号: 1234567890123 }).newlyEstablished).toBe(false);
  });

  it('is null when nothing is known', () => {
    // A Tsugi lead without a corporate number: not matched to a corporation.
    expect(segment({ 'Tsugi ID': 'ld_abcdef123456' }).newlyEstablished).toBeNull();
    // Rows the owner typed (kn_ or no id) do not know, whatever they say.
    expect(segment({ 'Tsugi ID': 'kn_abcdef123456', 法人番号: '1234567890123', 新設: '新設' }).newlyEstablished).toBeNull();
    expect(segment({ 会社名: '手入力商事', 法人番号: '1234567890123' }).newlyEstablished).toBeNull();
    // A tab set up before the 新設 column existed.
    const old = layoutOf(COLUMNS.filter((c) => c.key !== 'newlyEstablished').map((c) => c.ja));
    expect(segment({ 'Tsugi ID': 'ld_abcdef123456', 法人番号: '1234567890123' }, old).newlyEstablished).toBeNull();
  });
});
