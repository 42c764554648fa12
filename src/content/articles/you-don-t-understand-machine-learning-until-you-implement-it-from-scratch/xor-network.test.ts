import { describe, expect, it } from 'vitest';
import { gradients, initNet, netLoss, solves, trainXor } from './xor-network';

describe('the XOR network', () => {
  it('computes by backpropagation the same gradient as central differences', () => {
    for (const hidden of [2, 3, 4]) {
      for (const seed of [1, 2, 3]) {
        const p = initNet(hidden, seed);
        const g = new Float64Array(p.v.length);
        gradients(p, g);
        const h = 1e-6;
        for (let i = 0; i < p.v.length; i++) {
          const orig = p.v[i]!;
          p.v[i] = orig + h;
          const up = netLoss(p);
          p.v[i] = orig - h;
          const down = netLoss(p);
          p.v[i] = orig;
          expect(g[i]).toBeCloseTo((up - down) / (2 * h), 8);
        }
      }
    }
  });

  it.each([1, 3, 6, 13, 20])('learns XOR with two hidden units from seed %i: loss below 0.01 in 5,000 epochs', (seed) => {
    const run = trainXor(2, 1, seed);
    expect(run.losses[5000]).toBeLessThan(0.01);
    expect(solves(run.frames.at(-1)!)).toBe(true);
  });

  it('sits on a plateau near ln 2 before it drops (seed 1, the figure’s first run)', () => {
    const { losses } = trainXor(2, 1, 1);
    expect(Math.abs(losses[300]! - Math.LN2)).toBeLessThan(0.02);
    expect(losses[1500]).toBeLessThan(0.05);
  });

  it('gets stuck from seed 11 with two hidden units, near ln 2 / 2, and learns with three', () => {
    const stuck = trainXor(2, 1, 11, 20000);
    expect(solves(stuck.frames.at(-1)!)).toBe(false);
    expect(Math.abs(stuck.losses[20000]! - Math.LN2 / 2)).toBeLessThan(0.01);
    expect(trainXor(3, 1, 11).losses[5000]).toBeLessThan(0.01);
  });

  it('records weights every `every` epochs, and the loss of each epoch', () => {
    const run = trainXor(2, 1, 5, 1000, 25);
    expect(run.frames).toHaveLength(41);
    expect(run.losses).toHaveLength(1001);
    expect(netLoss(run.frames[40]!)).toBeCloseTo(run.losses[1000]!, 12);
    expect(netLoss(run.frames[2]!)).toBeCloseTo(run.losses[50]!, 12);
  });
});
