/**
 * Numbers the <Figure> components of an article in order and gives each a stable id (`figure-3`),
 * so "Figure 3" in the caption and `#figure-3` in a link always agree.
 */
import type { Root } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';

export default function remarkFigures() {
  return (tree: Root) => {
    let n = 0;
    visit(tree, 'mdxJsxFlowElement', (node: MdxJsxFlowElement) => {
      if (node.name !== 'Figure') return;
      n += 1;
      const has = (name: string) => node.attributes.some((a) => a.type === 'mdxJsxAttribute' && a.name === name);
      node.attributes.push({ type: 'mdxJsxAttribute', name: 'number', value: { type: 'mdxJsxAttributeValueExpression', value: String(n), data: { estree: { type: 'Program', sourceType: 'module', body: [{ type: 'ExpressionStatement', expression: { type: 'Literal', value: n, raw: String(n) } }] } } } });
      if (!has('id')) node.attributes.push({ type: 'mdxJsxAttribute', name: 'id', value: `figure-${n}` });
    });
  };
}
