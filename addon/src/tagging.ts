// Tagging the rows the owner selected, from the sidebar: 失注 (with a reason) and 保留 move リスト rows
// to 保留 with a 再訪日; 成約 stays in (or comes back to) リスト. Each verdict goes to the API at once;
// if that fails, the next refresh sends it (see outcome-ledger.ts).
import type { OutcomeReason } from '../../shared/contract.ts';
import type { ApiClient } from './api-client.ts';
import type { CellValue } from './apps-script.ts';
import { asText, dayCell } from './cells.ts';
import { REASON_LABELS, STATUS_LABELS, type ColumnKey, type TabKey } from './columns.ts';
import { AddonError } from './errors.ts';
import { readLedger } from './ledger.ts';
import { identifyOwnerRows, nextRevisit, sendVerdicts, type RefreshOptions } from './refresh.ts';
import { verdictOf, type Verdict } from './verdicts.ts';
import { carryRow, dataRows, idOf, missingOwnerHeaders, revisitDayOf, textOf, type SheetRow } from './rows.ts';
import type { TagRequest } from './sidebar-contract.ts';
import { appendRows, deleteRows, findSheet, prepareTab, readTab, type SheetContext } from './tabs.ts';

export interface TagSummary {
  tagged: number;
  moved: number;
  /** The tab the moved rows went to. */
  movedTo: TabKey | null;
  outcomesError: string | null;
}

export function tagSelection(ctx: SheetContext, api: ApiClient, request: TagRequest, options: RefreshOptions): TagSummary {
  if (request.status === 'rejected' && !request.reason) throw new AddonError('REASON_REQUIRED');
  // The sidebar sends only these; anything else would fail half-way through the move.
  if (!['rejected', 'held', 'won'].includes(request.status) || (request.status === 'rejected' && !Object.prototype.hasOwnProperty.call(REASON_LABELS, request.reason!))) {
    throw new AddonError('INVALID_REQUEST', `Unknown tag: ${String(request.status)} ${String(request.reason ?? '')}`.trim());
  }
  const active = ctx.ss.getActiveSheet();
  const source: TabKey | null = [('leads' as const), ('held' as const)].find(
    (key) => findSheet(ctx, key)?.getSheetId() === active.getSheetId(),
  ) ?? null;
  if (!source) throw new AddonError('NOT_A_TSUGI_TAB');

  const selected = selectedRowNumbers(ctx);
  const tabs = { leads: readTab(ctx, 'leads'), held: readTab(ctx, 'held') };
  const from = tabs[source];
  if (dataRows(from.values, from.layout).every((row) => !selected.has(row.sheetRow))) throw new AddonError('NO_ROWS_SELECTED');
  const rows = dataRows(from.values, from.layout).filter((row) => selected.has(row.sheetRow));
  const chosen = new Set(rows.map((row) => row.values));
  const ids = identifyOwnerRows(ctx, api, [from], (row) => chosen.has(row.values), { prune: false });

  const moveTo: TabKey | null =
    request.status === 'won' ? (source === 'held' ? 'leads' : null) : source === 'leads' ? 'held' : null;
  const changesFor = (row: SheetRow): Partial<Record<ColumnKey, CellValue>> => {
    const changes: Partial<Record<ColumnKey, CellValue>> = {
      status: STATUS_LABELS[request.status][ctx.locale],
      reason: request.status === 'rejected' ? REASON_LABELS[request.reason as OutcomeReason][ctx.locale] : '',
    };
    const memo = request.memo?.trim().slice(0, 500);
    if (memo) {
      const existing = textOf(row.values, from.layout, 'memo');
      changes.memo = asText(existing ? `${existing}\n${memo}` : memo);
    }
    const assigned = ids.get(row.values);
    if (assigned) changes.id = assigned;
    if (moveTo === 'held') changes.revisitOn = dayCell(nextRevisit(revisitDayOf(row.values, from.layout, options.timeZone), options));
    return changes;
  };

  const verdicts: Verdict[] = [];
  if (moveTo) {
    const destination = tabs[moveTo];
    const present = new Set(dataRows(destination.values, destination.layout).flatMap((row) => idOf(row.values, destination.layout) ?? []));
    const target = prepareTab(ctx, destination, missingOwnerHeaders(from.layout, destination.layout));
    // A row already in the destination (an earlier tag stopped before deleting) is only removed.
    const carried = rows
      .filter((row) => !present.has(idOf(row.values, from.layout) ?? ids.get(row.values) ?? ''))
      .map((row) => carryRow(row.values, from.layout, target.layout, changesFor(row)));
    appendRows(ctx, target, carried);
    deleteRows(ctx, from.sheet!, rows.map((row) => row.sheetRow));
    for (const written of carried) {
      // The segment is read from the row as the sheet stores it, not as escaped for writing
      // ('30人 would read as no employee count, '3Dプリント as an industry with an apostrophe).
      const row = written.map(asStored);
      const verdict = verdictOf(row, target.layout, idOf(row, target.layout), options.now);
      if (verdict) verdicts.push(verdict);
    }
  } else {
    for (const row of rows) {
      const updated = [...row.values];
      for (const [key, value] of Object.entries(changesFor(row)) as [ColumnKey, CellValue][]) {
        const column = from.layout.columns[key];
        if (column === undefined) continue;
        updated[column] = value;
        from.sheet!.getRange(row.sheetRow, column + 1, 1, 1).setValues([[value]]);
      }
      const verdict = verdictOf(updated, from.layout, idOf(updated, from.layout) ?? ids.get(row.values) ?? null, options.now);
      if (verdict) verdicts.push(verdict);
    }
  }
  const { outcomesError } = sendVerdicts(ctx, api, verdicts, readLedger(ctx.props, 'outcomes'), { prune: false });
  return { tagged: rows.length, moved: moveTo ? rows.length : 0, movedTo: moveTo, outcomesError };
}

/** A cell written with asText as Sheets keeps it: the leading apostrophe only marks text as text. */
const asStored = (value: CellValue): CellValue => (typeof value === 'string' && value.startsWith("'") ? value.slice(1) : value);

/** 1-based rows of the active selection (every range of a multi-range selection). */
function selectedRowNumbers(ctx: SheetContext): Set<number> {
  const rows = new Set<number>();
  for (const range of ctx.ss.getActiveRangeList()?.getRanges() ?? []) {
    const first = range.getRow();
    for (let row = first; row < first + range.getNumRows(); row++) rows.add(row);
  }
  return rows;
}

