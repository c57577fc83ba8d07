// `tsugi dedupe [--json] <file.csv>`: which rows of a sheet are one company? Reads a CSV (RFC
// 4180: quoted fields with commas, quotes and line breaks, a BOM, CRLF or LF; UTF-8, or Shift_JIS
// as Excel saves it) whose header names the columns 会社名 / name, 住所 / address, 電話番号 /
// phone, Webサイト / website (others are carried along), and clusters the rows with the same rule
// the Worker uses. Without --json the CSV comes back with a `cluster` column; with it, one line
// per data row: {"row": <1-based data row>, "cluster": "<id>"}. A cluster id is `c` and the row
// number of its first row, so rows of one company share it and a row alone has its own.
import { readFile } from 'node:fs/promises';
import { clusterRecords, type RecordInput } from '../../api/src/dedupe/match.ts';
import { parseFileCommandArgs, readInputFile, type FileCommandOptions } from '../args.ts';
import { EXIT_OK, UsageError, type Command, type Io } from '../command.ts';
import type { Messages } from '../messages.ts';

export type DedupeOptions = FileCommandOptions;

/** The command line as options, `'help'` for --help; UsageError for anything wrong. */
export const parseDedupeArgs = (argv: string[], messages: Messages): DedupeOptions | 'help' => parseFileCommandArgs(argv, messages, messages.dedupeFileRequired);

// ---------------------------------------------------------------------------------------------
// CSV (RFC 4180).

export interface CsvDocument {
  rows: string[][];
  /** The line break the file uses ("\r\n" unless it uses "\n" alone). */
  newline: '\r\n' | '\n';
  bom: boolean;
}

/**
 * Parses CSV text: fields separated by commas, records by CRLF, LF or CR; a quoted field may
 * hold commas, line breaks and doubled quotes. Every line is a record, a blank one too (one
 * empty field), except the break that ends the file.
 */
