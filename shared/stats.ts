// Small exact statistics for the insight engine: Fisher's exact test (one-sided), Holm's
// step-down adjustment, and a seeded random generator for permutation tests. Pure.

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let k = logFactorials.length; k <= n; k++) logFactorials[k] = logFactorials[k - 1]! + Math.log(k);
  return logFactorials[n]!;
}
const logChoose = (n: number, k: number) => logFactorial(n) - logFactorial(k) - logFactorial(n - k);

/**
 * One-sided Fisher exact test that group 1 wins less often than group 2: P(X ≤ won1) for X the
 * number of wins group 1 would get if the wins fell at random among both groups (hypergeometric).
 */
export function fisherLess(won1: number, lost1: number, won2: number, lost2: number): number {
  const n1 = won1 + lost1;
  const wins = won1 + won2;
  const total = n1 + won2 + lost2;
  const low = Math.max(0, n1 - (total - wins));
  const denominator = logChoose(total, n1);
  let p = 0;
  for (let x = low; x <= won1; x++) p += Math.exp(logChoose(wins, x) + logChoose(total - wins, n1 - x) - denominator);
  return Math.min(1, p);
}

/** Holm's step-down adjustment: adjusted p-values in the input order (family-wise error ≤ α). */
export function holm(pValues: number[]): number[] {
  const order = pValues.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  const adjusted = new Array<number>(pValues.length);
  let running = 0;
  order.forEach(([p, index], rank) => {
    running = Math.max(running, Math.min(1, (pValues.length - rank) * p));
    adjusted[index] = running;
  });
  return adjusted;
}

/** mulberry32: a small seeded generator, so permutation tests give the same answer every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffleInPlace<T>(items: T[], random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
