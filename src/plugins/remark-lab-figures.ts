/**
 * Figures drawn from a runnable block's real output. A component with `lab="name"` receives the
 * named block's build-time output as its `labOutput` prop (Ruby: stdout; SQL: the result items as
 * JSON), so its first frame comes from the engine; in the browser it hears later runs through the
 * `lab:output` event (src/components/lab/use-lab-output.ts). Runs after the Ruby and SQL plugins.
 */
import type { Root } from 'mdast';
import type { MdxJsxAttribute } from 'mdast-util-mdx-jsx';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { ContentError } from './remark-content-checks';
import { labOutputs } from './lab-markup';

export default function remarkLabFigures() {
  return (tree: Root, file: VFile) => {
    const outputs = labOutputs(file);
    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const lab = node.attributes.find((a): a is MdxJsxAttribute => a.type === 'mdxJsxAttribute' && a.name === 'lab');
      if (!lab || typeof lab.value !== 'string') return;
      const output = outputs.get(lab.value);
      if (output === undefined) {
        const known = [...outputs.keys()].join(', ') || 'none';
        throw new ContentError(file, node, `<${node.name} lab="${lab.value}"> names no runnable block.`, `give the block \`id=${lab.value}\` in its fence meta (runnable blocks here: ${known}).`);
      }
      node.attributes.push({ type: 'mdxJsxAttribute', name: 'labOutput', value: output });
    });
  };
}
