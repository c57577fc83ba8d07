// `tsugi insights [--json] <outcomes.csv>`: which filter changes do the owner's verdicts support?
// Reads a CSV of outcomes (UTF-8 with or without BOM, or Shift_JIS; quoted fields as in dedupe)
// whose header names at least the status column — status, reason, employees, industry, area,
// new_listing, and optionally new_company (新設), rating and reviews, in any order, in English or Japanese — turns
// each row into an OutcomeRecord and hands them to the shared insight engine. A value it cannot
// read is a usage error naming the row (the header is row 1, as in the spreadsheet) and the value.
// Without --json the suggestions are printed as sentences with their numbers; with it, one JSON
// object {"suggestions": [{change, support, message}], "totals", "segments"}.
import { readFile } from 'node:fs/promises';
import type { OutcomeReason, OutcomeStatus, Segment } from '../../shared/contract.ts';
import { computeInsights, type Insights, type OutcomeRecord } from '../../shared/insights.ts';
import { parseFileCommandArgs, readInputFile, type FileCommandOptions } from '../args.ts';
import { EXIT_OK, UsageError, type Command, type Io } from '../command.ts';
import type { Locale, Messages } from '../messages.ts';
import { decodeCsv, matchColumns, parseCsv, type CsvDocument } from './dedupe.ts';

export type InsightsOptions = FileCommandOptions;

/** The command line as options, `'help'` for --help; UsageError for anything wrong. */
export const parseInsightsArgs = (argv: string[], messages: Messages): InsightsOptions | 'help' => parseFileCommandArgs(argv, messages, messages.insightsFileRequired);

// ---------------------------------------------------------------------------------------------
// Columns and values.

export type OutcomeColumn = 'status' | 'reason' | 'employees' | 'industry' | 'area' | 'newListing' | 'newlyEstablished' | 'rating' | 'reviews';

/** Header names per column, folded as dedupe folds them (NFKC, lower case, without spaces and _ - .). */
const HEADERS: Record<OutcomeColumn, readonly string[]> = {
  status: ['status', 'outcome', 'result', 'verdict', 'ステータス', '結果', '商談結果', '判定'],
  reason: ['reason', 'lossreason', 'rejectionreason', '理由', '失注理由', '断り理由', 'お断り理由'],
  employees: ['employees', 'employeecount', 'numberofemployees', 'staff', '従業員数', '従業員', '社員数'],
  industry: ['industry', '業種'],
  area: ['area', 'region', 'エリア', '地域'],
  newListing: ['newlisting', 'newlylisted', 'new', 'isnew', '新着'],
  newlyEstablished: ['newcompany', 'newlyestablished', 'newlyincorporated', '新設', '新設法人'],
  rating: ['rating', '評価'],
  reviews: ['reviews', 'reviewcount', '口コミ', '口コミ数', 'レビュー', 'レビュー数'],
};

/** A cell as the value tables spell it: NFKC (full-width digits and kana), lower case, no spaces. */
const foldValue = (value: string): string => value.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

const STATUSES: Record<string, OutcomeStatus> = {
  won: 'won',
  win: 'won',
  成約: 'won',
  受注: 'won',
  rejected: 'rejected',
  lost: 'rejected',
  失注: 'rejected',
  見送り: 'rejected',
  断り: 'rejected',
  お断り: 'rejected',
  held: 'held',
  hold: 'held',
  pending: 'held',
  保留: 'held',
};

const REASONS: Record<string, OutcomeReason> = {
  budget: 'budget',
  予算: 'budget',
  industry: 'industry',
  業種: 'industry',
  timing: 'timing',
  タイミング: 'timing',
  時期: 'timing',
  competitor: 'competitor',
  他社: 'competitor',
  競合: 'competitor',
  other: 'other',
  その他: 'other',
};

const BOOLEANS: Record<string, boolean> = {
  true: true,
  yes: true,
  '1': true,
  はい: true,
  新着: true,
  false: false,
  no: false,
  '0': false,
  いいえ: false,
};

/** new_company: the sheet's 新設 marker reads as yes too. */
const NEW_COMPANY: Record<string, boolean> = { ...BOOLEANS, 新設: true };

/** Written for "not known": read as blank. */
const UNKNOWN = new Set(['不明', 'unknown', '-', '?']);

/** The largest count a Segment holds (contract.ts). */
const MAX_COUNT = 1_000_000;

/** A whole number as people type it: 12, １２, 12人, 1,200; null when blank; undefined when not one. */
function readCount(raw: string, units: readonly string[]): number | null | undefined {
  let value = foldValue(raw);
  if (value === '' || UNKNOWN.has(value)) return null;
  for (const unit of units) if (value.endsWith(unit)) value = value.slice(0, -unit.length);
  if (!/^(\d+|\d{1,3}(,\d{3})+)$/.test(value)) return undefined;
  const count = Number(value.replace(/,/g, ''));
  return count <= MAX_COUNT ? count : undefined;
}

function readRating(raw: string): number | null | undefined {
  const value = foldValue(raw);
  if (value === '' || UNKNOWN.has(value)) return null;
  if (!/^\d+(\.\d+)?$/.test(value)) return undefined;
  const rating = Number(value);
  return rating <= 5 ? rating : undefined;
}

function readLookup<T>(raw: string, table: Record<string, T>): T | null | undefined {
  const value = foldValue(raw);
  if (value === '') return null;
  return Object.hasOwn(table, value) ? table[value] : undefined;
}

const readText = (raw: string): string | null => {
  const value = raw.trim();
  return value === '' ? null : value;
};

export interface RowProblem {
  /** The row in the sheet, the header being row 1. */
  line: number;
  column: OutcomeColumn;
  value: string;
}

