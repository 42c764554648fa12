/**
 * Runnable SQL blocks, executed at build on PostgreSQL (PGlite, the engine readers get). In one
 * article the blocks share one database and run in order:
 *
 * - ```` ```sql setup ```` prepares the database (tables, seed data); add `hidden` to keep it off the
 *   page. Setup blocks come first; the state after them is dumped as a data directory the reader's
 *   browser loads, so their first Run starts from it at once. A failing setup fails the build.
 * - ```` ```sql run ```` becomes a lab: the page embeds what PostgreSQL really answered (rows, command
 *   tags, notices, plans) and the reader can edit and rerun it. A failing statement fails the build
 *   unless the fence says `error`, and then the error is what the page shows. A following
 *   ```` ```output ```` fence is compared with psql's text form of the result (timings masked).
 * - `id=name` names a block for a figure drawn from its result (`<Figure lab="name">`).
 */
import type { Code, Root, RootContent } from 'mdast';
import type { VFile } from 'vfile';
import { fromHtml } from 'hast-util-from-html';
import { lineDiff, maskVolatile } from '../labs/output';
import { createPgSession, type PgSession } from '../labs/postgres/node-runner';
import { contribUsed } from '../labs/postgres/contrib';
import { sqlHtml, sqlText } from '../labs/postgres/render';
import { cachedDataDir, dataDirKey, saveDataDir } from '../labs/postgres/datadir';
import { POSTGRESQL_CONF } from '../labs/postgres/contrib';
import { planRenderer } from '../labs/postgres/plan-render';
import { ContentError } from './remark-content-checks';
import { labElement, recordLabOutput } from './lab-markup';

const FLAGS = new Set(['run', 'setup', 'hidden', 'error']);
const ID = /^id=([a-z][a-z0-9-]*)$/;

export function parseSqlMeta(meta: string | null | undefined) {
  const tokens = (meta ?? '').match(/(?:[^\s"]+|"[^"]*")+/g) ?? [];
  const flags = new Set(tokens.filter((t) => FLAGS.has(t)));
  const id = tokens.map((t) => ID.exec(t)?.[1]).find(Boolean);
  return {
    run: flags.has('run'),
    setup: flags.has('setup'),
    hidden: flags.has('hidden'),
    error: flags.has('error'),
    id,
    rest: tokens.filter((t) => !FLAGS.has(t) && !ID.test(t)).join(' '),
  };
}

/** The result's HTML as a node MDX turns into markup (mdast → hast through `data.hChildren`). */
function resultNode(html: string): RootContent {
  const hast = fromHtml(html, { fragment: true });
  return { type: 'sqlResult', data: { hName: 'div', hProperties: { className: ['sql-output'] }, hChildren: hast.children } } as unknown as RootContent;
}

export default function remarkSql() {
  return async (tree: Root, file: VFile) => {
    const blocks: { parent: { children: RootContent[] }; node: Code }[] = [];
    const walk = (parent: { children: RootContent[] }) => {
      for (const child of parent.children) {
        if (child.type === 'code' && child.lang === 'sql') {
          const meta = parseSqlMeta(child.meta);
          if (meta.run || meta.setup) blocks.push({ parent, node: child });
        } else if ('children' in child && Array.isArray(child.children)) walk(child as { children: RootContent[] });
      }
    };
    walk(tree);
    if (!blocks.length) return;

    const firstRun = blocks.findIndex((b) => parseSqlMeta(b.node.meta).run);
    const lateSetup = blocks.find((b, i) => firstRun >= 0 && i > firstRun && parseSqlMeta(b.node.meta).setup);
    if (lateSetup) {
      throw new ContentError(file, lateSetup.node, 'A ```sql setup block comes after a runnable block.', 'move every setup block above the first ```sql run block: the reader’s database starts from the state after the setup.');
    }

    const extensions = contribUsed(blocks.map((b) => b.node.value).join('\n'));
    const setupSql = blocks.filter((b) => parseSqlMeta(b.node.meta).setup).map((b) => b.node.value);
    const key = dataDirKey([...POSTGRESQL_CONF, extensions.join(' '), ...setupSql]);
    let session: PgSession | undefined;
    let dataDir = '';
    try {
      session = await createPgSession(extensions);
      let labIndex = 0;
      for (const { parent, node } of blocks) {
        const meta = parseSqlMeta(node.meta);
        // The reader's database: the state after the setup, before the first runnable block.
        if (!meta.setup && !dataDir) dataDir = cachedDataDir(key) ?? saveDataDir(key, await session.dump());
        const result = await session.run(node.value);
        const at = parent.children.indexOf(node);

        if (meta.setup) {
          if (result.error) throw new ContentError(file, node, `This setup block failed: ${result.error}`, 'fix the SQL; setup blocks must run cleanly, since every lab of the article starts from them.');
          if (meta.hidden) parent.children.splice(at, 1);
          else node.meta = `${meta.rest} title="Setup: already run in your database"`.trim();
          continue;
        }

        if (result.error && !meta.error) {
          throw new ContentError(file, node, `This SQL block failed: ${result.error}`, 'fix the SQL, or mark the fence ```sql run error if the error is the point.');
        }
        if (!result.error && meta.error) {
          throw new ContentError(file, node, 'This block is marked `error` but ran without an error.', 'remove `error` from the fence, or make the SQL fail the way the text describes.');
        }
        const next = parent.children[at + 1];
        const declared = next?.type === 'code' && next.lang === 'output' ? next : undefined;
        const text = sqlText(result);
        if (declared && maskVolatile(declared.value) !== maskVolatile(text)) {
          throw new ContentError(
            file,
            declared,
            `The declared output differs from what PostgreSQL answered (- declared, + answered):\n${lineDiff(maskVolatile(declared.value), maskVolatile(text))}`,
            'paste the answer into the ```output fence, or change the SQL.',
          );
        }
        labIndex++;
        const id = meta.id ?? `sql-${labIndex}`;
        // Figures drawn from a SQL block get its result items as JSON, as the browser's runs send them.
        recordLabOutput(file, id, JSON.stringify(result.items));
        const lab = labElement({
          kind: 'sql',
          id,
          source: node.value,
          scope: 'article',
          expectError: meta.error,
          code: { ...node, meta: meta.rest || null },
          output: [resultNode(sqlHtml(result, planRenderer(id)))],
          data: { datadir: dataDir, extensions: extensions.join(' ') },
        });
        parent.children.splice(at, declared ? 2 : 1, lab);
      }
    } finally {
      await session?.close();
    }
    const astro = (file.data['astro'] ??= {}) as { frontmatter?: Record<string, unknown> };
    const fm = (astro.frontmatter ??= {});
    fm['verifiedWith'] = [...((fm['verifiedWith'] as string[] | undefined) ?? []), `PostgreSQL ${session?.version ?? ''}`];
    fm['labs'] = [...new Set([...((fm['labs'] as string[] | undefined) ?? []), 'sql'])];
  };
}
