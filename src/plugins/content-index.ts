/**
 * What the build knows about the articles on disk, for checks that look across files:
 * the slugs, and the heading anchors of each article (the ids Astro gives its headings).
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import GithubSlugger from 'github-slugger';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { mdxFromMarkdown } from 'mdast-util-mdx';
import { toString } from 'mdast-util-to-string';
import { mdxjs } from 'micromark-extension-mdxjs';
import { math } from 'micromark-extension-math';
import { mathFromMarkdown } from 'mdast-util-math';
import { gfm } from 'micromark-extension-gfm';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import type { Heading, Root } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';

export const ARTICLES_DIR = new URL('../content/articles/', import.meta.url);

/** Parses an MDX body the way the build reads it (MDX, GFM, math), without compiling it. Throws on a syntax error. */
export function parseMdx(body: string): Root {
  return fromMarkdown(body, {
    extensions: [mdxjs(), gfm(), math()],
    mdastExtensions: [mdxFromMarkdown(), gfmFromMarkdown(), mathFromMarkdown()],
  });
}

/**
 * The anchors a page will have: heading ids as Astro's heading-id step makes them (github-slugger over
 * each heading's text, in order) and figure ids as remark-figures gives them (`figure-N`, or an explicit id).
 */
export function headingIds(tree: Root): Set<string> {
  const slugger = new GithubSlugger();
  const ids = new Set<string>();
  let figures = 0;
  visit(tree, (node) => {
    if (node.type === 'heading') ids.add(slugger.slug(toString(node as Heading)));
    else if (node.type === 'mdxJsxFlowElement' && (node as MdxJsxFlowElement).name === 'Figure') {
      figures += 1;
      const id = (node as MdxJsxFlowElement).attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'id');
      ids.add(typeof id?.value === 'string' ? id.value : `figure-${figures}`);
    }
  });
  return ids;
}

export function articleSlugs(): string[] {
  return readdirSync(ARTICLES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/index.mdx`, ARTICLES_DIR)))
    .map((d) => d.name);
}

const anchorCache = new Map<string, { mtime: string; ids: Set<string> }>();

/** Heading anchors of another article, read from its source (cached by content). */
export function anchorsOf(slug: string): Set<string> {
  const file = new URL(`${slug}/index.mdx`, ARTICLES_DIR);
  const text = readFileSync(file, 'utf8');
  const cached = anchorCache.get(slug);
  if (cached && cached.mtime === text) return cached.ids;
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  let ids = new Set<string>();
  try {
    ids = headingIds(parseMdx(body));
  } catch {
    // An article that does not parse reports its own error when it is compiled.
  }
  anchorCache.set(slug, { mtime: text, ids });
  return ids;
}

/** The closest candidate by edit distance, to suggest in an error message. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    // A shortened or truncated name is still close to its full form: also compare the same-length prefix.
    const d = Math.min(editDistance(word, c), editDistance(word, c.slice(0, word.length)) + 1);
    if (d < bestScore) {
      best = c;
      bestScore = d;
    }
  }
  return best !== undefined && bestScore <= Math.max(3, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}