export function parseCsv(text: string): CsvDocument {
  const bom = text.charCodeAt(0) === 0xfeff;
  const source = bom ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let newline: '\r\n' | '\n' | null = null;
  let i = 0;
  const endRecord = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < source.length) {
    const ch = source[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (source[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      const crlf = ch === '\r' && source[i + 1] === '\n';
      newline ??= crlf || ch === '\r' ? '\r\n' : '\n';
      endRecord();
      if (crlf) i++;
    } else {
      // A stray quote inside an unquoted field is kept as it is (lenient, as spreadsheets are).
      field += ch;
    }
    i++;
  }
  if (field !== '' || row.length > 0 || quoted) endRecord();
  return { rows, newline: newline ?? '\r\n', bom };
}

/** One CSV record: fields quoted when they hold a comma, a quote, a line break or edge spaces. */
export function formatCsvRow(fields: readonly string[]): string {
  return fields.map((field) => (/[",\r\n]|^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field)).join(',');
}

/** UTF-8 (with or without BOM), or Shift_JIS when the bytes are not UTF-8 (Excel's 「CSV」). */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    // The BOM stays in the text: parseCsv notes it, and the output keeps it for Excel.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return new TextDecoder('shift_jis').decode(bytes);
  }
}

// ---------------------------------------------------------------------------------------------
// Columns.

type Field = 'name' | 'address' | 'phone' | 'website' | 'placeId';

/** Header names per field, folded (NFKC, lower case, without spaces and _ - .). */
const HEADERS: Record<Field, readonly string[]> = {
  name: ['name', 'company', 'companyname', 'businessname', 'shopname', '会社名', '名称', '店名', '店舗名', '社名', '企業名', '屋号', '法人名', '事業者名', '施設名'],
  address: ['address', 'companyaddress', '住所', '所在地', '本社所在地', '店舗住所', '会社住所'],
  phone: ['phone', 'phonenumber', 'tel', 'telephone', 'telephonenumber', '電話番号', '電話', '代表電話番号', '代表電話'],
  website: ['website', 'web', 'url', 'site', 'homepage', 'hp', 'webサイト', 'ウェブサイト', 'ホームページ', 'サイト', 'サイトurl', 'ホームページurl', 'webサイトurl'],
  placeId: ['placeid', 'googleplaceid', 'プレイスid'],
};

/** A header as the tables above spell it: NFKC, lower case, without spaces and _ - . */
export const foldHeader = (header: string): string => header.normalize('NFKC').toLowerCase().replace(/[\s_\-.]+/g, '');

/** Which column holds each field (the first one named for it), given folded header names per field. */
export function matchColumns<F extends string>(header: readonly string[], names: Readonly<Record<F, readonly string[]>>): Partial<Record<F, number>> {
  const columns: Partial<Record<F, number>> = {};
  header.forEach((cell, index) => {
    const folded = foldHeader(cell);
    for (const [field, candidates] of Object.entries(names) as [F, readonly string[]][]) {
      if (columns[field] === undefined && candidates.includes(folded)) columns[field] = index;
    }
  });
  return columns;
}

/** Which column holds each of dedupe's fields, from the header row. */
export const findColumns = (header: readonly string[]): Partial<Record<Field, number>> => matchColumns(header, HEADERS);

export interface DedupeResult {
  header: string[];
  /** The data rows as read (a blank line is one empty field). */
  rows: string[][];
  /** Cluster id per data row. */
  clusters: string[];
  companies: number;
}

/** Clusters the data rows of a CSV; UsageError when its header names none of the columns. */
export function dedupeCsv(doc: CsvDocument, messages: Messages): DedupeResult {
  const [header, ...rows] = doc.rows;
  const columns = header ? findColumns(header) : {};
  if (!header || (columns.name ?? columns.address ?? columns.phone ?? columns.website) === undefined) {
    const found = (header ?? []).map((cell) => cell.trim()).filter((cell) => cell !== '');
    throw new UsageError(messages.dedupeNoHeader(found));
  }
  const cell = (row: readonly string[], field: Field) => {
    const index = columns[field];
    return index === undefined ? null : (row[index] ?? null);
  };
  const records: RecordInput[] = rows.map((row) => ({
    name: cell(row, 'name'),
    address: cell(row, 'address'),
    phone: cell(row, 'phone'),
    website: cell(row, 'website'),
    placeId: cell(row, 'placeId'),
  }));
  // clusterRecords names a cluster after its smallest index: here, after its first row's number.
  const firstRow = new Map<string, number>();
  const clusters = clusterRecords(records).map((id, index) => {
    let first = firstRow.get(id);
    if (first === undefined) firstRow.set(id, (first = index + 1));
    return `c${first}`;
  });
  return { header, rows, clusters, companies: firstRow.size };
}

/** The CSV back with a `cluster` column (short rows padded to the header's width). */
export function formatDedupedCsv(result: DedupeResult, doc: Pick<CsvDocument, 'newline' | 'bom'>): string {
  const width = result.header.length;
  const lines = [formatCsvRow([...result.header, 'cluster'])];
  result.rows.forEach((row, index) => {
    const padded = row.length < width ? [...row, ...new Array<string>(width - row.length).fill('')] : row;
    lines.push(formatCsvRow([...padded, result.clusters[index] as string]));
  });
  return `${doc.bom ? '\ufeff' : ''}${lines.join(doc.newline)}${doc.newline}`;
}

export const formatDedupeJson = (result: DedupeResult): string => result.clusters.map((cluster, index) => `${JSON.stringify({ row: index + 1, cluster })}\n`).join('');

export interface DedupeDeps {
  readFile?: (path: string) => Promise<Uint8Array>;
}

export async function runDedupe(options: DedupeOptions, io: Io, messages: Messages, deps: DedupeDeps = {}): Promise<number> {
  const bytes = await readInputFile(options.file, deps.readFile ?? readFile, {
    notFound: messages.dedupeFileNotFound,
    unreadable: messages.dedupeFileUnreadable,
  });
  const doc = parseCsv(decodeCsv(bytes));
  const result = dedupeCsv(doc, messages);
  await io.out(options.json ? formatDedupeJson(result) : formatDedupedCsv(result, doc));
  io.err(messages.dedupeSummary(result.rows.length, result.companies));
  return EXIT_OK;
}

export const dedupeCommand: Command = {
  name: 'dedupe',
  async run({ argv, io, messages }) {
    const options = parseDedupeArgs(argv, messages);
    if (options === 'help') {
      await io.out(`${messages.dedupeUsage}\n`);
      return EXIT_OK;
    }
    return runDedupe(options, io, messages);
  },
};
