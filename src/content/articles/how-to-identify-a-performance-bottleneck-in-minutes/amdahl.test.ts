import { describe, expect, it } from 'vitest';
import { FACTORS, ceiling, newTime, speedup } from './amdahl';

const ps = [0, 0.05, 0.12, 0.3, 0.5, 0.62, 0.9, 0.99];

describe("Amdahl's law", () => {
  it('is 1 / ((1 − p) + p / N)', () => {
    for (const p of ps) for (const n of [1, 2, 10, 1000]) expect(speedup(p, n)).toBeCloseTo(1 / (1 - p + p / n), 12);
  });

  it('gives nothing for N = 1 or p = 0', () => {
    for (const p of ps) expect(speedup(p, 1)).toBe(1);
    for (const n of FACTORS) expect(speedup(0, n)).toBe(1);
  });

  it('never exceeds 1 / (1 − p), and reaches it only when the part takes no time', () => {
    for (const p of ps) {
      for (const n of [...FACTORS, 1e6, 1e12]) expect(speedup(p, n)).toBeLessThanOrEqual(ceiling(p) * (1 + 1e-12));
      if (p > 0) expect(speedup(p, 1e6)).toBeLessThan(ceiling(p));
      expect(speedup(p, Infinity)).toBeCloseTo(ceiling(p), 12);
    }
  });

  it('grows with N but ever more slowly', () => {
    for (const p of ps.filter((x) => x > 0)) {
      const s = FACTORS.map((n) => speedup(p, n));
      s.slice(1).forEach((v, i) => expect(v).toBeGreaterThan(s[i]!));
    }
  });

  it("matches the article's table: a 1,000 ms request, database 62% made 10× faster", () => {
    expect(newTime(1000, 0.62, 10)).toBeCloseTo(442, 9);
    expect(newTime(1000, 0.12, Infinity)).toBeCloseTo(880, 9);
  });
});
