// The shape of a benchmark member, shared by the harness (run.ts) and its members.

export interface BenchModule<R extends object = object> {
  /** Key of the member's result in `--json` output, and the name `--only` takes. */
  name: string;
  run(): Promise<R>;
  /** Human-readable report of a result (several lines, no trailing newline). */
  table(result: R): string;
  /** Targets the result misses, as readable lines (for `--check`). */
  missedTargets?(result: R): string[];
}

/** A measured value against its target. */
export interface Target {
  value: number;
  target: string;
  ok: boolean;
}

export const atLeast = (value: number, min: number): Target => ({ value, target: `≥ ${min}`, ok: value >= min });
export const atMost = (value: number, max: number): Target => ({ value, target: `≤ ${max}`, ok: value <= max });

/** A simple aligned text table. */
export function textTable(rows: (string | number)[][]): string {
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)));
  const widths: number[] = [];
  for (const row of cells) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return cells.map((row) => row.map((cell, i) => cell + ' '.repeat((widths[i] ?? 0) - width(cell))).join('  ').trimEnd()).join('\n');
}

function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  return Math.abs(n) >= 100 ? n.toFixed(1) : Math.abs(n) >= 1 ? n.toFixed(3) : n.toFixed(4);
}

// East Asian wide characters take two columns in a terminal.
function width(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}
