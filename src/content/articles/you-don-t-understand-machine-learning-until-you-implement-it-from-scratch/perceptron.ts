/**
 * The perceptron of the article, as data: every presentation of a point is one step, and a run is
 * the list of states it passes through. The figure draws any step; the test checks the whole run.
 */
import { seeded } from '../../../lib/random';

export type Gate = 'AND' | 'OR' | 'XOR';
export type Point = readonly [number, number];

/** The four corners of the unit square, the inputs of every gate. */
export const CORNERS: readonly Point[] = [[0, 0], [0, 1], [1, 0], [1, 1]];

/** Targets of each gate, in the order of `CORNERS`. */
export const GATES: Record<Gate, readonly number[]> = {
  AND: [0, 0, 0, 1],
  OR: [0, 1, 1, 1],
  XOR: [0, 1, 1, 0],
};

export interface PerceptronState {
  /** Epoch of this step, from 1; 0 for the starting weights. */
  epoch: number;
  /** Index into `CORNERS` of the point just presented, or -1 before the first. */
  point: number;
  /** Whether that point was misclassified (and so moved the weights). */
  mistake: boolean;
  w: [number, number];
  b: number;
  /** Mistakes so far in this epoch, including this step. */
  epochMistakes: number;
}

export interface PerceptronRun {
  steps: PerceptronState[];
  /** Mistakes of each completed epoch. */
  mistakesPerEpoch: number[];
  /** The epoch that had no mistakes, or null if the run hit `maxEpochs` first. */
  convergedAt: number | null;
}

/** 1 when the point is strictly on the positive side of the line, as in the Ruby. */
export function predict(w: readonly [number, number], b: number, x: Point): number {
  return w[0] * x[0] + w[1] * x[1] + b > 0 ? 1 : 0;
}

/**
 * Trains until an epoch passes without a mistake or `maxEpochs` run out. The seed picks the starting
 * weights (uniform in [-1, 1], so the line starts somewhere visible) and shuffles the order of the
 * four points in every epoch, so no single lucky order decides the outcome.
 */
export function trainPerceptron(gate: Gate, lr: number, seed: number, maxEpochs = 60): PerceptronRun {
  const random = seeded(seed);
  const uniform = () => random() * 2 - 1;
  const targets = GATES[gate];
  let w: [number, number] = [uniform(), uniform()];
  let b = uniform();
  const steps: PerceptronState[] = [{ epoch: 0, point: -1, mistake: false, w, b, epochMistakes: 0 }];
  const mistakesPerEpoch: number[] = [];
  for (let epoch = 1; epoch <= maxEpochs; epoch++) {
    let mistakes = 0;
    for (const i of shuffle([0, 1, 2, 3], random)) {
      const x = CORNERS[i]!;
      const err = targets[i]! - predict(w, b, x);
      if (err !== 0) {
        mistakes++;
        w = [w[0] + lr * err * x[0], w[1] + lr * err * x[1]];
        b += lr * err;
      }
      steps.push({ epoch, point: i, mistake: err !== 0, w, b, epochMistakes: mistakes });
    }
    mistakesPerEpoch.push(mistakes);
    if (mistakes === 0) return { steps, mistakesPerEpoch, convergedAt: epoch };
  }
  return { steps, mistakesPerEpoch, convergedAt: null };
}

/** Fisher–Yates with the run's own generator, so the order is part of the seeded run. */
function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
