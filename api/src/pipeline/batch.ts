// batch: the chosen leads become a pull batch, stored with their reservations in one transaction.
import type { Lead, PullBatch, PullState, Notice } from '../../../shared/contract.ts';
import { createBatch, serveOpenBatch } from '../store/batches.ts';
import { randomId } from '../store/ids.ts';
import { ApiError } from '../http/errors.ts';

export interface BatchInput {
  tenantId: string;
  now: Date;
  ttlMs: number;
  leads: Lead[];
  keyHashes: string[];
  state: PullState;
  notices: Notice[];
  /** False for a batch prepared ahead (overnight): it counts as served when a pull serves it. */
  served: boolean;
}

/** Stores the batch; if a concurrent pull stored one first, that one is served instead. */
export async function storeBatch(db: D1Database, input: BatchInput): Promise<PullBatch> {
  const batch = {
    batchId: randomId('bt'),
    tenantId: input.tenantId,
    createdAt: input.now,
    expiresAt: new Date(input.now.getTime() + input.ttlMs),
    leads: input.leads,
    keyHashes: input.keyHashes,
    status: { state: input.state, notices: input.notices },
    served: input.served,
  };
  if (await createBatch(db, batch)) {
    return {
      batchId: batch.batchId,
      createdAt: batch.createdAt.toISOString(),
      expiresAt: batch.expiresAt.toISOString(),
      replayed: false,
      leads: batch.leads,
      status: batch.status,
    };
  }
  const winner = await serveOpenBatch(db, input.tenantId, { count: input.served });
  if (winner) return winner;
  // The race was lost to a batch that is already gone (acknowledged meanwhile): try once more
  // without the leads it may have taken.
  throw new ApiError(409, 'PULL_CONFLICT', 'Another pull changed this tenant\'s leads at the same time; please pull again.');
}
