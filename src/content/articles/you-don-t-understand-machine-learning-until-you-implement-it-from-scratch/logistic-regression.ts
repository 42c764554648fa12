/**
 * Logistic regression on a cloud of points, trained by full-batch gradient descent on the mean log
 * loss: the article's Ruby, in TypeScript, recording every epoch so the figure can replay the run.
 */
import { seeded } from '../../../lib/random';

export interface Sample {
  x: [number, number];
  y: 0 | 1;
}

export interface LogisticState {
  w: [number, number];
  b: number;
  /** Mean log loss over the data with these weights. */
  loss: number;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Log loss of one prediction, kept finite when p reaches 0 or 1 in floating point. */
export function logLoss(p: number, y: number): number {
  const eps = 1e-12;
  return -(y * Math.log(p + eps) + (1 - y) * Math.log(1 - p + eps));
}

/** The model's pre-activation for one point: where it sits on the sigmoid's horizontal axis. */
export const logit = (s: LogisticState, x: readonly [number, number]): number => s.w[0] * x[0] + s.w[1] * x[1] + s.b;

export function meanLoss(data: readonly Sample[], w: [number, number], b: number): number {
  let sum = 0;
  for (const { x, y } of data) sum += logLoss(sigmoid(w[0] * x[0] + w[1] * x[1] + b), y);
  return sum / data.length;
}

/**
 * `n` points in [-1, 1]², labelled by a hidden line through the middle at a seeded angle. Points
 * closer to that line than `margin` are dropped, so the classes are always linearly separable: the
 * case where the loss can be pushed toward zero but never reaches it.
 */
export function separableData(seed: number, n = 40, margin = 0.15): Sample[] {
  const random = seeded(seed);
  const angle = random() * Math.PI * 2;
  const normal: [number, number] = [Math.cos(angle), Math.sin(angle)];
  const offset = (random() - 0.5) * 0.4;
  const data: Sample[] = [];
  while (data.length < n) {
    const x: [number, number] = [random() * 2 - 1, random() * 2 - 1];
    const side = normal[0] * x[0] + normal[1] * x[1] - offset;
    if (Math.abs(side) < margin) continue;
    data.push({ x, y: side > 0 ? 1 : 0 });
  }
  return data;
}

/**
 * Trains for `epochs` full-batch steps from seeded starting weights (uniform in [-1, 1], so the
 * boundary starts somewhere wrong and visibly moves). Returns the state before each step and after
 * the last one: `epochs + 1` states.
 */
export function trainLogistic(data: readonly Sample[], lr: number, seed: number, epochs = 300): LogisticState[] {
  // Offset the seed so the starting weights do not reuse the numbers that placed the points.
  const random = seeded(seed + 1_000_003);
  let w: [number, number] = [random() * 2 - 1, random() * 2 - 1];
  let b = random() * 2 - 1;
  const states: LogisticState[] = [{ w, b, loss: meanLoss(data, w, b) }];
  for (let e = 0; e < epochs; e++) {
    let g0 = 0;
    let g1 = 0;
    let gb = 0;
    for (const { x, y } of data) {
      const err = sigmoid(w[0] * x[0] + w[1] * x[1] + b) - y; // dL/dz for sigmoid and log loss
      g0 += err * x[0];
      g1 += err * x[1];
      gb += err;
    }
    const n = data.length;
    w = [w[0] - (lr * g0) / n, w[1] - (lr * g1) / n];
    b -= (lr * gb) / n;
    states.push({ w, b, loss: meanLoss(data, w, b) });
  }
  return states;
}
