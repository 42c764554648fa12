/**
 * The built feeds, read from dist/ the way a reader app would: strict XML well-formedness
 * (fast-xml-validator, which throws naming line and column), then a feed parser (feedsmith) for
 * RSS, Atom and JSON Feed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SyntaxValidator } from 'fast-xml-validator';
import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import site from '../../site.config';
import { DIST } from './pages';
import { seed } from './seed';

const read = (file: string) => readFileSync(join(DIST, file), 'utf8');
const absolute = (path: string) => new URL(path, site.url).href;
const expectedLinks = seed.articles.map((a) => absolute(`/articles/${a.slug}/`));
const expectedTitles = seed.articles.map((a) => a.title);

/** Checks one item's body: real HTML, nothing page-only, every address absolute. */
function expectFeedBody(content: string | undefined, link: string): void {
  const html = content ?? '';
  expect(html, `content of ${link}`).toMatch(/<p>\S/);
  expect(html, `content of ${link}`).not.toMatch(/heading-anchor|class="sidenote|<script|<button/);
  const urls = [...html.matchAll(/\s(?:href|src)="([^"]*)"/g)].map((m) => m[1] ?? '');
  for (const url of urls) expect(url, `a link in ${link}`).toMatch(/^(https?:|mailto:)/);
}

test('RSS 2.0 is well-formed and carries the twenty articles, newest first, with full content', () => {
  const xml = read('rss.xml');
  expect(SyntaxValidator.validate(xml)).toBe(true);
  const feed = parseRssFeed(xml);
  expect(feed.title).toBe(site.title);
  expect(feed.atom?.links).toContainEqual(expect.objectContaining({ rel: 'self', href: absolute('/rss.xml') }));
  const items = feed.items ?? [];
  expect(items.map((i) => i.link)).toEqual(expectedLinks);
  expect(items.map((i) => i.title)).toEqual(expectedTitles);
  for (const item of items) expectFeedBody(item.content?.encoded, item.link ?? '');
});

test('Atom 1.0 is well-formed and carries the twenty articles, newest first, with full content', () => {
  const xml = read('atom.xml');
  expect(SyntaxValidator.validate(xml)).toBe(true);
  const feed = parseAtomFeed(xml);
  expect(feed.id).toBe(absolute('/'));
  expect(feed.updated).toBeTruthy();
  expect(feed.authors?.[0]?.name).toBe(site.author.name);
  expect(feed.links).toContainEqual(expect.objectContaining({ rel: 'self', href: absolute('/atom.xml') }));
  const entries = feed.entries ?? [];
  expect(entries.map((e) => e.links?.find((l) => l.rel === 'alternate')?.href)).toEqual(expectedLinks);
  expect(entries.map((e) => e.id)).toEqual(expectedLinks);
  expect(entries.map((e) => e.title?.value)).toEqual(expectedTitles);
  for (const entry of entries) {
    expect(entry.updated).toBeTruthy();
    expect(entry.content?.type).toBe('html');
    expectFeedBody(entry.content?.value, entry.id ?? '');
  }
});

test('JSON Feed 1.1 has its required fields and carries the twenty articles, newest first, with full content', () => {
  const json = JSON.parse(read('feed.json')) as Record<string, unknown>;
  // Required by the 1.1 spec: version, title, items, and an id on every item.
  expect(json['version']).toBe('https://jsonfeed.org/version/1.1');
  expect(json['title']).toBe(site.title);
  expect(json['feed_url']).toBe(absolute('/feed.json'));
  const feed = parseJsonFeed(json);
  const items = feed.items ?? [];
  expect(items.map((i) => i.id)).toEqual(expectedLinks);
  expect(items.map((i) => i.url)).toEqual(expectedLinks);
  expect(items.map((i) => i.title)).toEqual(expectedTitles);
  for (const item of items) {
    expect(item.date_published).toMatch(/^\d{4}-\d\d-\d\dT/);
    expectFeedBody(item.content_html, item.id ?? '');
  }
});

test('the page head points feed readers at the three feeds, which exist', () => {
  const head = read('index.html');
  for (const [type, path] of [
    ['application/rss+xml', '/rss.xml'],
    ['application/atom+xml', '/atom.xml'],
    ['application/feed+json', '/feed.json'],
  ] as const) {
    expect(head).toMatch(new RegExp(`<link rel="alternate" type="${type.replace('+', '\\+')}"[^>]* href="${path}"`));
    expect(existsSync(join(DIST, path)), path).toBe(true);
  }
});
