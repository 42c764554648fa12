/**
 * Reading the articles collection: the only place pages get their entries from.
 * Pure helpers take plain entries so they are unit-tested without Astro.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { readingMinutes } from './reading-time';
import type { Tag } from './taxonomy';

export type Article = CollectionEntry<'articles'>;

/** The fields the helpers below need; an Article satisfies it. */
export interface Dated {
  id: string;
  data: { published: Date; tag: Tag; draft: boolean };
}

/** Newest first; equal dates fall back to the slug so the order is stable. */
export function byNewest<T extends Dated>(a: T, b: T): number {
  return b.data.published.getTime() - a.data.published.getTime() || a.id.localeCompare(b.id);
}

/** Drafts are visible in `astro dev` only. */
export function isPublic(entry: Dated, dev: boolean): boolean {
  return dev || !entry.data.draft;
}

/** Entries of one tag, keeping the given order. */
export function withTag<T extends Dated>(entries: readonly T[], tag: Tag): T[] {
  return entries.filter((e) => e.data.tag === tag);
}

/** Tags in use, each with its count, in the order given by `all`. */
export function tagCounts<T extends Dated>(entries: readonly T[], all: readonly Tag[]): { tag: Tag; count: number }[] {
  return all.map((tag) => ({ tag, count: withTag(entries, tag).length })).filter((t) => t.count > 0);
}

/** Every article the current build may show, newest first. */
export async function getArticles(): Promise<Article[]> {
  const entries = await getCollection('articles', (e) => isPublic(e, import.meta.env.DEV));
  return entries.sort(byNewest);
}

/** Reading time of an entry, from its raw body. */
export function minutesOf(entry: Article): number {
  return readingMinutes(entry.body ?? '');
}

export function articleUrl(id: string): string {
  return `/articles/${id}/`;
}

export function tagUrl(tag: Tag): string {
  return `/tags/${tag}/`;
}
