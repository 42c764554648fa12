import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { articleSource, partsIn } from './index.ts';

describe('npm run new', () => {
  it("makes the slug the author's way and valid frontmatter, as a draft", () => {
    const made = articleSource({ title: "Ruby's GC, explained", tag: 'ruby', series: 'ruby-internals', part: 5, date: '2026-12-01' });
    if (!('slug' in made)) throw new Error(made.error);
    expect(made.slug).toBe('ruby-s-gc-explained');
    const fm = parse(made.text.split('---')[1] ?? '') as Record<string, unknown>;
    expect(fm).toMatchObject({ title: "Ruby's GC, explained", tag: 'ruby', series: 'ruby-internals', part: 5, draft: true });
    expect(String(fm['published'])).toContain('2026-12-01');
  });
  it('refuses an unknown tag, naming the valid ones', () => {
    expect(articleSource({ title: 'X', tag: 'postgresql', date: '2026-12-01' })).toEqual({
      error: 'Unknown tag "postgresql". Use one of: ml, infra, distributed, postgres, rails, architecture, performance, ruby.',
    });
  });
  it('refuses an unknown series and a bad date', () => {
    expect(articleSource({ title: 'X', tag: 'ml', series: 'nope', date: '2026-12-01' })).toHaveProperty('error', expect.stringContaining('Unknown series "nope"'));
    expect(articleSource({ title: 'X', tag: 'ml', date: '1/12/2026' })).toHaveProperty('error', expect.stringContaining('YYYY-MM-DD'));
    expect(articleSource({ title: 'X', tag: 'ml', series: 'ml-from-scratch', part: 0, date: '2026-12-01' })).toHaveProperty('error', expect.stringContaining('--part'));
  });
  it('counts the existing parts of a series, so a new article becomes the next one', () => {
    const articles = new URL('../../src/content/articles/', import.meta.url);
    expect(partsIn('ruby-internals', articles)).toBe(4);
    expect(partsIn('reliable-background-work', articles)).toBe(3);
  });
});
