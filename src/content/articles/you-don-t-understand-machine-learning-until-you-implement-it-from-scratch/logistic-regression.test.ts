import { describe, expect, it } from 'vitest';
import { logit, meanLoss, separableData, sigmoid, trainLogistic, type Sample } from './logistic-regression';

// The figure's sliders: learning rate 0.1–5, seed 1–20.
const RATES = [0.1, 0.5, 1, 2.5, 5];
const MAX_RATE = 5;
const SEEDS = Array.from({ length: 20 }, (_, i) => i + 1);

describe('logistic regression', () => {
  it('generates separable data: some line puts every point on its own side', () => {
    for (const seed of SEEDS) {
      const data = separableData(seed);
      const last = trainLogistic(data, 5, seed, 3000).at(-1)!;
      expect(data.every((s) => (logit(last, s.x) > 0 ? 1 : 0) === s.y)).toBe(true);
    }
  });

  it('lowers the loss at every epoch on separable data, for every seed, at rates across the slider', () => {
    const rises: string[] = [];
    for (const seed of SEEDS) {
      for (const lr of RATES) {
        const states = trainLogistic(separableData(seed), lr, seed, 400);
        // One expect per run, not per epoch: 400,000 expects would take longer than the training.
        const rise = states.findIndex((s, i) => i > 0 && s.loss >= states[i - 1]!.loss);
        if (rise > 0) rises.push(`seed ${seed}, rate ${lr}, epoch ${rise}`);
        expect(states.at(-1)!.loss).toBeLessThan(states[0]!.loss / 2);
      }
    }
    expect(rises).toEqual([]);
  });

  it('takes steps below 2 / L, the size that guarantees descent, at every rate the figure offers', () => {
    // The mean log loss of a linear model has curvature at most λmax(mean of x̃x̃ᵀ) / 4, with x̃ = (x1, x2, 1).
    // Gradient descent with a step below 2 / L never raises such a loss.
    for (const seed of SEEDS) {
      const data = separableData(seed);
      const m = [0, 1, 2].map((i) => [0, 1, 2].map((j) => data.reduce((sum, d) => sum + [...d.x, 1][i]! * [...d.x, 1][j]!, 0) / data.length));
      let v = [1, 1, 1];
      let lambda = 0;
      for (let k = 0; k < 100; k++) {
        const mv = m.map((row) => row[0]! * v[0]! + row[1]! * v[1]! + row[2]! * v[2]!);
        lambda = Math.hypot(...mv);
        v = mv.map((x) => x / lambda);
      }
      expect(MAX_RATE).toBeLessThan(2 / (lambda / 4));
    }
  });

  it('keeps growing its weights on separable data: the loss has no finite minimum', () => {
    const states = trainLogistic(separableData(4), 1, 4, 2000);
    const norm = (i: number) => Math.hypot(...states[i]!.w, states[i]!.b);
    expect(norm(2000)).toBeGreaterThan(norm(1000));
    expect(norm(1000)).toBeGreaterThan(norm(500));
    expect(states[2000]!.loss).toBeGreaterThan(0);
  });

  it('settles at ln 2, predicting 0.5 everywhere, on XOR', () => {
    const xor: Sample[] = [
      { x: [0, 0], y: 0 },
      { x: [0, 1], y: 1 },
      { x: [1, 0], y: 1 },
      { x: [1, 1], y: 0 },
    ];
    for (const seed of SEEDS) {
      const last = trainLogistic(xor, 1, seed, 3000).at(-1)!;
      expect(last.loss).toBeCloseTo(Math.LN2, 4);
      for (const { x } of xor) expect(sigmoid(logit(last, x))).toBeCloseTo(0.5, 2);
    }
  });

  it('records the loss of the weights it reports', () => {
    const data = separableData(2);
    for (const s of trainLogistic(data, 1, 2, 20)) expect(s.loss).toBeCloseTo(meanLoss(data, s.w, s.b), 12);
  });
});
