/**
 * An article's rendered body made fit for a feed. A feed reader shows the HTML out of context: no
 * site CSS or JavaScript, and relative links resolved against the feed (if at all). So links become
 * absolute, page-only chrome goes, math becomes MathML, and highlighted code becomes plain
 * `<pre><code>`. Pure: the caller renders the body; this only rewrites it.
 */
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';

/** Elements that only make sense on the page: scripts and styles, and buttons (copy buttons do nothing in a reader). */
const PAGE_ONLY_TAGS = new Set(['script', 'style', 'link', 'button']);

function hasClass(node: Element, name: string): boolean {
  const classes = node.properties['className'];
  return Array.isArray(classes) && classes.includes(name);
}

/**
 * Page-only elements, plus heading `#` links (they point at the page itself) and sidenote copies
 * (the footnotes at the end carry the same text). Plain checks rather than a CSS selector: this
 * runs on every element, and KaTeX output has thousands.
 */
function isPageOnly(node: Element): boolean {
  return (
    PAGE_ONLY_TAGS.has(node.tagName) ||
    (node.tagName === 'a' && hasClass(node, 'heading-anchor')) ||
    hasClass(node, 'sidenote') ||
    // A figure's sliders and buttons do nothing without its script; its first frame stays.
    hasClass(node, 'lab-controls')
  );
}

/** Astro's island wrappers: their attributes name build paths and scripts; only their content belongs in a feed. */
const ISLAND_WRAPPERS = new Set(['astro-island', 'astro-slot', 'astro-static-slot']);

/** Attributes holding one URL each; `srcset` holds a list and is handled apart. */
const URL_ATTRIBUTES = ['href', 'src', 'poster', 'cite'] as const;

/**
 * Resolves a URL attribute against the article's own address, so `/tags/x/` gains the origin and a
 * bare `#anchor` points into the article rather than at the feed.
 */
function absolute(value: string, base: string): string {
  try {
    return new URL(value, base).href;
  } catch {
    return value;
  }
}

function absoluteSrcset(value: string, base: string): string {
  return value
    .split(',')
    .map((candidate) => {
      const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
      return [absolute(url, base), ...descriptor].join(' ');
    })
    .join(', ');
}

/**
 * Expressive Code's block (frame, one `div` per line, CSS-variable colours, copy button) as plain
 * `<pre><code>`: the colours need the site's CSS, and `div`s inside `pre` are dropped or mangled by
 * feed sanitisers. Marked lines keep their meaning as `<mark>`, `<ins>` and `<del>`; a file title
 * stays as a caption.
 */
function plainCode(block: Element): Element | undefined {
  const pre = select('pre', block);
  if (!pre) return undefined;
  const lines = selectAll('.ec-line', pre);
  const code: ElementContent[] = [];
  lines.forEach((line, i) => {
    const text: ElementContent = { type: 'text', value: toString(line).replace(/\n$/, '') };
    const marker = (['ins', 'del', 'mark'] as const).find((m) => hasClass(line, m));
    code.push(marker ? { type: 'element', tagName: marker, properties: {}, children: [text] } : text);
    if (i < lines.length - 1) code.push({ type: 'text', value: '\n' });
  });
  const language = pre.properties['dataLanguage'];
  const plain: Element = {
    type: 'element',
    tagName: 'pre',
    properties: {},
    children: [{ type: 'element', tagName: 'code', properties: typeof language === 'string' ? { className: [`language-${language}`] } : {}, children: code }],
  };
  const title = select('figcaption .title', block);
  const caption = title ? toString(title).trim() : '';
  if (!caption) return plain;
  return {
    type: 'element',
    tagName: 'figure',
    properties: {},
    children: [{ type: 'element', tagName: 'figcaption', properties: {}, children: [{ type: 'text', value: caption }] }, plain],
  };
}

/**
 * The body of the article at `pageUrl` (absolute), rewritten for feeds: page-only parts removed,
 * code made plain, every URL absolute.
 */
export function feedHtml(html: string, pageUrl: string): string {
  const tree: Root = fromHtml(html, { fragment: true });
  visit(tree, 'element', (node, index, parent) => {
    if (!parent || index === undefined) return undefined;
    if (isPageOnly(node)) {
      parent.children.splice(index, 1);
      return [SKIP, index];
    }
    if (ISLAND_WRAPPERS.has(node.tagName)) {
      parent.children.splice(index, 1, ...node.children);
      return index;
    }
    // KaTeX's HTML rendering needs its stylesheet (without it θ₀ reads "θ0" and fractions flatten);
    // the MathML it renders beside it displays natively in readers and browsers.
    if (node.tagName === 'span' && hasClass(node, 'katex')) {
      const math = select('math', node);
      if (math) {
        parent.children[index] = math;
        return [SKIP, index + 1];
      }
    }
    if (node.tagName === 'div' && hasClass(node, 'expressive-code')) {
      const plain = plainCode(node);
      if (!plain) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
      parent.children[index] = plain;
      return [SKIP, index + 1];
    }
    for (const name of URL_ATTRIBUTES) {
      const value = node.properties[name];
      if (typeof value === 'string') node.properties[name] = absolute(value, pageUrl);
    }
    const srcset = node.properties['srcSet'];
    if (Array.isArray(srcset)) node.properties['srcSet'] = absoluteSrcset(srcset.join(', '), pageUrl);
    else if (typeof srcset === 'string') node.properties['srcSet'] = absoluteSrcset(srcset, pageUrl);
    return undefined;
  });
  return toHtml(tree);
}
