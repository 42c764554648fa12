import { describe, expect, it } from 'vitest';
import { byNewest, isPublic, tagCounts, withTag, type Dated } from './order';
import type { Tag } from './taxonomy';

const entry = (id: string, published: string, tag: Tag = 'ruby', draft = false): Dated => ({
  id,
  data: { published: new Date(published), tag, draft },
});

describe('byNewest', () => {
  it('puts the newest first', () => {
    const list = [entry('old', '2026-01-01'), entry('new', '2026-03-01'), entry('mid', '2026-02-01')];
    expect(list.sort(byNewest).map((e) => e.id)).toEqual(['new', 'mid', 'old']);
  });
  it('breaks ties by slug so the order is stable', () => {
    const list = [entry('b', '2026-01-01'), entry('a', '2026-01-01')];
    expect(list.sort(byNewest).map((e) => e.id)).toEqual(['a', 'b']);
  });
});

describe('isPublic', () => {
  it('hides drafts from the build and shows them in dev', () => {
    const draft = entry('d', '2026-01-01', 'ml', true);
    expect(isPublic(draft, false)).toBe(false);
    expect(isPublic(draft, true)).toBe(true);
    expect(isPublic(entry('p', '2026-01-01'), false)).toBe(true);
  });
});

describe('tags', () => {
  const list = [entry('a', '2026-01-03', 'ml'), entry('b', '2026-01-02', 'ruby'), entry('c', '2026-01-01', 'ml')];
  it('withTag keeps only that tag, in the given order', () => {
    expect(withTag(list, 'ml').map((e) => e.id)).toEqual(['a', 'c']);
  });
  it('tagCounts follows the vocabulary order and drops unused tags', () => {
    expect(tagCounts(list, ['ruby', 'postgres', 'ml'])).toEqual([
      { tag: 'ruby', count: 1 },
      { tag: 'ml', count: 2 },
    ]);
  });
});
