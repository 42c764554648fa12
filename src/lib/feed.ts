/**
 * What the feeds carry: which articles, in what order, with what content. Pure, so it is tested
 * without Astro; src/lib/site-feed.ts feeds it the real articles and their rendered bodies, and
 * src/lib/feed-formats.ts writes it out as RSS, Atom and JSON Feed.
 */
import { feedHtml } from './feed-html';
import { byNewest, isPublic, type Dated } from './order';

/** The fields an item needs; an Article satisfies it. */
export interface FeedSource extends Dated {
  data: Dated['data'] & { title: string; summary: string; updated?: Date | undefined };
}

export interface FeedItem {
  /** Absolute address of the article; also the item's permanent id. */
  url: string;
  title: string;
  summary: string;
  tag: string;
  published: Date;
  /** The last revision, or the publication date when there was none. */
  updated: Date;
  /** The full body, rewritten for feed readers (see feed-html.ts). */
  html: string;
}

export interface Feed {
  title: string;
  description: string;
  language: string;
  author: string;
  /** Absolute address of the home page. */
  home: string;
  /** The newest change among the items: what a reader compares to decide whether to refetch. */
  updated: Date;
  items: FeedItem[];
}

/**
 * How many articles a feed carries. Readers fetch the whole file on every poll, so a full-content
 * feed of every article would grow without bound (the 5,000-article bench); the newest fifty is
 * more than any reader shows, and every article stays on the site and in the sitemap.
 */
export const FEED_SIZE = 50;

/**
 * The articles a feed carries, newest first, at most `size`. Drafts never reach a feed, not even
 * under `astro dev`, where the collection itself includes them.
 */
export function feedEntries<T extends FeedSource>(entries: readonly T[], size = FEED_SIZE): T[] {
  return entries.filter((e) => isPublic(e, false)).sort(byNewest).slice(0, size);
}

/** One item from an entry, its absolute address and its rendered body as the page shows it. */
export function feedItem(entry: FeedSource, url: string, renderedHtml: string): FeedItem {
  const { title, summary, tag, published, updated } = entry.data;
  return { url, title, summary, tag, published, updated: updated ?? published, html: feedHtml(renderedHtml, url) };
}

/** The feed around its items; `updated` falls back to the epoch only for a feed with no items. */
export function buildFeed(meta: Omit<Feed, 'updated' | 'items'>, items: FeedItem[]): Feed {
  const updated = new Date(Math.max(0, ...items.map((i) => i.updated.getTime())));
  return { ...meta, updated, items };
}
