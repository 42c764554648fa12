/**
 * A display equation wider than a phone scrolls sideways (prose.css). A scrolling box must be
 * reachable from the keyboard, so each display equation is focusable (tabindex=0).
 */
import type { Root } from 'hast';
import { visit } from 'unist-util-visit';

export default function rehypeMathScroll() {
  return (tree: Root) => {
    visit(tree, 'element', (node) => {
      const cls = node.properties?.['className'];
      if (Array.isArray(cls) && cls.includes('katex-display')) node.properties['tabIndex'] = 0;
    });
  };
}
