// A tagged row's verdict as the API takes it (POST /v1/outcomes), and which verdicts are new.
import type { Outcome } from '../../shared/contract.ts';
import type { CellValue } from './apps-script.ts';
import { outcomeStatus } from './columns.ts';
import { fingerprint } from './ledger.ts';
import type { Layout } from './layout.ts';
import { identityOf, reasonOf, segmentOf, statusOf } from './rows.ts';

export interface Verdict {
  outcome: Outcome;
  /** Of the row's identity as the sheet holds it (id, or content for a row without one), status and reason. */
  fingerprint: string;
}

/** The verdict a row carries, or null (a working status, or no way to identify the row). */
export function verdictOf(row: CellValue[], layout: Layout, leadId: string | null, at: Date): Verdict | null {
  const status = outcomeStatus(statusOf(row, layout));
  const identity = identityOf(row, layout);
  if (!status || !leadId || !identity) return null;
  const reason = status === 'rejected' ? reasonOf(row, layout) : null;
  return {
    outcome: { leadId, status, reason, at: at.toISOString(), segment: segmentOf(row, layout) },
    fingerprint: verdictPrint(identity, status, reason),
  };
}

export const verdictPrint = (identity: string, status: string, reason: string | null) => fingerprint(`${identity}|${status}|${reason ?? ''}`);

/** Of the verdicts in the sheet, those the API has not had; and the ledger entries still in use. */
export function unsentVerdicts(verdicts: Verdict[], ledger: Set<string>): { unsent: Verdict[]; keep: Set<string> } {
  const keep = new Set<string>();
  const unsent: Verdict[] = [];
  const seen = new Set<string>();
  for (const verdict of verdicts) {
    if (seen.has(verdict.fingerprint)) continue;
    seen.add(verdict.fingerprint);
    if (ledger.has(verdict.fingerprint)) keep.add(verdict.fingerprint);
    else unsent.push(verdict);
  }
  return { unsent, keep };
}
