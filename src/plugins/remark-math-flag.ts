/**
 * Marks an article that contains math, so its page links KaTeX's stylesheet and no other page does.
 * Runs after remark-math, which turns `$…$` and `$$…$$` into `inlineMath` and `math` nodes.
 */
import type { Root } from 'mdast';
import { visit, EXIT } from 'unist-util-visit';
import type { VFile } from 'vfile';

export default function remarkMathFlag() {
  return (tree: Root, file: VFile) => {
    let found = false;
    visit(tree, (node) => {
      if (node.type === 'math' || node.type === 'inlineMath') {
        found = true;
        return EXIT;
      }
      return undefined;
    });
    const astro = (file.data['astro'] ??= {}) as { frontmatter?: Record<string, unknown> };
    (astro.frontmatter ??= {})['hasMath'] = found;
  };
}
