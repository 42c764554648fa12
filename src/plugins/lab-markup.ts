/**
 * The static markup of a runnable block, shared by the Ruby and SQL plugins: the lab DOM contract
 * (../shared/LABS.md) as MDX nodes. What the build emits reads on its own (code, then the real
 * output); the toolbar is `hidden` until the browser runtime (src/labs/client/) takes the block over,
 * so a reader without JavaScript never sees a button that does nothing.
 */
import type { RootContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import type { VFile } from 'vfile';

export interface LabMarkup {
  kind: 'ruby' | 'sql';
  id: string;
  /** The block's source as written: what the editor opens with and Reset returns to. */
  source: string;
  /** `article`: shares the article's VM or database, in order; `fresh`: a new one for each run. */
  scope: 'article' | 'fresh';
  /** The block is meant to raise or fail; the runtime shows the error as the expected result. */
  expectError: boolean;
  /** Shown blocks that run only to prepare the state (SQL setup). */
  setup?: boolean;
  code: RootContent;
  output: RootContent[];
  /** Engine settings the browser needs (`data-lab-datadir`, …). */
  data?: Record<string, string>;
}

const attr = (name: string, value: string | null = null): MdxJsxAttribute => ({ type: 'mdxJsxAttribute', name, value });

function element(name: string, attributes: MdxJsxAttribute[], children: RootContent[] = []): MdxJsxFlowElement {
  return { type: 'mdxJsxFlowElement', name, attributes, children: children as MdxJsxFlowElement['children'] };
}

/** An inline element (button, span): text children, no paragraph around them. */
function inline(name: string, attributes: MdxJsxAttribute[], value?: string): RootContent {
  return { type: 'mdxJsxTextElement', name, attributes, children: value === undefined ? [] : [{ type: 'text', value }] } as RootContent;
}

export function labElement(lab: LabMarkup): RootContent {
  const attributes = [
    attr('class', 'lab'),
    attr('data-lab', lab.kind),
    attr('id', lab.id),
    attr('data-lab-scope', lab.scope),
    attr('data-lab-source', lab.source),
  ];
  if (lab.expectError) attributes.push(attr('data-lab-expect', 'error'));
  if (lab.setup) attributes.push(attr('data-lab-setup'));
  for (const [name, value] of Object.entries(lab.data ?? {})) attributes.push(attr(`data-lab-${name}`, value));
  const bar = element('div', [attr('class', 'lab-bar'), attr('hidden')], [
    inline('button', [attr('type', 'button'), attr('class', 'lab-button'), attr('data-lab-run'), attr('aria-keyshortcuts', 'Control+Enter Meta+Enter')], 'Run'),
    inline('button', [attr('type', 'button'), attr('class', 'lab-button'), attr('data-lab-reset')], 'Reset'),
    // The contract's machine-readable state; readers get the plain message beside it.
    inline('span', [attr('class', 'lab-status'), attr('data-lab-status')], 'idle'),
    inline('span', [attr('class', 'lab-message'), attr('data-lab-message')]),
  ]);
  const output = element('div', [attr('class', 'lab-output'), attr('data-lab-output'), attr('aria-live', 'polite')], lab.output);
  return element('div', attributes, [lab.code, bar, output]) as RootContent;
}

/** Keeps a block's build-time output for figures drawn from it (read by remark-lab-figures). */
export function recordLabOutput(file: VFile, id: string, text: string): void {
  const outputs = (file.data['labOutputs'] ??= new Map<string, string>()) as Map<string, string>;
  outputs.set(id, text);
}

export function labOutputs(file: VFile): Map<string, string> {
  return (file.data['labOutputs'] as Map<string, string> | undefined) ?? new Map();
}
