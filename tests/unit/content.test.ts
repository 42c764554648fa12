/**
 * The publication's content against the author's seed (../shared/seed/articles.json):
 * same slugs, titles, summaries (verbatim) and tags, dated so that newest-first is the seed order,
 * and every article long enough to deliver its summary.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

interface SeedArticle { title: string; summary: string; tag: string; slug: string }
const seed = JSON.parse(readFileSync(new URL('../../../shared/seed/articles.json', import.meta.url), 'utf8')) as {
  articles: SeedArticle[];
};
const dir = new URL('../../src/content/articles/', import.meta.url);
const files = readdirSync(dir).map((slug) => {
  const text = readFileSync(new URL(`${slug}/index.mdx`, dir), 'utf8');
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) throw new Error(`${slug}/index.mdx has no frontmatter block`);
  return { slug, data: parse(match[1] ?? '') as Record<string, unknown>, body: match[2] ?? '' };
});

/** Prose words: code fences and display math left out. */
function proseWords(body: string): number {
  const prose = body.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1\s*$/gm, '').replace(/\$\$[\s\S]*?\$\$/g, '');
  return prose.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

describe('articles', () => {
  it('are exactly the twenty of the seed', () => {
    expect(files.map((f) => f.slug).sort()).toEqual(seed.articles.map((a) => a.slug).sort());
  });

  it('carry the seed title, summary and tag verbatim', () => {
    for (const a of seed.articles) {
      const f = files.find((x) => x.slug === a.slug);
      expect(f?.data, a.slug).toMatchObject({ title: a.title, summary: a.summary, tag: a.tag });
    }
  });

  it('are dated so that newest first is the seed order', () => {
    const byDate = [...files].sort(
      (a, b) => new Date(String(b.data['published'])).getTime() - new Date(String(a.data['published'])).getTime(),
    );
    expect(byDate.map((f) => f.slug)).toEqual(seed.articles.map((a) => a.slug));
    expect(new Set(files.map((f) => String(f.data['published']))).size).toBe(files.length);
  });

  it.each(seed.articles.map((a) => a.slug))('%s has at least 1,200 words of prose', (slug) => {
    const f = files.find((x) => x.slug === slug);
    expect(proseWords(f?.body ?? '')).toBeGreaterThanOrEqual(1200);
  });

  it('contain no placeholder text', () => {
    // Upper case only: `update-todo` is a real packwerk command, not a placeholder.
    for (const f of files) {
      expect(f.body, f.slug).not.toMatch(/\b(TODO|TBD|FIXME|XXX)\b/);
      expect(f.body, f.slug).not.toMatch(/lorem ipsum/i);
    }
  });
});
