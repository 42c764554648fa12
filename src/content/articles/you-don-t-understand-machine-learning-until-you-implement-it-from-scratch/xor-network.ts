/**
 * The article's 2-H-1 network (sigmoid hidden layer, sigmoid output, log loss, full-batch gradient
 * descent, hand-written backprop) in TypeScript. Training records the loss of every epoch and a
 * snapshot of the weights every few epochs, so the figure only moves a cursor through the run.
 *
 * The weights live in one flat Float64Array, updated in place: 20,000 epochs then take a few
 * milliseconds instead of the better part of a second that an array per layer per epoch costs.
 */
import { seeded } from '../../../lib/random';
import { CORNERS, GATES, type Point } from './perceptron';
import { logLoss, sigmoid } from './logistic-regression';

/**
 * A network's weights. Layout of `v` for `hidden` = H: unit j's two input weights at 2j and 2j+1,
 * then the H hidden biases, then the H output weights, then the output bias.
 */
export interface NetParams {
  hidden: number;
  v: Float64Array;
}

const B1 = (h: number) => 2 * h;
const W2 = (h: number) => 3 * h;
const B2 = (h: number) => 4 * h;

/** The four XOR points with their targets. */
export const XOR: readonly { x: Point; y: number }[] = CORNERS.map((x, i) => ({ x, y: GATES.XOR[i]! }));

/** Every weight uniform in [-1, 1], drawn in the Ruby's order: w1 row by row, b1, w2, b2. */
export function initNet(hidden: number, seed: number): NetParams {
  const random = seeded(seed);
  const v = new Float64Array(4 * hidden + 1);
  for (let i = 0; i < v.length; i++) v[i] = random() * 2 - 1;
  return { hidden, v };
}

/** Hidden unit j's weights as a line: it outputs 0.5 where w0·x1 + w1·x2 + b = 0. */
export function hiddenLine(p: NetParams, j: number): { w: [number, number]; b: number } {
  return { w: [p.v[2 * j]!, p.v[2 * j + 1]!], b: p.v[B1(p.hidden) + j]! };
}

export function hiddenLayer(p: NetParams, x: Point): number[] {
  const { hidden: h, v } = p;
  return Array.from({ length: h }, (_, j) => sigmoid(v[2 * j]! * x[0] + v[2 * j + 1]! * x[1] + v[B1(h) + j]!));
}

/** The network's output: its probability that the input's XOR is 1. */
export function forward(p: NetParams, x: Point): number {
  const { hidden: h, v } = p;
  let z = v[B2(h)]!;
  for (let j = 0; j < h; j++) z += v[W2(h) + j]! * sigmoid(v[2 * j]! * x[0] + v[2 * j + 1]! * x[1] + v[B1(h) + j]!);
  return sigmoid(z);
}

export function netLoss(p: NetParams): number {
  let sum = 0;
  for (const { x, y } of XOR) sum += logLoss(forward(p, x), y);
  return sum / XOR.length;
}

/**
 * Gradient of the mean loss for every weight, by backpropagation, in the layout of `v`. Returns the
 * mean loss too, which the forward passes compute anyway.
 */
export function gradients(p: NetParams, g = new Float64Array(p.v.length), a1 = new Float64Array(p.hidden)): number {
  const { hidden: h, v } = p;
  g.fill(0);
  let loss = 0;
  for (const { x, y } of XOR) {
    let z = v[B2(h)]!;
    for (let j = 0; j < h; j++) {
      a1[j] = sigmoid(v[2 * j]! * x[0] + v[2 * j + 1]! * x[1] + v[B1(h) + j]!);
      z += v[W2(h) + j]! * a1[j]!;
    }
    const out = sigmoid(z);
    loss += logLoss(out, y);
    const d2 = out - y; // dL/dz2: sigmoid and log loss cancel to this
    g[B2(h)]! += d2;
    for (let j = 0; j < h; j++) {
      const a = a1[j]!;
      g[W2(h) + j]! += d2 * a;
      const d1 = d2 * v[W2(h) + j]! * a * (1 - a); // dL/dz1_j: back through w2_j and the sigmoid
      g[2 * j]! += d1 * x[0];
      g[2 * j + 1]! += d1 * x[1];
      g[B1(h) + j]! += d1;
    }
  }
  for (let i = 0; i < g.length; i++) g[i]! /= XOR.length;
  return loss / XOR.length;
}

export interface NetRun {
  /** Loss before each epoch and after the last: `epochs + 1` values. */
  losses: Float64Array;
  /** Weights at epochs 0, `every`, 2 × `every`, … up to `epochs`. */
  frames: NetParams[];
  every: number;
}

/** Trains a fresh seeded network on XOR and records the run. */
export function trainXor(hidden: number, lr: number, seed: number, epochs = 5000, every = 25): NetRun {
  const p = initNet(hidden, seed);
  const g = new Float64Array(p.v.length);
  const a1 = new Float64Array(hidden);
  const losses = new Float64Array(epochs + 1);
  const frames: NetParams[] = [{ hidden, v: p.v.slice() }];
  for (let e = 0; e < epochs; e++) {
    losses[e] = gradients(p, g, a1);
    for (let i = 0; i < g.length; i++) p.v[i]! -= lr * g[i]!;
    if ((e + 1) % every === 0) frames.push({ hidden, v: p.v.slice() });
  }
  losses[epochs] = netLoss(p);
  return { losses, frames, every };
}

/** True when every XOR point lands on the right side of 0.5. */
export function solves(p: NetParams): boolean {
  return XOR.every(({ x, y }) => (forward(p, x) >= 0.5 ? 1 : 0) === y);
}
