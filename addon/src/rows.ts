// Rows as Tsugi reads and writes them: a lead becomes a row, a row moves between tabs with every
// cell the owner typed, and a row yields the segment attributes its outcome is analysed by. Pure.
import type { KnownRow, Lead, OutcomeReason, Segment } from '../../shared/contract.ts';
import type { CellValue } from './apps-script.ts';
import { asText, cellDay, cellNumber, cellText, dayCell } from './cells.ts';
import { reasonFromCell, statusFromCell, STATUS_LABELS, type ColumnKey, type StatusCode } from './columns.ts';
import type { Layout } from './layout.ts';
import type { Locale } from './sidebar-contract.ts';

/** A non-blank row below the header. `sheetRow` is 1-based, as Apps Script counts. */
export interface SheetRow {
  sheetRow: number;
  values: CellValue[];
}

export function dataRows(values: CellValue[][], layout: Layout): SheetRow[] {
  const rows: SheetRow[] = [];
  for (let index = layout.headerIndex + 1; index < values.length; index++) {
    const row = values[index]!;
    if (row.some((cell) => cell !== '' && cell != null)) rows.push({ sheetRow: index + 1, values: row });
  }
  return rows;
}

export const cellOf = (row: CellValue[], layout: Layout, key: ColumnKey): CellValue | undefined => {
  const index = layout.columns[key];
  return index === undefined ? undefined : row[index];
};
export const textOf = (row: CellValue[], layout: Layout, key: ColumnKey) => cellText(cellOf(row, layout, key));
export const idOf = (row: CellValue[], layout: Layout) => textOf(row, layout, 'id') || null;
/** What the API needs to recognise a row the owner typed in (null when it names nothing). */
export function knownRowOf(row: CellValue[], layout: Layout): KnownRow | null {
  const name = textOf(row, layout, 'company').slice(0, 200);
  const address = textOf(row, layout, 'address').slice(0, 300);
  const phone = textOf(row, layout, 'phone').slice(0, 50);
  const website = textOf(row, layout, 'website').slice(0, 500);
  if (!name && !phone && !website) return null;
  return { name: name || null, address: address || null, phone: phone || null, website: website || null };
}

/** How the ledgers recognise a row: its Tsugi id, or for a row without one, what it says. */
export function identityOf(row: CellValue[], layout: Layout): string | null {
  const id = idOf(row, layout);
  if (id) return id;
  const known = knownRowOf(row, layout);
  return known ? `c:${[known.name, known.address, known.phone, known.website].map((v) => (v ?? '').normalize('NFKC')).join('|')}` : null;
}

export const statusOf = (row: CellValue[], layout: Layout): StatusCode | null => statusFromCell(textOf(row, layout, 'status'));
export const reasonOf = (row: CellValue[], layout: Layout): OutcomeReason | null => reasonFromCell(textOf(row, layout, 'reason'));
export const revisitDayOf = (row: CellValue[], layout: Layout, timeZone: string) =>
  cellDay(cellOf(row, layout, 'revisitOn'), timeZone);

/** The width new rows are written with: every header, Tsugi's and the owner's. */
export const rowWidth = (layout: Layout) => layout.headers.length;

/** A fresh lead as a row of the tab described by `layout`. */
export function leadRow(lead: Lead, layout: Layout, today: string, locale: Locale): CellValue[] {
  const cells: Partial<Record<ColumnKey, CellValue>> = {
    company: asText(lead.name),
    industry: asText(lead.primaryTypeLabel ?? lead.industry),
    area: asText(lead.area),
    address: asText(lead.address),
    phone: asText(lead.phone),
    website: asText(lead.website),
    mapsUrl: asText(lead.googleMapsUrl),
    rating: lead.rating ?? '',
    reviews: lead.reviewCount,
    employees: lead.employees ?? '',
    legalName: asText(lead.legalName),
    corporateNumber: asText(lead.corporateNumber),
    establishedOn: dayCell(lead.establishedDate ?? null),
    newlyEstablished: lead.newlyEstablished ? (locale === 'ja' ? '新設' : 'New') : '',
    emails: asText(lead.emails.join(', ')),
    contactForm: asText(lead.contactForm),
    newListing: lead.newlyListed ? (locale === 'ja' ? '新着' : 'New') : '',
    addedOn: dayCell(today),
    status: STATUS_LABELS.new[locale],
    reason: '',
    memo: '',
    revisitOn: '',
    id: lead.id,
  };
  return place(cells, layout);
}

