// Cell values in and out: text that Sheets must not interpret (formulas, leading zeros), and days
// that come back as Date objects, strings or serial numbers depending on who typed them.
import type { CellValue } from './apps-script.ts';

/**
 * Text as Sheets should store it. setValues parses strings as if typed: `=…` (and `+`, `-`, `@`)
 * would become formulas (formula injection from a website's name), `0312…` a number without its
 * leading zero, `TRUE` a boolean. A leading apostrophe keeps the text as written.
 */
export function asText(text: string | null | undefined): string {
  if (!text) return '';
  return /^[=+\-@'0-9０-９]/.test(text) || /^(true|false)$/i.test(text.trim()) ? `'${text}` : text;
}

/** A cell's text content, trimmed ('' for empty and for non-text values other than numbers). */
export function cellText(value: CellValue | undefined): string {
  if (value == null || value === '') return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

export function cellNumber(value: CellValue | undefined): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.normalize('NFKC').replace(/[,人名\s]/g, ''));
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

const ISO_DAY = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
const SHEETS_EPOCH_MS = Date.UTC(1899, 11, 30);

/** The calendar day (YYYY-MM-DD) a cell holds, read in the spreadsheet's time zone; null if none. */
export function cellDay(value: CellValue | undefined, timeZone: string): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : dayIn(value, timeZone);
  if (typeof value === 'number' && value > 20000 && value < 80000) {
    // A date serial (days since 1899-12-30) from a cell formatted as a number.
    return new Date(SHEETS_EPOCH_MS + Math.floor(value) * 86_400_000).toISOString().slice(0, 10);
  }
  if (typeof value === 'string') {
    const match = ISO_DAY.exec(value.normalize('NFKC').trim());
    if (!match) return null;
    const [, y, m, d] = match;
    const day = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
    return isValidDay(day) ? day : null;
  }
  return null;
}

/** What to write for a day: the ISO text, which Sheets stores as a real date the owner can sort. */
export const dayCell = (day: string | null) => day ?? '';

export function dayIn(instant: Date, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

function isValidDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** `day` plus whole months, clamped to the month's end (08-31 + 6 months = 02-28/29). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}
