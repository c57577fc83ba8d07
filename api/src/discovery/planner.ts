// Which way to buy the lead fields of the places new to a tenant, per cell of the sweep. Re-running
// a cell's Text Search with the lead's fields costs one Enterprise request per page of ≤ 20 places
// ($35/1000: $0.00175 a place when the page is full of places we need); one Place Details
// Enterprise call costs $20/1000 per place. The free IDs-only sweep tells how many places a cell
// holds and which of them are new, so each cell can be bought the cheaper way. Pure.
import { DEFAULT_PRICES_USD_PER_1000, costUsd, type Sku } from '../places/sku.ts';
import { PAGE_SIZE, RESULT_CAP } from './sweep.ts';

// The Details mask is the pipeline's own (re-exported as a live binding: no copy to drift, and no
// evaluation-order trap, since detail.ts imports this module too).
export { LEAD_FIELD_MASK } from '../pipeline/detail.ts';
import { LEAD_FIELD_MASK } from '../pipeline/detail.ts';

/**
 * Text Search mask returning what Details returns for a lead (LEAD_FIELD_MASK, the same fields
 * with `places.`), plus `openingDate` for the newness signal (a Pro field: free under an
 * Enterprise mask), plus the page token. A test keeps the two lists in step.
 */
export const LEAD_SEARCH_FIELD_MASK = [
  'places.id',
  'places.displayName',
  'places.formattedAddress',
  'places.nationalPhoneNumber',
  'places.websiteUri',
  'places.googleMapsUri',
  'places.types',
  'places.primaryType',
  'places.primaryTypeDisplayName',
  'places.rating',
  'places.userRatingCount',
  'places.businessStatus',
  'places.movedPlaceId',
  'places.openingDate',
  'nextPageToken',
].join(',');

const SEARCH_SKU: Sku = 'text_search_enterprise';
const DETAILS_SKU: Sku = 'place_details_enterprise';

/** One cell of a sweep: how many ids it holds, and which of them the tenant still needs. */
export interface CellNeed {
  cellKey: string;
  /** Ids the cell's IDs-only search returned (a full-field re-run returns as many). */
  totalIds: number;
  /** Ids new to the tenant whose lead fields we need. */
  wanted: string[];
}

export interface DetailPlan {
  /** Cells to re-run with LEAD_SEARCH_FIELD_MASK (every page). */
  pageCells: string[];
  /** Ids to read with Place Details (LEAD_FIELD_MASK). */
  detailIds: string[];
  estimatedUsd: number;
}

export interface PlanOptions {
  /**
   * Expected share of a cell's wanted ids that a full-field re-run leaves out (results jitter);
   * those must then be read with Details too, so a cell is paged only if that still wins.
   * `estimateDropRate(leaves)` measures it from the sweep. Default 0.
   */
  pageMissRate?: number;
}

/** Requests a full-field re-run of a cell costs; Infinity when paging cannot return them all. */
export function pagesFor(totalIds: number, wantedCount = 0): number {
  const ids = Math.max(totalIds, wantedCount);
  // A capped cell (a leaf at the size floor) shows only 60 of its places: paging it would not
  // reliably return the wanted ones.
  if (ids > RESULT_CAP) return Number.POSITIVE_INFINITY;
  return Math.ceil(ids / PAGE_SIZE);
}

/**
 * Per cell, the cheaper of paging the cell and Details per wanted id (ties go to Details, which
 * never over-fetches). Cells with nothing wanted cost nothing. An id wanted in two cells (a place
 * on a shared edge) is bought once.
 */
export function planDetails(
  cells: CellNeed[],
  prices: Readonly<Record<Sku, number>> = DEFAULT_PRICES_USD_PER_1000,
  options: PlanOptions = {},
): DetailPlan {
  const missRate = Math.min(1, Math.max(0, options.pageMissRate ?? 0));
  const assigned = new Set<string>();
  const plan: DetailPlan = { pageCells: [], detailIds: [], estimatedUsd: 0 };
  for (const cell of cells) {
    const wanted = [...new Set(cell.wanted)].filter((id) => !assigned.has(id));
    if (wanted.length === 0) continue;
    wanted.forEach((id) => assigned.add(id));
    const details = costUsd(DETAILS_SKU, wanted.length, prices);
    const pages = pagesFor(cell.totalIds, wanted.length);
    const paging = Number.isFinite(pages) ? costUsd(SEARCH_SKU, pages, prices) + missRate * details : Number.POSITIVE_INFINITY;
    if (paging < details) {
      plan.pageCells.push(cell.cellKey);
      plan.estimatedUsd += paging;
    } else {
      plan.detailIds.push(...wanted);
      plan.estimatedUsd += details;
    }
  }
  return plan;
}

/**
 * The same rule with perfect knowledge (an oracle that knows each cell's true ids and that a
 * re-run returns all of them): the least the lead fields of these cells can cost.
 */
export function floorUsd(cells: CellNeed[], prices: Readonly<Record<Sku, number>> = DEFAULT_PRICES_USD_PER_1000): number {
  return planDetails(cells, prices).estimatedUsd;
}
