import { describe, expect, it } from 'vitest';
import { seeded } from './random';

describe('seeded', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = seeded(42), b = seeded(42), c = seeded(43);
    const xs = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(xs);
    expect(Array.from({ length: 5 }, c)).not.toEqual(xs);
  });
  it('stays in [0, 1) and is roughly uniform', () => {
    const r = seeded(7);
    const n = 100_000;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const x = r();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(sum / n).toBeCloseTo(0.5, 2);
  });
});
