// Dedupe benchmark: 100,000 synthetic company records — the Places emulator's day-0 businesses,
// namesakes of each in two other cities, neighbours in shared buildings, firms behind one 0120
// number, each written once or several times the ways people and Maps write them (see
// test/fixtures/dedupe/synthetic.ts) — deterministic for the seed.
//  - speed: clusterRecords over all of them (after a warm-up run): median of 3 runs, ms; then,
//    on a run of its own from a forced GC, the heap growth (the larger of used and committed
//    heap growth: a lower bound of the peak; the typed arrays of the clustering, ~60 bytes a
//    record, live outside the JS heap) and what stays after the next GC. Timed in a worker thread,
//    a fresh V8 isolate holding only the records, as a Worker isolate would: in this process
//    the emulator's world (~200 MB of heap) makes every GC dearer, so the same runs here are
//    reported too (msInProcess).
//  - quality: pair precision and recall of clusterRecords against the truth, and of the exact
//    keys alone (records joined when they share a matchKeys key: what the Worker's known list
//    does), with matchKeys' own time.
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { matchKeys } from '../../api/src/dedupe/keys.ts';
import { clusterRecords } from '../../api/src/dedupe/match.ts';
import { getWorld } from '../emulators/places/dataset.ts';
import { Rng } from '../emulators/places/random.ts';
import { buildEntities, pairMetrics, writeRecord, writeRecords, type LabelledRecord } from '../fixtures/dedupe/synthetic.ts';
import { atLeast, atMost, textTable, type BenchModule, type Target } from './types.ts';

const SEED = 20261124;
const RECORDS = 100_000;
const RUNS = 3;
const TARGET_MS = 1000;

const round = (n: number, digits = 4): number => Number(n.toFixed(digits));
const mb = (bytes: number): number => round(bytes / 1024 / 1024, 1);

/** A garbage collector to call, when V8 lets us expose one (otherwise heap figures are noisier). */
function collector(): (() => void) | null {
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    return typeof gc === 'function' ? (gc as () => void) : null;
  } catch {
    return null;
  }
}

export function benchRecords(): LabelledRecord[] {
  // Day 0 only: other members advance the shared world, and this set must not depend on them.
  const businesses = getWorld().businesses.filter((b) => b.openDay <= 0);
  const rng = Rng.derive(SEED, 'dedupe-bench');
  const entities = buildEntities(rng, businesses, { namesakes: 2, neighbourRate: 0.05, tollFreeGroups: 50 });
  const records = writeRecords(rng, entities, { duplicateRate: 0.45, maxExtra: 2, hardRate: 0.04, limit: RECORDS });
  while (records.length < RECORDS) records.push(writeRecord(rng, rng.pick(entities), 0.04));
  return records;
}

