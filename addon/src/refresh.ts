// One refresh of the sheet, the same from the menu, the sidebar and the daily trigger: tell the
// API about the owner's own rows (once), pull a batch, bring due 保留 rows back once, move rows the
// owner marked 失注/保留 by hand, append everything with one write per tab, acknowledge, then send
// the verdicts the API has not had. Existing rows are never written: only appended and deleted.
//
// Crash safety: appends come before deletes and a moved row carries its Tsugi id, so a run stopped
// at any point is finished by the next one without loss or doubles: a row already present in the
// destination tab is not written again, only removed from the source; a batch whose leads are
// already in the sheet is simply acknowledged (the API serves an unacknowledged batch again).
import type { Notice } from '../../shared/contract.ts';
import type { ApiClient } from './api-client.ts';
import type { CellValue } from './apps-script.ts';
import { addMonths, dayCell } from './cells.ts';
import { outcomeStatus, STATUS_LABELS, type ColumnKey } from './columns.ts';
import { fingerprint, readLedger, writeLedger } from './ledger.ts';
import type { Layout } from './layout.ts';
import {
  carryRow,
  dataRows,
  identityOf,
  idOf,
  knownRowOf,
  leadRow,
  missingOwnerHeaders,
  reasonOf,
  revisitDayOf,
  statusOf,
  type SheetRow,
} from './rows.ts';
import { appendRows, deleteRows, prepareTab, readTab, type SheetContext, type Tab } from './tabs.ts';
import { unsentVerdicts, verdictOf, verdictPrint, type Verdict } from './verdicts.ts';

export interface RefreshSummary {
  added: number;
  revisits: number;
  /** Rows moved to 保留 because the owner set 失注/保留 in the dropdown. */
  reconciled: number;
  /** Leads of the batch that were already in the sheet (a crash after writing, before the ack). */
  skippedDuplicates: number;
  notices: Notice[];
  outcomesSent: number;
  /** Set when the verdicts could not be sent (they are sent with the next refresh). */
  outcomesError: string | null;
  /** Set when the batch could not be acknowledged (it comes back next time and is skipped). */
  ackError: string | null;
}

export interface RefreshOptions {
  now: Date;
  /** Today in the spreadsheet's time zone (YYYY-MM-DD). */
  today: string;
  timeZone: string;
  revisitMonths: number;
}

/** Ids the API gave rows that have none in the sheet, by the row's values array. */
export type AssignedIds = Map<CellValue[], string>;

