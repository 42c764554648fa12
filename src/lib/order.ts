/** Ordering and filtering of entries: pure, so it is unit-tested without Astro. */
import type { Tag } from './taxonomy';

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
