import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { slugify } from './slug';

describe('slugify', () => {
  it('turns every non-alphanumeric run into one dash', () => {
    expect(slugify("Understanding Ruby's runtime (not just the language)")).toBe(
      'understanding-ruby-s-runtime-not-just-the-language',
    );
    expect(slugify('The "exactly once" myth')).toBe('the-exactly-once-myth');
    expect(slugify('  epoll and io_uring, explained visually ')).toBe('epoll-and-io-uring-explained-visually');
  });
  it('drops accents rather than the letters', () => {
    expect(slugify('Café résumé')).toBe('cafe-resume');
  });
  it("reproduces the author's slugs from the titles", () => {
    const seed = JSON.parse(readFileSync(new URL('../../../shared/seed/articles.json', import.meta.url), 'utf8')) as {
      articles: { title: string; slug: string }[];
    };
    for (const a of seed.articles) expect(slugify(a.title)).toBe(a.slug);
  });
});