export function refresh(ctx: SheetContext, api: ApiClient, options: RefreshOptions): RefreshSummary {
  const list = prepareTab(ctx, readTab(ctx, 'leads'));
  const held = readTab(ctx, 'held');
  const moves = planMoves(list, held, options, ctx.locale);
  const verdictLedger = readLedger(ctx.props, 'outcomes');
  const moving = new Set([...moves.revisits, ...moves.toHeld].map((move) => move.row.values));
  // Before the pull, so the API's dedupe set already holds what the owner typed in.
  const ids = identifyOwnerRows(ctx, api, [list, held], (row, tab) => moving.has(row.values) || hasUnsentVerdict(row.values, tab.layout, verdictLedger), {
    prune: true,
  });

  const batch = api.pull();
  const listIds = idSet(dataRows(list.values, list.layout), list.layout);
  const heldIds = idSet(dataRows(held.values, held.layout), held.layout);
  const inSheet = new Set([...listIds, ...heldIds]);
  const newLeads = batch.leads.filter((lead) => !inSheet.has(lead.id));

  const withId = (move: Move): Partial<Record<ColumnKey, CellValue>> => {
    const assigned = ids.get(move.row.values);
    return assigned ? { ...move.changes, id: assigned } : move.changes;
  };
  // A row the owner typed has no id where it is, but the copy an interrupted run appended carries
  // the id the API gave it (the same id again now): that copy counts as arrived too.
  const arrived = (move: Move, destination: Set<string>) => move.alreadyThere || destination.has(ids.get(move.row.values) ?? '');
  const toHeld = moves.toHeld.filter((move) => !arrived(move, heldIds));
  const carried: { values: CellValue[]; layout: Layout }[] = [];
  if (toHeld.length > 0) {
    const target = prepareTab(ctx, held, missingOwnerHeaders(list.layout, held.layout));
    const rows = toHeld.map((move) => carryRow(move.row.values, list.layout, target.layout, withId(move)));
    appendRows(ctx, target, rows);
    carried.push(...rows.map((row) => ({ values: row.map(asStored), layout: target.layout })));
  }
  const revisits = moves.revisits.filter((move) => !arrived(move, listIds));
  const listTarget = revisits.length > 0 ? prepareTab(ctx, list, missingOwnerHeaders(held.layout, list.layout)) : list;
  appendRows(ctx, listTarget, [
    ...revisits.map((move) => carryRow(move.row.values, held.layout, listTarget.layout, withId(move))),
    ...newLeads.map((lead) => leadRow(lead, listTarget.layout, options.today, ctx.locale)),
  ]);
  const heldDeletes = [...moves.revisits.map((move) => move.row), ...moves.staleHeld];
  const listDeletes = [...moves.toHeld.map((move) => move.row), ...moves.staleList];
  if (held.sheet && heldDeletes.length > 0) deleteRows(ctx, held.sheet, heldDeletes.map((row) => row.sheetRow));
  if (listDeletes.length > 0) deleteRows(ctx, list.sheet, listDeletes.map((row) => row.sheetRow));

  // The rows are in the sheet: a failed acknowledgement only means the batch comes back next
  // time, when its rows are recognised and skipped.
  let ackError: string | null = null;
  try {
    api.ack(batch.batchId);
  } catch (failure) {
    ackError = (failure as { code?: string }).code ?? 'INTERNAL';
  }

  // The verdicts as the sheet now stands: a moved row counts in its new tab, with the id it carries
  // there (a typed row has none where it was read), so its verdict is not told twice.
  const movedAway = new Set([...heldDeletes, ...listDeletes].map((row) => row.values));
  const rows = [
    ...carried,
    ...[list, held].flatMap((tab) =>
      dataRows(tab.values, tab.layout).flatMap((row) => (movedAway.has(row.values) ? [] : [{ values: row.values, layout: tab.layout }])),
    ),
  ];
  const verdicts = rows.flatMap(({ values, layout }) => verdictOf(values, layout, idOf(values, layout) ?? ids.get(values) ?? null, options.now) ?? []);
  // Typed rows whose verdict went earlier are not identified again, so they have no verdict here:
  // their ledger entries stay all the same (else the next refresh would send them again).
  const present = new Set(rows.flatMap(({ values, layout }) => verdictPrintOf(values, layout) ?? []));
  const sent = sendVerdicts(ctx, api, verdicts, verdictLedger, { prune: true, present });
  return {
    added: newLeads.length,
    revisits: revisits.length,
    reconciled: toHeld.length,
    skippedDuplicates: batch.leads.length - newLeads.length,
    notices: batch.status.notices,
    ackError,
    ...sent,
  };
}

export interface Move {
  row: SheetRow;
  changes: Partial<Record<ColumnKey, CellValue>>;
  /** The destination already has a row with this id (an earlier run stopped before deleting). */
  alreadyThere: boolean;
}

export interface MovePlan {
  /** 保留 rows whose 再訪日 has come, going back to リスト as 再訪. */
  revisits: Move[];
  /** リスト rows the owner set to 失注/保留 by hand, going to 保留. */
  toHeld: Move[];
  /**
   * Rows whose id is in both tabs because a tag stopped between its append and its delete: the
   * stale copy of each (the tag's destination keeps the row).
   */
  staleHeld: SheetRow[];
  staleList: SheetRow[];
}

/** The pure part of a refresh: which rows move where, from the two tabs as read. */
export function planMoves(list: Tab, held: Tab, options: RefreshOptions, locale: 'ja' | 'en'): MovePlan {
  const listRows = dataRows(list.values, list.layout);
  const heldRows = dataRows(held.values, held.layout);
  const listIds = idSet(listRows, list.layout);
  const heldIds = idSet(heldRows, held.layout);

  const listById = new Map(listRows.flatMap((row) => {
    const id = idOf(row.values, list.layout);
    return id ? [[id, row] as const] : [];
  }));
  const revisits: Move[] = [];
  const staleHeld: SheetRow[] = [];
  const staleList: SheetRow[] = [];
  for (const row of heldRows) {
    const due = revisitDayOf(row.values, held.layout, options.timeZone);
    const id = idOf(row.values, held.layout);
    if (!due || due > options.today) {
      const twin = id ? listById.get(id) : undefined;
      const twinStatus = twin ? statusOf(twin.values, list.layout) : null;
      // 成約 from 保留 appends to リスト; 失注/保留 from リスト appends to 保留 (and a リスト twin
      // still saying 失注/保留 is handled as a hand-tagged move below).
      if (twin && (twinStatus === 'won' || twinStatus === 'revisit')) staleHeld.push(row);
      else if (twin && twinStatus !== 'rejected' && twinStatus !== 'held') staleList.push(twin);
      continue;
    }
    // The 再訪日 stays on the row: it is how a later 失注 knows this row has had its one revisit.
    revisits.push({ row, changes: { status: STATUS_LABELS.revisit[locale] }, alreadyThere: id !== null && listIds.has(id) });
  }

  const toHeld: Move[] = [];
  for (const row of listRows) {
    const status = statusOf(row.values, list.layout);
    if (status !== 'rejected' && status !== 'held') continue;
    const id = idOf(row.values, list.layout);
    const revisitOn = nextRevisit(revisitDayOf(row.values, list.layout, options.timeZone), options);
    toHeld.push({ row, changes: { revisitOn: dayCell(revisitOn) }, alreadyThere: id !== null && heldIds.has(id) });
  }
  return { revisits, toHeld, staleHeld, staleList };
}

