import { describe, expect, it } from 'vitest';
import { formatReadingTime, readingMinutes } from './reading-time';

const words = (n: number) => Array.from({ length: n }, () => 'word').join(' ');

describe('readingMinutes', () => {
  it('is at least one minute', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('Short.')).toBe(1);
  });
  it('reads prose at 230 words a minute, rounding up', () => {
    expect(readingMinutes(words(230))).toBe(1);
    expect(readingMinutes(words(231))).toBe(2);
    expect(readingMinutes(words(2300))).toBe(10);
  });
  it('counts code words like prose, and not the fence lines', () => {
    const code = '```ruby title="a.rb"\n' + words(229) + '\n```';
    expect(readingMinutes(code)).toBe(1);
    expect(readingMinutes(code + '\n\n' + words(1))).toBe(1);
    expect(readingMinutes(code + '\n\n' + words(2))).toBe(2);
  });
  it('ignores punctuation-only tokens', () => {
    expect(readingMinutes('— | → ' + words(230))).toBe(1);
  });
});

describe('formatReadingTime', () => {
  it('prints minutes', () => expect(formatReadingTime(7)).toBe('7 min read'));
});
