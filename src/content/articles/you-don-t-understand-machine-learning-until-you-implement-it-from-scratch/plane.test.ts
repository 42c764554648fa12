import { describe, expect, it } from 'vitest';
import { boundaryInWindow, heatRuns, num, positiveRegion, toPixels } from './plane';

const win = { min: 0, max: 1 };

describe('the boundary geometry', () => {
  it('keeps the part of the window on the positive side', () => {
    // x1 > 0.5: the right half of the unit square.
    const region = positiveRegion([1, 0], -0.5, win);
    expect(region.every(([x]) => x >= 0.5)).toBe(true);
    expect(region).toHaveLength(4);
    expect(positiveRegion([1, 1], -5, win)).toEqual([]);
    expect(positiveRegion([1, 1], 5, win)).toHaveLength(4);
  });

  it('finds the segment of the line inside the window, or none', () => {
    expect(boundaryInWindow([1, 1], -1, win)).toEqual([[0, 1], [1, 0]]);
    expect(boundaryInWindow([1, 1], -5, win)).toBeNull();
    expect(boundaryInWindow([0, 0], 1, win)).toBeNull();
  });

  it('prints a real minus and no negative zero', () => {
    expect(num(-0.25)).toBe('−0.25');
    expect(num(-0.001)).toBe('0.00');
    expect(num(1.5, 1)).toBe('1.5');
  });
});

describe('the heat map', () => {
  it('merges equal neighbours into runs and covers every non-blank cell once', () => {
    const win = { min: 0, max: 1 };
    const runs = heatRuns(10, win, ([x]) => (x < 0.5 ? 0 : 1), 4);
    // Each row: one run of five cells at −4, one at +4.
    expect(runs).toHaveLength(20);
    expect(runs.every((r) => r.length === 5 && Math.abs(r.level) === 4)).toBe(true);
    expect(heatRuns(10, win, () => 0.5)).toEqual([]);
  });
});

describe('toPixels', () => {
  it('maps the window onto the square with y pointing up, on a tenth-of-a-pixel grid', () => {
    const { sx, sy } = toPixels({ min: -0.5, max: 1.5 }, 300);
    expect([sx(-0.5), sx(1.5), sy(-0.5), sy(1.5)]).toEqual([0, 300, 300, 0]);
    expect([sx(0), sy(0)]).toEqual([75, 225]);
    expect(sx(1 / 3)).toBe(125);
    expect(sx(0.001)).toBe(75.2);
  });
});
