/** The crawler files in the build: sitemap-index.xml, the sitemaps it names, and robots.txt. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import site from '../../site.config';
import { DIST } from './pages';
import { seed } from './seed';

const absolute = (path: string) => new URL(path, site.url).href;
const parser = new XMLParser({ isArray: (name) => name === 'sitemap' || name === 'url' });

/** A strictly parsed XML file of the build, addressed by its absolute URL. */
function readXml(url: string): Record<string, unknown> {
  const xml = readFileSync(join(DIST, new URL(url).pathname), 'utf8');
  expect(SyntaxValidator.validate(xml), url).toBe(true);
  return parser.parse(xml) as Record<string, unknown>;
}

/** Every address listed by the sitemaps the index names. */
function sitemapUrls(): string[] {
  const index = readXml(absolute('/sitemap-index.xml'))['sitemapindex'] as { sitemap: { loc: string }[] };
  expect(index.sitemap.length).toBeGreaterThan(0);
  return index.sitemap.flatMap(({ loc }) => {
    expect(loc.startsWith(absolute('/'))).toBe(true);
    return (readXml(loc)['urlset'] as { url: { loc: string }[] }).url.map((u) => u.loc);
  });
}

test('the sitemap lists the home page, the index, every article and every tag page', () => {
  const urls = sitemapUrls();
  const expected = [
    absolute('/'),
    absolute('/articles/'),
    ...seed.articles.map((a) => absolute(`/articles/${a.slug}/`)),
    ...[...new Set(seed.articles.map((a) => a.tag))].map((tag) => absolute(`/tags/${tag}/`)),
  ];
  for (const url of expected) expect(urls, url).toContain(url);
});

test('the sitemap leaves out the old /en/ addresses and the 404 page', () => {
  const paths = sitemapUrls().map((url) => new URL(url).pathname);
  expect(paths.filter((p) => p.startsWith('/en/') || p.startsWith('/404'))).toEqual([]);
  expect(paths.length).toBe(new Set(paths).size);
});

test('robots.txt points crawlers at the sitemap index by its absolute address', () => {
  const robots = readFileSync(join(DIST, 'robots.txt'), 'utf8');
  expect(robots).toMatch(/^User-agent: \*$/m);
  const line = /^Sitemap: (\S+)$/m.exec(robots)?.[1];
  expect(line).toBe(absolute('/sitemap-index.xml'));
  expect(existsSync(join(DIST, 'sitemap-index.xml'))).toBe(true);
});