/**
 * When a row moved to 保留 comes back: in `revisitMonths`, unless it already came back once (its
 * 再訪日 has passed), in which case never; a date the owner set in the future is kept.
 */
export function nextRevisit(current: string | null, options: Pick<RefreshOptions, 'today' | 'revisitMonths'>): string | null {
  if (current === null) return addMonths(options.today, options.revisitMonths);
  return current > options.today ? current : null;
}

const idSet = (rows: SheetRow[], layout: Layout) => new Set(rows.map((row) => idOf(row.values, layout)).filter((id) => id !== null));

/** The ledger's fingerprint of the verdict a row shows (null for a working status). */
function verdictPrintOf(values: CellValue[], layout: Layout): string | null {
  const status = outcomeStatus(statusOf(values, layout));
  const identity = identityOf(values, layout);
  if (!status || !identity) return null;
  return verdictPrint(identity, status, status === 'rejected' ? reasonOf(values, layout) : null);
}

function hasUnsentVerdict(values: CellValue[], layout: Layout, ledger: Set<string>): boolean {
  const print = verdictPrintOf(values, layout);
  return print !== null && !ledger.has(print);
}

/** A cell written with asText as Sheets keeps it: the leading apostrophe only marks text as text. */
const asStored = (value: CellValue): CellValue => (typeof value === 'string' && value.startsWith("'") ? value.slice(1) : value);

/**
 * Rows without a Tsugi id (typed or pasted by the owner) go to /v1/known once, so their companies
 * join the tenant's dedupe set; the `known` ledger remembers which. A row is sent again when it
 * needs its id now (`wanted`: it is moving, or has a verdict to report); the API derives ids from
 * the row, so it is the same id. Ids are not written into rows that stay where they are (a refresh
 * never writes existing rows); a moved row carries its id to the other tab.
 */
export function identifyOwnerRows(
  ctx: SheetContext,
  api: ApiClient,
  tabs: Tab[],
  wanted: (row: SheetRow, tab: Tab) => boolean,
  { prune }: { prune: boolean },
): AssignedIds {
  const ledger = readLedger(ctx.props, 'known');
  const keep = new Set<string>();
  const send: { values: CellValue[]; print: string; known: NonNullable<ReturnType<typeof knownRowOf>> }[] = [];
  for (const tab of tabs) {
    for (const row of dataRows(tab.values, tab.layout)) {
      if (idOf(row.values, tab.layout)) continue;
      const known = knownRowOf(row.values, tab.layout);
      if (!known) continue;
      const print = fingerprint(identityOf(row.values, tab.layout)!);
      if (ledger.has(print)) keep.add(print);
      if (!ledger.has(print) || wanted(row, tab)) send.push({ values: row.values, print, known });
    }
  }
  const ids: AssignedIds = new Map();
  if (send.length > 0) {
    const answer = api.known(send.map((row) => row.known));
    send.forEach((row, i) => {
      ids.set(row.values, answer[i]!);
      keep.add(row.print);
    });
  }
  if (!prune) for (const print of ledger) keep.add(print);
  writeLedger(ctx.props, 'known', keep, ledger);
  return ids;
}

/** Sends the verdicts the API has not had; a failure is reported, not thrown (the next run resends). */
export function sendVerdicts(
  ctx: SheetContext,
  api: ApiClient,
  verdicts: Verdict[],
  ledger: Set<string>,
  { prune, present }: { prune: boolean; present?: Set<string> },
): { outcomesSent: number; outcomesError: string | null } {
  const { unsent, keep } = unsentVerdicts(verdicts, ledger);
  // A refresh sees every row, so it forgets verdicts of rows no longer in the sheet (`present`: the
  // prints of those still there); tagging sees a few.
  if (!prune) for (const print of ledger) keep.add(print);
  else if (present) for (const print of present) if (ledger.has(print)) keep.add(print);
  let error: string | null = null;
  if (unsent.length > 0) {
    try {
      api.outcomes(unsent.map((verdict) => verdict.outcome));
      for (const verdict of unsent) keep.add(verdict.fingerprint);
    } catch (failure) {
      error = (failure as { code?: string }).code ?? 'INTERNAL';
    }
  }
  writeLedger(ctx.props, 'outcomes', keep, ledger);
  return { outcomesSent: error ? 0 : unsent.length, outcomesError: error };
}
