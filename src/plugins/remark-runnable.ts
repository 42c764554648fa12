/**
 * Runnable Ruby blocks, executed at build. A fence marked ```` ```ruby run ```` is run on CRuby 3.4
 * (ruby.wasm) in order, in one VM per article (`fresh` gives a block a VM of its own), and the page
 * embeds what it really printed. A ```` ```output ```` fence right after a block declares what it must
 * print: the build compares (timings and addresses masked) and fails with a diff. A block that raises
 * fails the build unless it is marked `error`, in which case the error is what the page shows.
 *
 * Each block becomes `<div class="lab" data-lab="ruby" id="ruby-N">` (or the fence's `id=name`)
 * holding the code and its output, the static form every lab keeps; the in-browser runtime
 * (src/labs/client/) attaches to it. A figure drawn from a named block gets its stdout
 * (remark-lab-figures).
 */
import type { Code, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { createRubySession, type RubySession } from '../labs/ruby/node-runner';
import { lineDiff, maskVolatile, renderOutput } from '../labs/output';
import { ContentError } from './remark-content-checks';
import { labElement, recordLabOutput } from './lab-markup';

const FLAGS = new Set(['run', 'fresh', 'error']);

const ID = /^id=([a-z][a-z0-9-]*)$/;

/** The runnable flags of a fence's meta, and the meta left for the highlighter (title, marks…). */
export function parseMeta(meta: string | null | undefined): { run: boolean; fresh: boolean; error: boolean; id?: string; rest: string } {
  const tokens = (meta ?? '').match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  const flags = new Set(tokens.filter((t) => FLAGS.has(t)));
  const id = tokens.map((t) => ID.exec(t)?.[1]).find(Boolean);
  const rest = tokens.filter((t) => !FLAGS.has(t) && !ID.test(t)).join(' ');
  return { run: flags.has('run'), fresh: flags.has('fresh'), error: flags.has('error'), ...(id ? { id } : {}), rest };
}

export default function remarkRunnable() {
  return async (tree: Root, file: VFile) => {
    const blocks: { parent: { children: RootContent[] }; node: Code }[] = [];
    const walk = (parent: { children: RootContent[] }) => {
      for (const child of parent.children) {
        if (child.type === 'code' && child.lang === 'ruby' && parseMeta(child.meta).run) blocks.push({ parent, node: child });
        else if ('children' in child && Array.isArray(child.children)) walk(child as { children: RootContent[] });
      }
    };
    walk(tree);
    if (!blocks.length) return;

    let shared: RubySession | undefined;
    let version = '';
    const ids = new Set<string>();
    try {
      for (const [i, { parent, node }] of blocks.entries()) {
        const meta = parseMeta(node.meta);
        const session = meta.fresh ? await createRubySession() : (shared ??= await createRubySession());
        version = session.version;
        const result = session.run(node.value);
        if (meta.fresh) session.close();

        if (result.error && !meta.error) {
          throw new ContentError(file, node, `This Ruby block raised: ${result.error}`, 'fix the code, or mark the fence ```ruby run error if the error is the point.');
        }
        if (!result.error && meta.error) {
          throw new ContentError(file, node, 'This block is marked `error` but ran without raising.', 'remove `error` from the fence, or make the code raise what the text describes.');
        }
        const output = renderOutput(result);
        const at = parent.children.indexOf(node);
        const next = parent.children[at + 1];
        const declared = next?.type === 'code' && next.lang === 'output' ? next : undefined;
        if (declared && maskVolatile(declared.value) !== maskVolatile(output)) {
          throw new ContentError(
            file,
            declared,
            `The declared output differs from what the block printed (- declared, + printed):\n${lineDiff(maskVolatile(declared.value), maskVolatile(output))}`,
            'paste the printed output into the ```output fence, or change the code.',
          );
        }
        const id = meta.id ?? `ruby-${i + 1}`;
        if (ids.has(id)) throw new ContentError(file, node, `Two runnable blocks have the id "${id}".`, 'give each block its own `id=` (or none).');
        ids.add(id);
        recordLabOutput(file, id, result.stdout);
        const code: Code = { ...node, meta: meta.rest || null };
        const shown: Code = { type: 'code', lang: 'text', meta: `title="Output${meta.error ? ' (error)' : ''}"`, value: output || '(no output)' };
        const lab = labElement({ kind: 'ruby', id, source: node.value, scope: meta.fresh ? 'fresh' : 'article', expectError: meta.error, code, output: [shown] });
        parent.children.splice(at, declared ? 2 : 1, lab);
      }
    } finally {
      shared?.close();
    }
    const astro = (file.data['astro'] ??= {}) as { frontmatter?: Record<string, unknown> };
    const fm = (astro.frontmatter ??= {});
    fm['verifiedWith'] = [...((fm['verifiedWith'] as string[] | undefined) ?? []), `Ruby ${version}`];
    // Tells the layout to load the lab runtime; pages without labs ship none of it.
    fm['labs'] = [...new Set([...((fm['labs'] as string[] | undefined) ?? []), 'ruby'])];
  };
}
