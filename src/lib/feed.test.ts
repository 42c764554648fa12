import { describe, expect, it } from 'vitest';
import { buildFeed, FEED_SIZE, feedEntries, feedItem, type FeedSource } from './feed';
import type { Tag } from './taxonomy';

const entry = (id: string, published: string, opts: { draft?: boolean; updated?: string; tag?: Tag } = {}): FeedSource => ({
  id,
  data: {
    title: `Title of ${id}`,
    summary: `Summary of ${id}`,
    tag: opts.tag ?? 'postgres',
    published: new Date(published),
    updated: opts.updated ? new Date(opts.updated) : undefined,
    draft: opts.draft ?? false,
  },
});

const META = { title: 'Articles', description: 'Notes.', language: 'en', author: 'The author', home: 'https://example.com/' };

describe('feedEntries', () => {
  it('puts the newest first, ties broken by slug', () => {
    const list = [entry('old', '2026-01-01'), entry('b', '2026-03-01'), entry('a', '2026-03-01'), entry('mid', '2026-02-01')];
    expect(feedEntries(list).map((e) => e.id)).toEqual(['a', 'b', 'mid', 'old']);
  });

  it('never carries a draft, even from a collection that includes them (astro dev)', () => {
    const list = [entry('draft', '2026-04-01', { draft: true }), entry('public', '2026-01-01')];
    expect(feedEntries(list).map((e) => e.id)).toEqual(['public']);
  });

  it('keeps only the newest, up to the feed size', () => {
    const list = [entry('c', '2026-01-03'), entry('a', '2026-01-01'), entry('b', '2026-01-02')];
    expect(feedEntries(list, 2).map((e) => e.id)).toEqual(['c', 'b']);
    expect(FEED_SIZE).toBeGreaterThanOrEqual(20);
  });

  it('leaves the given list as it was', () => {
    const list = [entry('old', '2026-01-01'), entry('new', '2026-02-01')];
    feedEntries(list);
    expect(list.map((e) => e.id)).toEqual(['old', 'new']);
  });
});

describe('feedItem', () => {
  const url = 'https://example.com/articles/vacuum/';

  it('takes title, summary, tag and dates from the entry and the address given', () => {
    const item = feedItem(entry('vacuum', '2026-09-06', { updated: '2026-10-01', tag: 'postgres' }), url, '<p>Body</p>');
    expect(item).toEqual({
      url,
      title: 'Title of vacuum',
      summary: 'Summary of vacuum',
      tag: 'postgres',
      published: new Date('2026-09-06'),
      updated: new Date('2026-10-01'),
      html: '<p>Body</p>',
    });
  });

  it('counts an article never revised as updated when published', () => {
    expect(feedItem(entry('vacuum', '2026-09-06'), url, '').updated).toEqual(new Date('2026-09-06'));
  });

  it('carries the body with absolute links and without heading anchors', () => {
    const body = '<h2 id="x">X<a class="heading-anchor" href="#x">#</a></h2><p>See <a href="/articles/locks/">locks</a> and <a href="#x">above</a>.</p>';
    expect(feedItem(entry('vacuum', '2026-09-06'), url, body).html).toBe(
      `<h2 id="x">X</h2><p>See <a href="https://example.com/articles/locks/">locks</a> and <a href="${url}#x">above</a>.</p>`,
    );
  });
});

describe('buildFeed', () => {
  it('is as recent as its most recently changed item', () => {
    const items = [
      feedItem(entry('new', '2026-05-01'), 'https://example.com/articles/new/', ''),
      feedItem(entry('revised', '2026-01-01', { updated: '2026-06-01' }), 'https://example.com/articles/revised/', ''),
    ];
    const feed = buildFeed(META, items);
    expect(feed.updated).toEqual(new Date('2026-06-01'));
    expect(feed.items).toBe(items);
    expect(feed.title).toBe('Articles');
  });
});
