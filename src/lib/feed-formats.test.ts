import { getRssString } from '@astrojs/rss';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { describe, expect, it } from 'vitest';
import type { Feed } from './feed';
import { escapeXml, rssOptions, toAtom, toJsonFeed } from './feed-formats';

/** Content that breaks naive XML writing: markup, an ampersand, a CDATA end, a quote, a control character. */
const TRICKY = '<p>a &amp; b < c, "q" ]]> \u0008end</p>';

const feed: Feed = {
  title: 'Articles',
  description: 'Notes & more.',
  language: 'en',
  author: 'The author',
  home: 'https://example.com/',
  updated: new Date('2026-10-01T00:00:00Z'),
  items: [
    {
      url: 'https://example.com/articles/new/',
      title: 'New & "improved"',
      summary: 'The newest.',
      tag: 'postgres',
      published: new Date('2026-09-06T00:00:00Z'),
      updated: new Date('2026-10-01T00:00:00Z'),
      html: TRICKY,
    },
    {
      url: 'https://example.com/articles/old/',
      title: 'Old',
      summary: 'The oldest.',
      tag: 'ruby',
      published: new Date('2026-01-01T00:00:00Z'),
      updated: new Date('2026-01-01T00:00:00Z'),
      html: '<p>Old body</p>',
    },
  ],
};

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => ['entry', 'item', 'link'].includes(name) });

describe('escapeXml', () => {
  it('escapes markup characters and drops characters XML 1.0 forbids', () => {
    expect(escapeXml('<a href="x">&\'\u0000\u0008\ttab</a>')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;\ttab&lt;/a&gt;');
  });
});

describe('toAtom', () => {
  const xml = toAtom(feed, 'https://example.com/atom.xml');
  const doc = parser.parse(xml).feed;

  it('is well-formed XML even with tricky content', () => {
    expect(SyntaxValidator.validate(xml)).toBe(true);
  });

  it('has the feed-level elements RFC 4287 requires, and a self link', () => {
    expect(doc['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(doc.id).toBe('https://example.com/');
    expect(doc.title).toBe('Articles');
    expect(doc.updated).toBe('2026-10-01T00:00:00.000Z');
    expect(doc.author.name).toBe('The author');
    expect(doc.link).toContainEqual({ '@rel': 'self', '@type': 'application/atom+xml', '@href': 'https://example.com/atom.xml' });
  });

  it('keeps the items in order, with the full HTML content intact', () => {
    expect(doc.entry.map((e: { id: string }) => e.id)).toEqual(['https://example.com/articles/new/', 'https://example.com/articles/old/']);
    const first = doc.entry[0];
    expect(first.title).toBe('New & "improved"');
    expect(first.content['@type']).toBe('html');
    expect(first.content['#text']).toBe('<p>a &amp; b < c, "q" ]]> end</p>');
    expect(first.published).toBe('2026-09-06T00:00:00.000Z');
    expect(first.category['@term']).toBe('postgres');
  });
});

describe('rssOptions', () => {
  it('gives @astrojs/rss a feed with full content, a self link and the items in order', async () => {
    const xml = await getRssString(rssOptions(feed, 'https://example.com/rss.xml'));
    expect(SyntaxValidator.validate(xml)).toBe(true);
    const channel = parser.parse(xml).rss.channel;
    expect(channel.link).toEqual(['https://example.com/']);
    expect(channel['atom:link']).toEqual({ '@href': 'https://example.com/rss.xml', '@rel': 'self', '@type': 'application/rss+xml' });
    expect(channel.item.map((i: { link: string[] }) => i.link[0])).toEqual(['https://example.com/articles/new/', 'https://example.com/articles/old/']);
    expect(channel.item[0]['content:encoded']).toBe('<p>a &amp; b < c, "q" ]]> end</p>');
    expect(channel.item[1]['content:encoded']).toBe('<p>Old body</p>');
    expect(channel.item[0].category).toBe('postgres');
  });
});

describe('toJsonFeed', () => {
  const json = JSON.parse(toJsonFeed(feed, 'https://example.com/feed.json'));

  it('has the version, title and items JSON Feed 1.1 requires, and its own address', () => {
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.title).toBe('Articles');
    expect(json.feed_url).toBe('https://example.com/feed.json');
    expect(json.home_page_url).toBe('https://example.com/');
    expect(json.authors).toEqual([{ name: 'The author' }]);
  });

  it('gives each item an id, its address, the full HTML and RFC 3339 dates', () => {
    expect(json.items[0]).toEqual({
      id: 'https://example.com/articles/new/',
      url: 'https://example.com/articles/new/',
      title: 'New & "improved"',
      summary: 'The newest.',
      content_html: TRICKY,
      date_published: '2026-09-06T00:00:00.000Z',
      date_modified: '2026-10-01T00:00:00.000Z',
      tags: ['postgres'],
    });
  });
});