/**
 * A row carried to another tab: Tsugi's columns by key, the owner's own columns by header text
 * (the destination must have them; see ensureColumns), then `changes` applied on top.
 */
export function carryRow(
  values: CellValue[],
  from: Layout,
  to: Layout,
  changes: Partial<Record<ColumnKey, CellValue>>,
): CellValue[] {
  const row: CellValue[] = new Array(rowWidth(to)).fill('');
  const keyAt = new Map(Object.entries(from.columns).map(([key, index]) => [index, key as ColumnKey]));
  from.headers.forEach((header, index) => {
    const value = values[index];
    if (value === undefined || value === '') return;
    const key = keyAt.get(index);
    const target = key ? to.columns[key] : ownerColumn(to, header);
    if (target !== undefined) row[target] = reescape(value);
  });
  for (const [key, value] of Object.entries(changes) as [ColumnKey, CellValue][]) {
    const target = to.columns[key];
    if (target !== undefined) row[target] = value;
  }
  return row;
}

/** Headers of the owner's columns in `from` that `to` lacks (they must be added before a move). */
export function missingOwnerHeaders(from: Layout, to: Layout): string[] {
  const tsugi = new Set(Object.values(from.columns));
  return from.headers.filter((header, index) => header && !tsugi.has(index) && ownerColumn(to, header) === undefined);
}

function ownerColumn(layout: Layout, header: string): number | undefined {
  const tsugi = new Set(Object.values(layout.columns));
  const index = layout.headers.findIndex((h, i) => h === header && !tsugi.has(i));
  return index < 0 ? undefined : index;
}

/** Values read back are already parsed; text that would re-parse as a formula or number stays text. */
const reescape = (value: CellValue): CellValue => (typeof value === 'string' ? asText(value) : value);

function place(cells: Partial<Record<ColumnKey, CellValue>>, layout: Layout): CellValue[] {
  const row: CellValue[] = new Array(rowWidth(layout)).fill('');
  for (const [key, value] of Object.entries(cells) as [ColumnKey, CellValue][]) {
    const index = layout.columns[key];
    if (index !== undefined) row[index] = value;
  }
  return row;
}

/** The attributes an outcome is analysed by, as the row shows them. */
export function segmentOf(row: CellValue[], layout: Layout): Segment {
  const number = (key: ColumnKey) => cellNumber(cellOf(row, layout, key));
  const text = (key: ColumnKey) => textOf(row, layout, key).slice(0, 80) || null;
  const employees = number('employees');
  const rating = number('rating');
  const reviews = number('reviews');
  const isLead = (idOf(row, layout) ?? '').startsWith('ld_');
  return {
    employees: employees !== null && employees >= 0 ? Math.round(employees) : null,
    industry: text('industry'),
    area: text('area'),
    // Rows from Tsugi say whether they were new listings; rows the owner typed do not know.
    newListing: layout.columns.newListing === undefined || !isLead ? null : textOf(row, layout, 'newListing') !== '',
    // 新設 is only known for Tsugi leads whose company was found in the registry (法人番号 known):
    // a marker says newly established, a blank beside a corporate number says not.
    newlyEstablished:
      layout.columns.newlyEstablished === undefined || !isLead
        ? null
        : textOf(row, layout, 'newlyEstablished') !== ''
          ? true
          : textOf(row, layout, 'corporateNumber') !== ''
            ? false
            : null,
    rating: rating !== null && rating >= 0 && rating <= 5 ? rating : null,
    reviews: reviews !== null && reviews >= 0 ? Math.round(reviews) : null,
  };
}
