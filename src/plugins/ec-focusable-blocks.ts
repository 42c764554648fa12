/**
 * Code blocks that scroll sideways must be reachable from the keyboard. Expressive Code's script
 * adds tabindex (and an unnamed role="region", which axe flags as a duplicate landmark) only after
 * the page has settled; this gives every block's <pre> tabindex=0 in the HTML instead. The same
 * script then removes it again from blocks that do not overflow, and never adds the unnamed region.
 */
import type { ExpressiveCodePlugin } from 'astro-expressive-code';

export function pluginFocusableBlocks(): ExpressiveCodePlugin {
  return {
    name: 'longform-focusable-blocks',
    hooks: {
      postprocessRenderedBlock: ({ renderData }) => {
        const visit = (node: { type: string; tagName?: string; properties?: Record<string, unknown>; children?: unknown[] }) => {
          if (node.type === 'element' && node.tagName === 'pre') node.properties = { ...node.properties, tabindex: '0' };
          for (const child of node.children ?? []) visit(child as typeof node);
        };
        visit(renderData.blockAst as Parameters<typeof visit>[0]);
      },
    },
  };
}
