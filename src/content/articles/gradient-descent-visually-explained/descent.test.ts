import { describe, expect, it } from 'vitest';
import { seeded } from '../../../lib/random';
import {
  POINTS,
  cost,
  descend,
  eigen,
  gradient,
  hessian,
  levelSet,
  minimum,
  numericGradient,
  regime,
  CRAWL_STEPS,
  type Regime,
  type Theta,
} from './descent';

const J = (t: Theta) => cost(POINTS, t);
const H = hessian(POINTS);
const { large: L, small, steep } = eigen(H);
const best = minimum(POINTS);
const distance = (t: Theta) => Math.hypot(t[0] - best[0], t[1] - best[1]);
/** Signed error along the steepest direction: the component whose sign flips in a zigzag. */
const steepError = (t: Theta) => (t[0] - best[0]) * steep[0] + (t[1] - best[1]) * steep[1];

function randomThetas(seed: number, n: number): Theta[] {
  const rand = seeded(seed);
  return Array.from({ length: n }, () => [rand() * 10 - 5, rand() * 10 - 5] as const);
}

describe('the gradient', () => {
  it('matches a central finite-difference estimate everywhere', () => {
    for (const t of randomThetas(1, 50)) {
      const [a0, a1] = gradient(POINTS, t);
      const [n0, n1] = numericGradient(J, t);
      expect(Math.abs(a0 - n0)).toBeLessThan(1e-5 * (1 + Math.abs(n0)));
      expect(Math.abs(a1 - n1)).toBeLessThan(1e-5 * (1 + Math.abs(n1)));
    }
  });

  it('vanishes at the least-squares minimum, and nowhere does the cost go lower', () => {
    const g = gradient(POINTS, best);
    expect(Math.hypot(g[0], g[1])).toBeLessThan(1e-9);
    for (const t of randomThetas(2, 200)) expect(J(t)).toBeGreaterThanOrEqual(J(best));
  });
});

describe('the curvature L', () => {
  it('is the Hessian of the cost: the gradient changes by H times the displacement', () => {
    for (const t of randomThetas(3, 20)) {
      const step: Theta = [0.37, -0.81];
      const g = gradient(POINTS, t);
      const g2 = gradient(POINTS, [t[0] + step[0], t[1] + step[1]]);
      expect(g2[0] - g[0]).toBeCloseTo(H.a * step[0] + H.b * step[1], 9);
      expect(g2[1] - g[1]).toBeCloseTo(H.b * step[0] + H.d * step[1], 9);
    }
  });

  it('is the largest second derivative of the cost along any direction', () => {
    let steepest = 0;
    for (let i = 0; i < 3600; i++) {
      const u: Theta = [Math.cos((i * Math.PI) / 3600), Math.sin((i * Math.PI) / 3600)];
      // Second difference of J along u: exact for a quadratic up to rounding.
      const h = 1e-3;
      const along = (s: number) => J([best[0] + s * u[0], best[1] + s * u[1]]);
      const curvature = (along(h) - 2 * along(0) + along(-h)) / (h * h);
      expect(curvature).toBeLessThanOrEqual(L * (1 + 1e-6));
      expect(curvature).toBeGreaterThanOrEqual(small * (1 - 1e-6) - 1e-6);
      steepest = Math.max(steepest, curvature);
    }
    expect(steepest).toBeGreaterThan(L * 0.999);
  });
});

describe('gradient descent', () => {
  const threshold = 2 / L;

  it('converges for a small learning rate', () => {
    const path = descend(POINTS, [0, 0], 0.01, 20_000);
    expect(distance(path[path.length - 1]!.theta)).toBeLessThan(1e-6);
  });

  it('converges just below 2/L and diverges just above it', () => {
    for (const start of randomThetas(4, 5)) {
      const below = descend(POINTS, start, threshold * 0.98, 5_000);
      expect(distance(below[below.length - 1]!.theta)).toBeLessThan(1e-6);

      const above = descend(POINTS, start, threshold * 1.02, 1_000);
      expect(distance(above[above.length - 1]!.theta)).toBeGreaterThan(1e3 * distance(start));
      // And the cost climbs at every step once the steep direction dominates.
      const late = above.slice(100).map((s) => s.cost);
      late.slice(1).forEach((c, i) => expect(c).toBeGreaterThan(late[i]!));
    }
  });

  it('never raises the cost below 2/L', () => {
    for (const alpha of [0.001, 0.05, threshold * 0.5, threshold * 0.99]) {
      const costs = descend(POINTS, [-2, 4], alpha, 300).map((s) => s.cost);
      costs.slice(1).forEach((c, i) => expect(c).toBeLessThanOrEqual(costs[i]! + 1e-12));
    }
  });
});

describe('the four regimes', () => {
  /** What a run actually did, judged from its path alone. */
  function observed(alpha: number, start: Theta): Regime {
    const path = descend(POINTS, start, alpha, 200).map((s) => steepError(s.theta));
    const e0 = path[0]!;
    if (Math.abs(path[200]!) >= Math.abs(e0)) return 'diverge';
    // Judge signs only while the error is well above rounding: at αL near 1 it vanishes in a few steps.
    const early = path.slice(0, 20).filter((e) => Math.abs(e) > 1e-9 * Math.abs(e0));
    const flips = early.slice(1).every((e, i) => Math.sign(e) === -Math.sign(early[i]!));
    if (early.length > 1 && flips) return 'zigzag';
    const sameSide = early.every((e) => Math.sign(e) === Math.sign(e0));
    expect(sameSide).toBe(true);
    return Math.abs(path[CRAWL_STEPS]!) > 0.1 * Math.abs(e0) ? 'crawl' : 'converge';
  }

  it('are classified the way the descent behaves, over a sweep of learning rates', () => {
    const seen = new Set<Regime>();
    for (const start of [[0, 0], [-2, 4], [4, -0.5]] as Theta[]) {
      for (let i = 0; i <= 120; i++) {
        const alpha = 0.001 * 250 ** (i / 120); // 0.001 … 0.25, log-spaced
        if (Math.abs(alpha * L - 2) < 1e-3) continue; // exactly on the edge it neither grows nor shrinks
        const predicted = regime(alpha, L);
        expect(observed(alpha, start), `α = ${alpha}`).toBe(predicted);
        seen.add(predicted);
      }
    }
    expect([...seen].sort()).toEqual(['converge', 'crawl', 'diverge', 'zigzag']);
  });

  it('put the boundaries at 1/L and 2/L', () => {
    expect(regime(0.999 / L, L)).toBe('converge');
    expect(regime(1.001 / L, L)).toBe('zigzag');
    expect(regime(1.999 / L, L)).toBe('zigzag');
    expect(regime(2.001 / L, L)).toBe('diverge');
  });
});

describe('the contours', () => {
  it('are closed curves on which the cost is exactly the level', () => {
    for (const level of [0.1, 1, 8, 64]) {
      const ring = levelSet(POINTS, level, 48);
      expect(ring).not.toBeNull();
      for (const t of ring!) expect(J(t)).toBeCloseTo(level, 9);
    }
  });

  it('do not exist below the minimum cost, and nest: a higher level encloses a lower one', () => {
    expect(levelSet(POINTS, J(best) * 0.99)).toBeNull();
    const inner = levelSet(POINTS, 1, 36)!;
    const outer = levelSet(POINTS, 4, 36)!;
    inner.forEach((t, i) => expect(distance(outer[i]!)).toBeGreaterThan(distance(t)));
  });
});
