import { describe, expect, it } from 'vitest';
import { formatDate, isoDate } from './dates';

describe('dates', () => {
  it('formats the calendar day whatever the build machine’s time zone', () => {
    const d = new Date('2026-11-17');
    expect(isoDate(d)).toBe('2026-11-17');
    expect(formatDate(d)).toBe('Nov 17, 2026');
  });
});