export interface OutcomeTable {
  records: OutcomeRecord[];
  /** Data rows whose status cell is blank: not judged yet, not counted. */
  skipped: number;
}

/** How many unreadable values one error message lists. */
const MAX_PROBLEMS = 10;

/**
 * The outcomes of a CSV. UsageError when it has no status column, no data rows, or values that
 * cannot be read (each named by row and value, the first ten of them).
 */
export function readOutcomes(doc: CsvDocument, messages: Messages): OutcomeTable {
  const [header, ...rows] = doc.rows;
  const columns = header ? matchColumns(header, HEADERS) : {};
  const found = (header ?? []).map((cell) => cell.trim()).filter((cell) => cell !== '');
  if (!header || columns.status === undefined) throw new UsageError(messages.insightsNoStatusColumn(found));

  const cell = (row: readonly string[], column: OutcomeColumn): string => {
    const index = columns[column];
    return index === undefined ? '' : (row[index] ?? '');
  };
  const records: OutcomeRecord[] = [];
  const problems: RowProblem[] = [];
  let dataRows = 0;
  let skipped = 0;
  rows.forEach((row, index) => {
    if (row.every((value) => value.trim() === '')) return;
    dataRows += 1;
    const line = index + 2;
    const read = <T>(column: OutcomeColumn, reader: (raw: string) => T | null | undefined): T | null => {
      const raw = cell(row, column);
      const value = reader(raw);
      if (value === undefined) {
        problems.push({ line, column, value: raw.trim() });
        return null;
      }
      return value;
    };
    const before = problems.length;
    const status = read('status', (raw) => readLookup(raw, STATUSES));
    const reason = read('reason', (raw) => readLookup(raw, REASONS));
    const segment: Segment = {
      employees: read('employees', (raw) => readCount(raw, ['人', '名'])),
      industry: readText(cell(row, 'industry')),
      area: readText(cell(row, 'area')),
      newListing: read('newListing', (raw) => readLookup(raw, BOOLEANS)),
      newlyEstablished: read('newlyEstablished', (raw) => readLookup(raw, NEW_COMPANY)),
      rating: read('rating', readRating),
      reviews: read('reviews', (raw) => readCount(raw, ['件'])),
    };
    if (problems.length > before) return;
    if (status === null) {
      skipped += 1;
      return;
    }
    // A reason belongs to a refusal (contract.ts); one left on a won or held row is stale.
    records.push({ status, reason: status === 'rejected' ? reason : null, segment });
  });
  if (problems.length > 0) {
    const lines = problems.slice(0, MAX_PROBLEMS).map((problem) => messages.insightsBadValue(problem.line, problem.column, problem.value));
    if (problems.length > MAX_PROBLEMS) lines.push(messages.insightsMoreProblems(problems.length - MAX_PROBLEMS));
    throw new UsageError(lines.join('\n'));
  }
  if (dataRows === 0) throw new UsageError(messages.insightsNoRows(found));
  return { records, skipped };
}

// ---------------------------------------------------------------------------------------------
// Output.

/** The one JSON object of --json: suggestions first (the contract), then totals and segments. */
export function formatInsightsJson(insights: Insights): string {
  const suggestions = insights.suggestions.map((suggestion) => ({ change: suggestion.change, support: suggestion.support, message: suggestion.message }));
  return `${JSON.stringify({ suggestions, totals: insights.totals, segments: insights.segments })}\n`;
}

/** `employeesMin: 11`, `excludeIndustries: ["美容室"]`. */
export const formatChange = (change: object): string =>
  Object.entries(change)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? JSON.stringify(value) : Array.isArray(value) ? JSON.stringify(value) : String(value)}`)
    .join(', ');

/** The totals, each suggestion with its change and numbers, and the method, for people. */
export function formatInsightsText(insights: Insights, messages: Messages, locale: Locale): string {
  const lines = [messages.insightsTotals(insights.totals), ''];
  if (insights.suggestions.length === 0) {
    lines.push(messages.insightsNone);
  } else {
    insights.suggestions.forEach((suggestion, index) => {
      const indent = ' '.repeat(String(index + 1).length + 2);
      lines.push(`${index + 1}. ${locale === 'ja' ? suggestion.message : suggestion.messageEn}`);
      lines.push(`${indent}${messages.insightsChangeLabel}: ${formatChange(suggestion.change)}`);
      lines.push(`${indent}${messages.insightsSupportLabel}: ${messages.insightsSupport(suggestion.support)}`);
      lines.push('');
    });
    lines.pop();
  }
  lines.push('', messages.insightsMethod(insights.method));
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// The command.

export interface InsightsDeps {
  readFile?: (path: string) => Promise<Uint8Array>;
}

export async function runInsights(options: InsightsOptions, io: Io, messages: Messages, locale: Locale, deps: InsightsDeps = {}): Promise<number> {
  const bytes = await readInputFile(options.file, deps.readFile ?? readFile, {
    notFound: messages.insightsFileNotFound,
    unreadable: messages.insightsFileUnreadable,
  });
  const { records, skipped } = readOutcomes(parseCsv(decodeCsv(bytes)), messages);
  if (skipped > 0) io.err(messages.insightsSkipped(skipped));
  const insights = computeInsights(records);
  await io.out(options.json ? formatInsightsJson(insights) : formatInsightsText(insights, messages, locale));
  return EXIT_OK;
}

export const insightsCommand: Command = {
  name: 'insights',
  async run({ argv, io, messages, locale }) {
    const options = parseInsightsArgs(argv, messages);
    if (options === 'help') {
      await io.out(`${messages.insightsUsage}\n`);
      return EXIT_OK;
    }
    return runInsights(options, io, messages, locale);
  },
};
