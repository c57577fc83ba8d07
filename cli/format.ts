// Turns leads into text: JSON lines, RFC 4180 CSV for spreadsheets, and a readable table whose
// columns line up in a terminal where CJK characters take two cells. Pure functions only.
import type { Lead } from '../shared/contract.ts';

export type OutputFormat = 'table' | 'json' | 'csv';

/** One Lead JSON object per line. */
export const formatJsonLines = (leads: readonly Lead[]): string => leads.map((lead) => `${JSON.stringify(lead)}\n`).join('');

// The CSV columns. The headers stay Japanese in every locale: the file goes into a Japanese sheet.
const CSV_COLUMNS: ReadonlyArray<readonly [header: string, cell: (lead: Lead) => string | number | null]> = [
  ['会社名', (l) => l.name],
  ['業種', (l) => l.primaryTypeLabel ?? l.industry],
  ['住所', (l) => l.address],
  ['電話番号', (l) => l.phone],
  ['Webサイト', (l) => l.website],
  ['Googleマップ', (l) => l.googleMapsUrl],
  ['評価', (l) => l.rating],
  ['口コミ数', (l) => l.reviewCount],
  ['従業員数', (l) => l.employees],
  ['法人名', (l) => l.legalName ?? null],
  ['法人番号', (l) => l.corporateNumber ?? null],
  ['新着', (l) => (l.newlyListed ? '新着' : '')],
  ['取得日', (l) => l.firstSeen],
  ['メール', (l) => l.emails.join(' ')],
  ['問い合わせフォーム', (l) => l.contactForm],
  ['Tsugi ID', (l) => l.id],
];

export const CSV_HEADERS: readonly string[] = CSV_COLUMNS.map(([header]) => header);

/**
 * A cell a spreadsheet will not run: text starting with = + - @ (or a tab / carriage return,
 * which some spreadsheets strip before looking) gets a leading apostrophe.
 */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One RFC 4180 field: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** RFC 4180 CSV (CRLF line ends) with Japanese headers; every cell is guarded against formulas. */
export function formatCsv(leads: readonly Lead[]): string {
  const row = (cells: readonly string[]) => `${cells.map((cell) => csvField(neutraliseFormula(cell))).join(',')}\r\n`;
  const cellText = (value: string | number | null) => (value == null ? '' : String(value));
  return row(CSV_HEADERS) + leads.map((lead) => row(CSV_COLUMNS.map(([, cell]) => cellText(cell(lead))))).join('');
}

// Code points a terminal draws two cells wide (East Asian Wide and Fullwidth, plus common emoji).
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

function charWidth(char: string): number {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code < 0xa0)) return 0;
  // Combining marks and zero-width characters take no cell of their own.
  if (/^[\p{Mn}\p{Me}\u200b-\u200f\ufe00-\ufe0f]$/u.test(char)) return 0;
  return WIDE_RANGES.some(([low, high]) => code >= low && code <= high) ? 2 : 1;
}

/** Terminal cells the text takes. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return width;
}

/** The text cut to at most `max` cells, ending in … when cut. */
export function truncateToWidth(text: string, max: number): string {
  if (displayWidth(text) <= max) return text;
  let out = '';
  let width = 0;
  for (const char of text) {
    const w = charWidth(char);
    if (width + w > max - 1) break;
    out += char;
    width += w;
  }
  return `${out.trimEnd()}…`;
}

export const padToWidth = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - displayWidth(text)));

export interface TableLabels {
  headers: { name: string; industry: string; phone: string; rating: string; reviews: string; employees: string; newlyListed: string; address: string; website: string };
  newMark: string;
}

// Each column: its header key, the widest it may grow, the cell text.
const TABLE_COLUMNS: ReadonlyArray<{ key: keyof TableLabels['headers']; max: number; cell: (lead: Lead, labels: TableLabels) => string }> = [
  { key: 'name', max: 30, cell: (l) => l.name },
  { key: 'industry', max: 16, cell: (l) => l.primaryTypeLabel ?? l.industry },
  { key: 'phone', max: 16, cell: (l) => l.phone ?? '' },
  { key: 'rating', max: 4, cell: (l) => (l.rating == null ? '' : l.rating.toFixed(1)) },
  { key: 'reviews', max: 6, cell: (l) => String(l.reviewCount) },
  { key: 'employees', max: 6, cell: (l) => (l.employees == null ? '' : String(l.employees)) },
  { key: 'newlyListed', max: 4, cell: (l, labels) => (l.newlyListed ? labels.newMark : '') },
  { key: 'address', max: 40, cell: (l) => l.address },
  { key: 'website', max: 40, cell: (l) => l.website ?? '' },
];

/** A plain aligned table: a header, a rule, one line per lead; control characters flattened. */
export function formatTable(leads: readonly Lead[], labels: TableLabels): string {
  const clean = (text: string) => text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  const rows = leads.map((lead) => TABLE_COLUMNS.map((column) => truncateToWidth(clean(column.cell(lead, labels)), column.max)));
  const header = TABLE_COLUMNS.map((column) => labels.headers[column.key]);
  const widths = header.map((title, i) => Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => padToWidth(cell, widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}