/** Clusters by shared exact keys alone (union-find over matchKeys), and how long the keys took. */
function keyClusters(records: readonly LabelledRecord[]): { ids: string[]; ms: number; keysPerRecord: number } {
  const parent = Int32Array.from(records, (_, i) => i);
  const find = (x: number): number => {
    let node = x;
    while (parent[node] !== node) node = parent[node] = parent[parent[node] as number] as number;
    return node;
  };
  const started = performance.now();
  const keys = records.map((record) => matchKeys(record));
  const ms = performance.now() - started;
  const first = new Map<string, number>();
  let total = 0;
  keys.forEach((list, i) => {
    total += list.length;
    for (const key of list) {
      const j = first.get(key);
      if (j === undefined) first.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  return { ids: records.map((_, i) => String(find(i))), ms, keysPerRecord: total / records.length };
}

export interface DedupeBenchResult {
  records: number;
  companies: number;
  /** Median of the timed runs, in a fresh isolate when `isolated`. */
  ms: number;
  msRuns: number[];
  isolated: boolean;
  /** The same runs in the harness's own process, beside the emulator's world. */
  msInProcess: number;
  recordsPerSecond: number;
  peakHeapMb: number;
  retainedHeapMb: number;
  gcForced: boolean;
  clusters: number;
  truePairs: number;
  predictedPairs: number;
  precision: number;
  recall: number;
  keys: { ms: number; keysPerRecord: number; precision: number; recall: number };
  targets: { ms: Target; precision: Target; recall: Target };
}

interface Timing {
  runs: number[];
  peakHeapBytes: number;
  retainedHeapBytes: number;
  gcForced: boolean;
  ids: string[];
}

/** Times clusterRecords in this thread: a warm-up run, RUNS timed runs, one run for the heap. */
function timeClustering(records: readonly LabelledRecord[]): Timing {
  const input = records as LabelledRecord[];
  const gc = collector();
  clusterRecords(input); // warm-up (JIT, regex compilation, lookup caches)
  const runs: number[] = [];
  let ids: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    ids = clusterRecords(input);
    runs.push(performance.now() - started);
  }
  // Memory on a run of its own, from a collected heap (forcing a GC before the timed runs would
  // time the heap's regrowth too). The isolate's own heap, not the process's.
  // The heap the isolate had to commit for the run is the better witness of its peak: V8 grows
  // it to hold what is live at once and does not give it back within the run.
  gc?.();
  const before = getHeapStatistics();
  clusterRecords(input);
  const after = getHeapStatistics();
  const peakHeapBytes = Math.max(after.used_heap_size - before.used_heap_size, after.total_heap_size - before.total_heap_size);
  gc?.();
  return { runs, peakHeapBytes, retainedHeapBytes: getHeapStatistics().used_heap_size - before.used_heap_size, gcForced: gc !== null, ids };
}

/** timeClustering in a worker thread (a fresh isolate); null when one cannot be started. */
function timeInIsolate(records: readonly LabelledRecord[]): Promise<Timing | null> {
  collector(); // flags are per process: expose gc before the isolate starts
  // The worker loads this file through tsx, as the harness does.
  const entry = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); })`;
  return new Promise((resolve) => {
    let worker: Worker;
    try {
      worker = new Worker(entry, { eval: true, workerData: { dedupeBench: true, records } });
    } catch {
      resolve(null);
      return;
    }
    worker.once('message', (timing: Timing) => {
      resolve(timing);
      void worker.terminate();
    });
    worker.once('error', (err) => {
      process.stderr.write(`[bench] dedupe: no worker thread (${err.message}); timing in process only\n`);
      resolve(null);
    });
  });
}

if (!isMainThread && (workerData as { dedupeBench?: boolean } | null)?.dedupeBench === true) {
  parentPort?.postMessage(timeClustering((workerData as { records: LabelledRecord[] }).records));
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function runDedupeBench(): Promise<DedupeBenchResult> {
  const records = benchRecords();
  const truth = records.map((r) => r.truth);
  const isolated = await timeInIsolate(records);
  const inProcess = timeClustering(records);
  const timing = isolated ?? inProcess;
  const ms = median(timing.runs);
  const quality = pairMetrics(truth, timing.ids);
  const keys = keyClusters(records);
  const keyQuality = pairMetrics(truth, keys.ids);
  return {
    records: records.length,
    companies: new Set(truth).size,
    ms: round(ms, 0),
    msRuns: timing.runs.map((r) => round(r, 0)),
    isolated: isolated !== null,
    msInProcess: round(median(inProcess.runs), 0),
    recordsPerSecond: round(records.length / (ms / 1000), 0),
    peakHeapMb: mb(timing.peakHeapBytes),
    retainedHeapMb: mb(timing.retainedHeapBytes),
    gcForced: timing.gcForced,
    clusters: new Set(timing.ids).size,
    truePairs: quality.truePairs,
    predictedPairs: quality.predictedPairs,
    precision: round(quality.precision),
    recall: round(quality.recall),
    keys: { ms: round(keys.ms, 0), keysPerRecord: round(keys.keysPerRecord, 2), precision: round(keyQuality.precision), recall: round(keyQuality.recall) },
    targets: {
      ms: atMost(round(ms, 0), TARGET_MS),
      precision: atLeast(round(quality.precision), 0.99),
      recall: atLeast(round(quality.recall), 0.97),
    },
  };
}

function table(r: DedupeBenchResult): string {
  const mark = (t: Target) => (t.ok ? 'ok' : 'MISSED');
  return [
    textTable([
      ['records', r.records, '', ''],
      ['companies (truth)', r.companies, '', ''],
      ['clusters found', r.clusters, '', ''],
      [`clusterRecords ms (median${r.isolated ? ', fresh isolate' : ''})`, r.ms, r.targets.ms.target, mark(r.targets.ms)],
      ['  runs ms', r.msRuns.join(' / '), '', ''],
      ['  ms in the harness process', r.msInProcess, '', ''],
      ['  records / s', r.recordsPerSecond, '', ''],
      [`peak heap growth over a run MB${r.gcForced ? '' : ' (no forced GC)'}`, r.peakHeapMb, '', ''],
      ['heap kept after GC MB', r.retainedHeapMb, '', ''],
      ['pair precision', r.precision, r.targets.precision.target, mark(r.targets.precision)],
      ['pair recall', r.recall, r.targets.recall.target, mark(r.targets.recall)],
      ['  true / predicted pairs', `${r.truePairs} / ${r.predictedPairs}`, '', ''],
    ]),
    '',
    'exact keys alone (matchKeys, what the Worker matches on):',
    textTable([
      ['matchKeys ms (all records)', r.keys.ms],
      ['keys per record', r.keys.keysPerRecord],
      ['pair precision', r.keys.precision],
      ['pair recall', r.keys.recall],
    ]),
  ].join('\n');
}

export const dedupeBench: BenchModule<DedupeBenchResult> = {
  name: 'dedupe',
  run: runDedupeBench,
  table,
  missedTargets: (r) => Object.entries(r.targets).filter(([, t]) => !t.ok).map(([name, t]) => `${name}: ${t.value} (wanted ${t.target})`),
};
