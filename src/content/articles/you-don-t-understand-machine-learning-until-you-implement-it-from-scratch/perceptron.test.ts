import { describe, expect, it } from 'vitest';
import { CORNERS, GATES, predict, trainPerceptron, type Gate } from './perceptron';

// Every position of the figure's sliders: learning rate 0.05–1 in steps of 0.05, seed 1–20.
const RATES = Array.from({ length: 20 }, (_, i) => (i + 1) * 0.05);
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

describe('the perceptron', () => {
  it.each(['AND', 'OR'] as Gate[])('reaches an epoch with zero mistakes on %s, for every seed and rate the figure offers', (gate) => {
    for (const seed of SEEDS) {
      for (const lr of RATES) {
        const run = trainPerceptron(gate, lr, seed);
        expect(run.convergedAt, `${gate}, seed ${seed}, rate ${lr}`).not.toBeNull();
        const last = run.steps.at(-1)!;
        expect(CORNERS.map((x) => predict(last.w, last.b, x))).toEqual(GATES[gate]);
      }
    }
  });

  it('never has an epoch without mistakes on XOR, however long it trains', () => {
    for (const seed of SEEDS) {
      for (const lr of RATES) {
        const run = trainPerceptron('XOR', lr, seed, 1000);
        expect(run.convergedAt).toBeNull();
        expect(Math.min(...run.mistakesPerEpoch)).toBeGreaterThan(0);
      }
    }
  });

  it('moves its weights only on a mistake, by the learning rate times the input', () => {
    const run = trainPerceptron('OR', 0.5, 3);
    for (let i = 1; i < run.steps.length; i++) {
      const before = run.steps[i - 1]!;
      const step = run.steps[i]!;
      const x = CORNERS[step.point]!;
      const moved = Math.abs(step.b - before.b) + Math.abs(step.w[0] - before.w[0]) + Math.abs(step.w[1] - before.w[1]);
      if (!step.mistake) expect(moved).toBe(0);
      else expect(Math.abs(step.b - before.b)).toBeCloseTo(0.5);
      if (step.mistake) expect(Math.abs(step.w[0] - before.w[0])).toBeCloseTo(0.5 * x[0]);
    }
  });

  it('is reproducible: the same seed gives the same run', () => {
    expect(trainPerceptron('XOR', 0.2, 7)).toEqual(trainPerceptron('XOR', 0.2, 7));
    expect(trainPerceptron('AND', 0.2, 7).steps[0]).not.toEqual(trainPerceptron('AND', 0.2, 8).steps[0]);
  });
});
