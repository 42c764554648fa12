/**
 * Series and related articles: pure functions over entries, unit-tested without Astro.
 */
import type { SeriesId, Tag } from './taxonomy';

export interface Linked {
  id: string;
  data: { tag: Tag; published: Date; series?: SeriesId | undefined; part?: number | undefined };
}

/** The parts of a series in reading order (by `part`, then by date for a tie). */
export function seriesParts<T extends Linked>(entries: readonly T[], series: SeriesId): T[] {
  return entries
    .filter((e) => e.data.series === series)
    .sort((a, b) => (a.data.part ?? 0) - (b.data.part ?? 0) || a.data.published.getTime() - b.data.published.getTime());
}

/** The previous and next parts of the entry's series, and its position. */
export function seriesNeighbours<T extends Linked>(
  entries: readonly T[],
  entry: T,
): { parts: T[]; index: number; prev: T | undefined; next: T | undefined } | undefined {
  const series = entry.data.series;
  if (!series) return undefined;
  const parts = seriesParts(entries, series);
  const index = parts.findIndex((p) => p.id === entry.id);
  return { parts, index, prev: parts[index - 1], next: parts[index + 1] };
}

/**
 * Up to `count` related articles: other parts of the same series first (nearest part first),
 * then the same tag (newest first). Never the article itself, never twice.
 */
export function relatedArticles<T extends Linked>(entries: readonly T[], entry: T, count = 3): T[] {
  const others = entries.filter((e) => e.id !== entry.id);
  const series = entry.data.series;
  const sameSeries = series
    ? others
        .filter((e) => e.data.series === series)
        .sort((a, b) => Math.abs((a.data.part ?? 0) - (entry.data.part ?? 0)) - Math.abs((b.data.part ?? 0) - (entry.data.part ?? 0)) || (a.data.part ?? 0) - (b.data.part ?? 0))
    : [];
  const sameTag = others
    .filter((e) => e.data.tag === entry.data.tag && !sameSeries.includes(e))
    .sort((a, b) => b.data.published.getTime() - a.data.published.getTime());
  return [...sameSeries, ...sameTag].slice(0, count);
}
