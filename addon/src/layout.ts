// Where Tsugi's columns are in a tab, found by header text, never by position: the owner may
// reorder, insert, rename and add columns. A renamed column is recognised from the layout seen last
// time (its neighbours did not move with it), and the id column is also recognised by its values.
import type { CellValue } from './apps-script.ts';
import { cellText } from './cells.ts';
import { columnForHeader, TSUGI_ID, type ColumnKey } from './columns.ts';

export interface Layout {
  /** 0-based index of the header row in the tab's values (a title row may sit above it). */
  headerIndex: number;
  /** The header texts, as read (trailing empty headers dropped). */
  headers: string[];
  /** 0-based column index of each Tsugi column found. */
  columns: Partial<Record<ColumnKey, number>>;
}

/** What the add-on remembers of a tab's header between runs (DocumentProperties). */
export interface RememberedLayout {
  headers: string[];
  keys: (ColumnKey | null)[];
}

const HEADER_SEARCH_ROWS = 10;

/** The header row: the first of the top rows naming at least two Tsugi columns (or the id column). */
export function findHeaderIndex(values: CellValue[][], remembered: RememberedLayout | null): number {
  const known = rememberedNames(remembered);
  for (let index = 0; index < Math.min(values.length, HEADER_SEARCH_ROWS); index++) {
    const keys = values[index]!.map((cell) => keyForHeader(cellText(cell), known)).filter((key) => key !== null);
    if (keys.length >= 2 || keys.includes('id')) return index;
  }
  return 0;
}

export function resolveLayout(values: CellValue[][], remembered: RememberedLayout | null): Layout {
  const headerIndex = findHeaderIndex(values, remembered);
  const headers = trimTrailing((values[headerIndex] ?? []).map((cell) => cellText(cell)));
  const known = rememberedNames(remembered);
  const columns: Partial<Record<ColumnKey, number>> = {};
  headers.forEach((header, index) => {
    const key = keyForHeader(header, known);
    if (key && columns[key] === undefined) columns[key] = index;
  });
  if (remembered) matchRenamed(headers, remembered, columns);
  if (columns.id === undefined) {
    const byValues = idColumnByValues(values.slice(headerIndex + 1), headers.length);
    if (byValues !== null && !Object.values(columns).includes(byValues)) columns.id = byValues;
  }
  return { headerIndex, headers, columns };
}

export function rememberLayout(layout: Layout): RememberedLayout {
  const keyAt = new Map(Object.entries(layout.columns).map(([key, index]) => [index, key as ColumnKey]));
  return { headers: layout.headers, keys: layout.headers.map((_, index) => keyAt.get(index) ?? null) };
}

/** Headers the owner gave Tsugi's columns (renames learned on an earlier run). */
function rememberedNames(remembered: RememberedLayout | null): Map<string, ColumnKey> {
  const names = new Map<string, ColumnKey>();
  remembered?.keys.forEach((key, index) => {
    const header = remembered.headers[index];
    if (key && header) names.set(header, key);
  });
  return names;
}

function keyForHeader(header: string, remembered: Map<string, ColumnKey>): ColumnKey | null {
  if (!header) return null;
  return remembered.get(header) ?? columnForHeader(header);
}

/**
 * A Tsugi column missing by name was renamed in place if, between the nearest neighbours that kept
 * their headers, exactly one column is unaccounted for, then and now.
 */
function matchRenamed(headers: string[], remembered: RememberedLayout, columns: Partial<Record<ColumnKey, number>>) {
  const newIndexOf = new Map<number, number>();
  remembered.headers.forEach((header, oldIndex) => {
    if (!header) return;
    const matches = headers.flatMap((h, i) => (h === header ? [i] : []));
    if (matches.length === 1) newIndexOf.set(oldIndex, matches[0]!);
  });
  const taken = new Set<number>([...newIndexOf.values(), ...(Object.values(columns) as number[])]);
  remembered.keys.forEach((key, oldIndex) => {
    if (!key || columns[key] !== undefined || newIndexOf.has(oldIndex)) return;
    let left = oldIndex - 1;
    while (left >= 0 && !newIndexOf.has(left)) left--;
    let right = oldIndex + 1;
    while (right < remembered.headers.length && !newIndexOf.has(right)) right++;
    if (right - left !== 2) return; // more than one old column unaccounted for here: ambiguous
    const from = left >= 0 ? newIndexOf.get(left)! : -1;
    const to = right < remembered.headers.length ? newIndexOf.get(right)! : headers.length;
    const candidates: number[] = [];
    for (let i = from + 1; i < to; i++) if (!taken.has(i) && headers[i] && !columnForHeader(headers[i]!)) candidates.push(i);
    if (candidates.length === 1) {
      columns[key] = candidates[0]!;
      taken.add(candidates[0]!);
    }
  });
}

/** The column whose non-empty cells are all Tsugi ids (the id column, whatever its header says). */
function idColumnByValues(rows: CellValue[][], width: number): number | null {
  for (let column = 0; column < width; column++) {
    let ids = 0;
    let other = 0;
    for (const row of rows) {
      const text = cellText(row[column]);
      if (!text) continue;
      if (TSUGI_ID.test(text)) ids++;
      else other++;
    }
    if (ids > 0 && other === 0) return column;
  }
  return null;
}

function trimTrailing(headers: string[]): string[] {
  let end = headers.length;
  while (end > 0 && !headers[end - 1]) end--;
  return headers.slice(0, end);
}
