/**
 * Reading the articles collection: the only place pages get their entries from.
 * Pure helpers take plain entries so they are unit-tested without Astro.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import { readingMinutes } from './reading-time';
import { byNewest, isPublic } from './order';
import type { Tag } from './taxonomy';

export { byNewest, isPublic, tagCounts, withTag } from './order';

export type Article = CollectionEntry<'articles'>;

/** Every article the current build may show, newest first. */
export async function getArticles(): Promise<Article[]> {
  const entries = await getCollection('articles', (e) => isPublic(e, import.meta.env.SHOW_DRAFTS));
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
