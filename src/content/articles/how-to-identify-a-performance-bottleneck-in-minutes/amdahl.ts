/**
 * Amdahl's law: make a part that takes a fraction p of the time N times faster, and the whole runs
 * 1 / ((1 − p) + p / N) times faster. The untouched part, 1 − p, is a floor no N can go below, so the
 * speedup never exceeds 1 / (1 − p).
 */

/** The overall speedup. `n` may be Infinity: the part then takes no time at all. */
export function speedup(p: number, n: number): number {
  return 1 / (1 - p + p / n);
}

/** The most any speedup of the part can give: the part made infinitely fast. */
export function ceiling(p: number): number {
  return p >= 1 ? Infinity : 1 / (1 - p);
}

/** The request's new duration after the change. */
export function newTime(totalMs: number, p: number, n: number): number {
  return totalMs * (1 - p + p / n);
}

/** The factors the calculator offers, from no change to infinitely faster. */
export const FACTORS = [1, 1.25, 1.5, 2, 3, 5, 10, 20, 50, 100, Infinity] as const;
