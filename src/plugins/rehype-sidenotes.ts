/**
 * Footnotes that become sidenotes on wide screens. GFM footnotes stay as they are (the list at the
 * end, for narrow screens, print, feeds and screen readers); next to each reference this adds a copy
 * of the note as a `span.sidenote`, hidden from assistive technology so nothing is read twice.
 * CSS shows the copies in the margin only where there is a margin.
 */
import type { Element, ElementContent, Root } from 'hast';
import { visit, SKIP } from 'unist-util-visit';

function isElement(node: unknown, tag?: string): node is Element {
  return typeof node === 'object' && node !== null && (node as Element).type === 'element' && (!tag || (node as Element).tagName === tag);
}

/** The note's content without its back-link, flattened to phrasing content. */
function noteContent(li: Element): ElementContent[] {
  const out: ElementContent[] = [];
  for (const child of li.children) {
    if (isElement(child, 'p')) {
      out.push(...child.children.filter((c) => !(isElement(c, 'a') && 'dataFootnoteBackref' in (c.properties ?? {}))));
    } else if (!(child.type === 'text' && !child.value.trim())) {
      out.push(child);
    }
  }
  return structuredClone(out);
}

export default function rehypeSidenotes() {
  return (tree: Root) => {
    const notes = new Map<string, Element>();
    visit(tree, 'element', (node) => {
      if (node.tagName === 'li' && typeof node.properties?.['id'] === 'string' && node.properties['id'].startsWith('user-content-fn-')) {
        notes.set(node.properties['id'], node);
      }
    });
    if (!notes.size) return;
    visit(tree, 'element', (node, index, parent) => {
      if (node.tagName !== 'sup' || !parent || index === undefined) return undefined;
      const ref = node.children.find((c): c is Element => isElement(c, 'a') && 'dataFootnoteRef' in (c.properties ?? {}));
      const href = ref?.properties?.['href'];
      if (typeof href !== 'string') return undefined;
      const li = notes.get(href.slice(1));
      if (!li) return undefined;
      const label = ref?.children.map((c) => (c.type === 'text' ? c.value : '')).join('') ?? '';
      const sidenote: Element = {
        type: 'element',
        tagName: 'span',
        properties: { className: ['sidenote'], ariaHidden: 'true' },
        children: [{ type: 'element', tagName: 'span', properties: { className: ['sidenote-number'] }, children: [{ type: 'text', value: label }] }, ...noteContent(li)],
      };
      parent.children.splice(index + 1, 0, sidenote);
      return [SKIP, index + 2];
    });
  };
}
