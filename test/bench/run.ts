// Benchmark harness: `npm run bench` prints a table per member; `npm run bench -- --json` prints
// one JSON object `{ "<member>": {...}, ... }` and nothing else on stdout; `--only a,b` runs some
// members; `--check` exits 1 when a member reports a missed target. Progress goes to stderr.
// Members (discovery, screening, dedupe, matching, sheet) are plain objects: name, run, table.
import { parseArgs } from 'node:util';
import { dedupeBench } from './dedupe.ts';
import { discoveryBench } from './discovery.ts';
import { matchingBench } from './matching.ts';
import { screeningBench } from './screening.ts';
import { sheetBench } from './sheet.ts';
import type { BenchModule } from './types.ts';

const MEMBERS: BenchModule[] = [discoveryBench as BenchModule, screeningBench as BenchModule, dedupeBench as BenchModule, matchingBench as BenchModule, sheetBench as BenchModule];

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      json: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      check: { type: 'boolean', default: false },
    },
    allowPositionals: false,
  });
  const only = (values.only ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const unknown = only.filter((name) => !MEMBERS.some((m) => m.name === name));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench member(s): ${unknown.join(', ')}; known: ${MEMBERS.map((m) => m.name).join(', ')}\n`);
    return 2;
  }
  const selected = only.length > 0 ? MEMBERS.filter((m) => only.includes(m.name)) : MEMBERS;

  const results: Record<string, object> = {};
  let missed = 0;
  for (const member of selected) {
    const started = performance.now();
    process.stderr.write(`[bench] ${member.name}…\n`);
    const result = await member.run();
    process.stderr.write(`[bench] ${member.name} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    results[member.name] = result;
    missed += member.missedTargets?.(result).length ?? 0;
    if (!values.json) process.stdout.write(`\n== ${member.name} ==\n${member.table(result)}\n`);
  }
  if (values.json) process.stdout.write(`${JSON.stringify(results)}\n`);
  return values.check && missed > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`[bench] failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
