/**
 * Refuses content a reader would trip over, at build, naming the file, the line and the fix:
 * a link to an internal page or #anchor that does not exist, and an image or figure without alt text.
 */
import { relative } from 'node:path';
import type { Root } from 'mdast';
import type { MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import type { Node } from 'unist';
import type { VFile } from 'vfile';
import { TAGS } from '../lib/taxonomy';
import { anchorsOf, articleSlugs, closest, headingIds } from './content-index';

/** Addresses that exist besides articles and tags. */
const STATIC_PAGES = new Set(['/', '/articles/', '/404.html', '/rss.xml', '/atom.xml', '/feed.json']);

/** Components that render an image and so need `alt`. */
const NEEDS_ALT = new Set(['img', 'Figure', 'Image']);

export class ContentError extends Error {
  constructor(file: VFile, node: Node | undefined, what: string, fix: string) {
    const path = file.path ? relative(process.cwd(), file.path) : 'an article';
    const at = node?.position ? `${path}:${node.position.start.line}:${node.position.start.column}` : path;
    super(`${at} — ${what}\n  Fix: ${fix}`);
    this.name = 'ContentError';
  }
}

/** The problem with an internal link, or undefined when it resolves. */
export function checkInternalLink(url: string, ownAnchors: Set<string>): { what: string; fix: string } | undefined {
  const [pathPart = '', fragment] = url.split('#', 2);
  if (pathPart === '') {
    if (fragment === undefined || ownAnchors.has(fragment) || fragment.startsWith('user-content-')) return undefined;
    const near = closest(fragment, ownAnchors);
    return {
      what: `Broken anchor "#${fragment}": no heading in this article has that id.`,
      fix: near ? `did you mean "#${near}"?` : `link to one of: ${[...ownAnchors].map((a) => `#${a}`).join(', ')}`,
    };
  }
  const path = pathPart.split('?')[0] ?? '';
  const article = /^\/articles\/([^/]+)\/?$/.exec(path);
  if (article) {
    const slug = article[1] ?? '';
    const slugs = articleSlugs();
    if (!slugs.includes(slug)) {
      const near = closest(slug, slugs);
      return {
        what: `Broken link "${url}": there is no article "${slug}".`,
        fix: near ? `did you mean "/articles/${near}/"?` : 'check the folder name under src/content/articles/.',
      };
    }
    if (!path.endsWith('/')) return { what: `Link "${url}" lacks the trailing slash every page address has.`, fix: `write "/articles/${slug}/${fragment ? `#${fragment}` : ''}".` };
    if (fragment !== undefined) {
      const anchors = anchorsOf(slug);
      if (!anchors.has(fragment)) {
        const near = closest(fragment, anchors);
        return {
          what: `Broken anchor "${url}": the article "${slug}" has no heading with id "${fragment}".`,
          fix: near ? `did you mean "#${near}"?` : `use one of: ${[...anchors].map((a) => `#${a}`).join(', ')}`,
        };
      }
    }
    return undefined;
  }
  const tag = /^\/tags\/([^/]+)\/$/.exec(path);
  if (tag) {
    const name = tag[1] ?? '';
    if ((TAGS as readonly string[]).includes(name)) return undefined;
    return { what: `Broken link "${url}": there is no tag "${name}".`, fix: `use one of: ${TAGS.join(', ')}.` };
  }
  if (STATIC_PAGES.has(path)) return undefined;
  return { what: `Broken link "${url}": no page of this site lives at "${path}".`, fix: 'link to an article as /articles/<slug>/, a tag as /tags/<tag>/, or use a full https:// address for another site.' };
}

function attr(node: MdxJsxFlowElement | MdxJsxTextElement, name: string): unknown {
  for (const a of node.attributes) if (a.type === 'mdxJsxAttribute' && a.name === name) return a.value ?? true;
  return undefined;
}

export default function remarkContentChecks() {
  return (tree: Root, file: VFile) => {
    const own = headingIds(tree);
    visit(tree, (node) => {
      if (node.type === 'link' || node.type === 'definition') {
        const url = node.url;
        if (url.startsWith('/') || url.startsWith('#')) {
          const problem = checkInternalLink(url, own);
          if (problem) throw new ContentError(file, node, problem.what, problem.fix);
        }
      } else if (node.type === 'image') {
        if (!node.alt?.trim()) {
          throw new ContentError(file, node, `Image "${node.url}" has no alt text.`, `describe what it shows: ![A plan tree with a Seq Scan under a Hash Join](${node.url})`);
        }
      } else if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
        if (node.name && NEEDS_ALT.has(node.name)) {
          const alt = attr(node, 'alt');
          if (typeof alt !== 'object' && !(typeof alt === 'string' && alt.trim())) {
            throw new ContentError(file, node, `<${node.name}> has no alt text.`, `add alt="…" describing what it shows, for readers who cannot see it.`);
          }
        }
      }
    });
  };
}
