import { describe, expect, it } from 'vitest';
import { clock, columnMax, duration, runs, tickStep } from './chart';

describe('storm chart geometry', () => {
  it('squeezes seconds into columns without losing a one-second spike', () => {
    const seconds = Array.from({ length: 3_000 }, () => 10);
    seconds[1_234] = 5_000;
    const cols = columnMax(seconds, 300);
    expect(cols).toHaveLength(300);
    expect(Math.max(...cols)).toBe(5_000);
    expect(cols.filter((v) => v === 5_000)).toHaveLength(1);
  });

  it('keeps one column per second when there are fewer seconds than columns', () => {
    expect(columnMax([1, 2, 3], 300)).toEqual([1, 2, 3]);
  });

  it('finds the stretches where a flag holds, such as an open breaker', () => {
    expect(runs([false, true, true, false, true])).toEqual([[1, 3], [4, 5]]);
    expect(runs([false, false])).toEqual([]);
  });

  it('picks the smallest tick step that keeps the axis uncluttered', () => {
    expect(tickStep(13, 8, [1, 2, 5, 10])).toBe(2);
    expect(tickStep(90, 8, [1, 2, 5, 10, 15])).toBe(15);
  });

  it('prints durations for people and for table cells', () => {
    expect(duration(769)).toBe('12 min 49 s');
    expect(duration(5039)).toBe('1 h 23 min');
    expect(clock(769)).toBe('12:49');
    expect(clock(5039)).toBe('1:23:59');
  });
});
