import { describe, expect, it } from 'vitest';
import { relatedArticles, seriesNeighbours, seriesParts, type Linked } from './series';
import type { SeriesId, Tag } from './taxonomy';

const e = (id: string, tag: Tag, published: string, series?: SeriesId, part?: number): Linked => ({
  id,
  data: { tag, published: new Date(published), series, part },
});

const entries = [
  e('gil', 'ruby', '2026-06-08', 'ruby-internals', 4),
  e('ancestors', 'ruby', '2026-06-26', 'ruby-internals', 1),
  e('runtime', 'ruby', '2026-05-30', 'ruby-internals', 3),
  e('lookup', 'ruby', '2026-06-17', 'ruby-internals', 2),
  e('dsl', 'ruby', '2026-07-14'),
  e('old-ruby', 'ruby', '2026-01-01'),
  e('vacuum', 'postgres', '2026-09-06', 'postgresql-in-production', 3),
];

describe('series', () => {
  it('orders parts by their part number, not by date', () => {
    expect(seriesParts(entries, 'ruby-internals').map((x) => x.id)).toEqual(['ancestors', 'lookup', 'runtime', 'gil']);
  });
  it('links each part to its neighbours', () => {
    const n = seriesNeighbours(entries, entries[3]!);
    expect(n?.index).toBe(1);
    expect(n?.prev?.id).toBe('ancestors');
    expect(n?.next?.id).toBe('runtime');
    expect(seriesNeighbours(entries, entries[1]!)?.prev).toBeUndefined();
    expect(seriesNeighbours(entries, entries[0]!)?.next).toBeUndefined();
    expect(seriesNeighbours(entries, entries[4]!)).toBeUndefined();
  });
});

describe('relatedArticles', () => {
  it('prefers the nearest parts of the same series, then the newest of the same tag', () => {
    const lookup = entries[3]!;
    expect(relatedArticles(entries, lookup, 4).map((x) => x.id)).toEqual(['ancestors', 'runtime', 'gil', 'dsl']);
  });
  it('falls back to the same tag, newest first, and never returns the article itself', () => {
    const dsl = entries[4]!;
    expect(relatedArticles(entries, dsl).map((x) => x.id)).toEqual(['ancestors', 'lookup', 'gil']);
  });
  it('returns fewer when there are not enough', () => {
    expect(relatedArticles(entries, entries[6]!)).toEqual([]);
  });
});
