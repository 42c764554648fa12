import { describe, expect, it } from 'vitest';
import { inSitemap } from './sitemap';

describe('inSitemap', () => {
  it('lists the pages readers land on', () => {
    for (const path of ['/', '/articles/', '/articles/what-vacuum-actually-does-in-postgresql/', '/tags/postgres/', '/series/ruby-internals/']) {
      expect(inSitemap(`https://example.com${path}`), path).toBe(true);
    }
  });

  it('leaves out the old /en/ addresses, the 404 page, feeds and images', () => {
    for (const path of ['/en/', '/en/articles/', '/en/articles/what-vacuum-actually-does-in-postgresql/', '/404/', '/rss.xml', '/og/site.png']) {
      expect(inSitemap(`https://example.com${path}`), path).toBe(false);
    }
  });

  it('does not mistake an article whose slug starts with "en" for an old address', () => {
    expect(inSitemap('https://example.com/articles/engines/')).toBe(true);
  });
});
