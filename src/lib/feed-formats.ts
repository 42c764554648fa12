/**
 * One feed, three formats: RSS 2.0 (written by @astrojs/rss from the options built here), Atom 1.0
 * (RFC 4287) and JSON Feed 1.1. Each takes its own absolute address for the self link readers use
 * to follow a moved feed.
 */
import type { RSSOptions } from '@astrojs/rss';
import type { Feed } from './feed';

const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** Options for @astrojs/rss: full content in `content:encoded`, the summary as `description`. */
export function rssOptions(feed: Feed, self: string): RSSOptions {
  return {
    title: xmlSafe(feed.title),
    description: xmlSafe(feed.description),
    site: feed.home,
    xmlns: { atom: ATOM_NS },
    customData: `<language>${escapeXml(feed.language)}</language><atom:link href="${escapeXml(self)}" rel="self" type="application/rss+xml"/>`,
    items: feed.items.map((item) => ({
      title: xmlSafe(item.title),
      link: item.url,
      description: xmlSafe(item.summary),
      pubDate: item.published,
      content: xmlSafe(item.html),
      categories: [item.tag],
    })),
  };
}

/**
 * Drops the control characters XML 1.0 forbids outright: one of them makes the whole document
 * unreadable to a strict parser, and @astrojs/rss passes them through.
 */
export function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

/** Text and attribute values in XML: forbidden characters dropped, the five markup characters escaped. */
export function escapeXml(text: string): string {
  return xmlSafe(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** The Atom document. The author sits on the feed, which RFC 4287 lets every entry inherit. */
export function toAtom(feed: Feed, self: string): string {
  const entries = feed.items.map(
    (item) => `  <entry>
    <id>${escapeXml(item.url)}</id>
    <title>${escapeXml(item.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(item.url)}"/>
    <published>${item.published.toISOString()}</published>
    <updated>${item.updated.toISOString()}</updated>
    <category term="${escapeXml(item.tag)}"/>
    <summary>${escapeXml(item.summary)}</summary>
    <content type="html">${escapeXml(item.html)}</content>
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="${ATOM_NS}" xml:lang="${escapeXml(feed.language)}">
  <id>${escapeXml(feed.home)}</id>
  <title>${escapeXml(feed.title)}</title>
  <subtitle>${escapeXml(feed.description)}</subtitle>
  <link rel="alternate" type="text/html" href="${escapeXml(feed.home)}"/>
  <link rel="self" type="application/atom+xml" href="${escapeXml(self)}"/>
  <author><name>${escapeXml(feed.author)}</name></author>
  <updated>${feed.updated.toISOString()}</updated>
${entries.join('\n')}
</feed>
`;
}

/** The JSON Feed 1.1 document (https://jsonfeed.org/version/1.1). */
export function toJsonFeed(feed: Feed, self: string): string {
  return JSON.stringify(
    {
      version: 'https://jsonfeed.org/version/1.1',
      title: feed.title,
      home_page_url: feed.home,
      feed_url: self,
      description: feed.description,
      language: feed.language,
      authors: [{ name: feed.author }],
      items: feed.items.map((item) => ({
        id: item.url,
        url: item.url,
        title: item.title,
        summary: item.summary,
        content_html: item.html,
        date_published: item.published.toISOString(),
        date_modified: item.updated.toISOString(),
        tags: [item.tag],
      })),
    },
    null,
    2,
  );
}
