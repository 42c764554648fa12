/**
 * Gradient descent on the article's running example: fit y = θ₀ + θ₁x to five points by minimising
 * the halved mean squared error. The cost is quadratic in θ, so everything the figures draw has an
 * exact form: the Hessian is constant, the level sets are ellipses, the minimum solves a 2×2 system,
 * and the learning rate's fate is decided by the Hessian's largest eigenvalue L.
 */

/** Parameters of the line: `[θ₀, θ₁]`, intercept then slope. */
export type Theta = readonly [number, number];

/** A symmetric 2×2 matrix stored as its three distinct entries: `[[a, b], [b, d]]`. */
export interface Sym2 {
  a: number;
  b: number;
  d: number;
}

export interface Dataset {
  xs: readonly number[];
  ys: readonly number[];
}

/** The five points the whole article fits: roughly y = 1 + 2x. */
export const POINTS: Dataset = { xs: [1, 2, 3, 4, 5], ys: [3.1, 4.9, 7.2, 8.8, 11.1] };

const mean = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0) / values.length;

/** The line's prediction h_θ(x). */
export function predict(theta: Theta, x: number): number {
  return theta[0] + theta[1] * x;
}

/** J(θ) = (1/2m) Σ (h_θ(xᵢ) − yᵢ)². The ½ cancels the 2 from differentiating the square. */
export function cost(data: Dataset, theta: Theta): number {
  let sum = 0;
  data.xs.forEach((x, i) => (sum += (predict(theta, x) - (data.ys[i] ?? 0)) ** 2));
  return sum / (2 * data.xs.length);
}

/** ∇J(θ) = ((1/m) Σ eᵢ, (1/m) Σ eᵢxᵢ) with eᵢ the error on point i: the chain rule, by hand. */
export function gradient(data: Dataset, theta: Theta): [number, number] {
  let g0 = 0;
  let g1 = 0;
  data.xs.forEach((x, i) => {
    const e = predict(theta, x) - (data.ys[i] ?? 0);
    g0 += e;
    g1 += e * x;
  });
  const m = data.xs.length;
  return [g0 / m, g1 / m];
}

/** Central differences of any function of θ: what a hand-derived gradient should be checked against. */
export function numericGradient(f: (theta: Theta) => number, theta: Theta, h = 1e-6): [number, number] {
  const [t0, t1] = theta;
  return [(f([t0 + h, t1]) - f([t0 - h, t1])) / (2 * h), (f([t0, t1 + h]) - f([t0, t1 - h])) / (2 * h)];
}

/**
 * The Hessian of J, [[1, mean x], [mean x, mean x²]]. It does not depend on θ (the cost is quadratic)
 * or on y: the shape of the bowl is set by the inputs alone, which is why scaling x reshapes it.
 */
export function hessian(data: Dataset): Sym2 {
  return { a: 1, b: mean(data.xs), d: mean(data.xs.map((x) => x * x)) };
}

export interface Eigen {
  /** Largest eigenvalue: the curvature of the steepest direction, L. */
  large: number;
  /** Smallest eigenvalue: the curvature along the valley floor. */
  small: number;
  /** Unit eigenvector for `large` (across the valley). */
  steep: Theta;
  /** Unit eigenvector for `small` (along the valley). */
  flat: Theta;
}

/** Eigenvalues and eigenvectors of a symmetric 2×2 matrix, in closed form. */
export function eigen(h: Sym2): Eigen {
  const mid = (h.a + h.d) / 2;
  const radius = Math.hypot((h.a - h.d) / 2, h.b);
  const large = mid + radius;
  const small = mid - radius;
  // (h - λI)v = 0 gives v ∝ (b, λ - a); fall back to the axes when the matrix is already diagonal.
  const unit = (v: Theta): Theta => {
    const n = Math.hypot(v[0], v[1]);
    return [v[0] / n, v[1] / n];
  };
  if (Math.abs(h.b) < 1e-12) {
    return h.a >= h.d ? { large, small, steep: [1, 0], flat: [0, 1] } : { large, small, steep: [0, 1], flat: [1, 0] };
  }
  return { large, small, steep: unit([h.b, large - h.a]), flat: unit([h.b, small - h.a]) };
}

/** The least-squares line: solves H θ = (mean y, mean xy), the point where ∇J = 0. */
export function minimum(data: Dataset): Theta {
  const h = hessian(data);
  const r0 = mean(data.ys);
  const r1 = mean(data.xs.map((x, i) => x * (data.ys[i] ?? 0)));
  const det = h.a * h.d - h.b * h.b;
  return [(h.d * r0 - h.b * r1) / det, (h.a * r1 - h.b * r0) / det];
}

/** One point of a descent: where it stands, what it costs there, and the gradient it will step against. */
export interface Step {
  theta: Theta;
  cost: number;
  grad: [number, number];
}

/** Batch gradient descent, θ := θ − α∇J(θ), for `steps` steps: returns `steps + 1` states, start included. */
export function descend(data: Dataset, start: Theta, alpha: number, steps: number): Step[] {
  const path: Step[] = [];
  let theta: Theta = start;
  for (let k = 0; k <= steps; k++) {
    const grad = gradient(data, theta);
    path.push({ theta, cost: cost(data, theta), grad });
    // Both partials come from the same θ: updating θ₀ first and then reusing it would be another algorithm.
    theta = [theta[0] - alpha * grad[0], theta[1] - alpha * grad[1]];
  }
  return path;
}

export type Regime = 'crawl' | 'converge' | 'zigzag' | 'diverge';

/**
 * Steps after which a crawl still holds more than a tenth of its error in the steepest direction.
 * The line between "crawl" and "converge" is a matter of patience, so it is stated as one.
 */
export const CRAWL_STEPS = 10;

/**
 * What gradient descent does on a quadratic with largest curvature L, from α alone. Along the
 * steepest direction each step multiplies the distance to the minimum by r = 1 − αL:
 * - diverge: αL ≥ 2, |r| ≥ 1, every overshoot at least as large as the last (at exactly 2 it never settles);
 * - zigzag: 1 < αL < 2, r is negative, the iterate flips sides of the valley each step while shrinking;
 * - converge: r in [0, 1) and the steep error falls below a tenth within CRAWL_STEPS steps;
 * - crawl: r so close to 1 that it does not.
 */
export function regime(alpha: number, L: number): Regime {
  const r = 1 - alpha * L;
  if (r <= -1) return 'diverge';
  if (r < 0) return 'zigzag';
  return r ** CRAWL_STEPS > 0.1 ? 'crawl' : 'converge';
}

/**
 * Points on the contour J(θ) = level, an exact ellipse: J = J* + ½(θ − θ*)ᵀH(θ − θ*), so along each
 * eigenvector the semi-axis is √(2(level − J*)/λ). Returns null for a level at or below the minimum.
 */
export function levelSet(data: Dataset, level: number, n = 72): Theta[] | null {
  const centre = minimum(data);
  const excess = level - cost(data, centre);
  if (excess <= 0) return null;
  const { large, small, steep, flat } = eigen(hessian(data));
  const r1 = Math.sqrt((2 * excess) / large);
  const r2 = Math.sqrt((2 * excess) / small);
  return Array.from({ length: n }, (_, i) => {
    const t = (2 * Math.PI * i) / n;
    const u = r1 * Math.cos(t);
    const v = r2 * Math.sin(t);
    return [centre[0] + u * steep[0] + v * flat[0], centre[1] + u * steep[1] + v * flat[1]] as const;
  });
}
