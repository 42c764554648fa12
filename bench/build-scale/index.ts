/**
 * How the build scales: generates a synthetic site of N articles in our real article shape (headings,
 * prose, Ruby and SQL code, a box-drawing diagram, a numbered figure, a link to a sibling), builds it in a
 * scratch copy of the project, and reports milliseconds per article and peak memory; then changes one
 * article and builds again.
 *
 *   npm run bench:build-scale -- [--articles 1000,5000] [--keep]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ASTRO, makeScratchSite } from '../../scripts/lib/scratch-site.ts';

const TAGS = ['ml', 'infra', 'distributed', 'postgres', 'rails', 'architecture', 'performance', 'ruby'];

/** One synthetic article, about 1,300 words with six code blocks, a diagram and a figure. */
export function syntheticArticle(i: number, total: number): string {
  const date = new Date(Date.UTC(2020, 0, 1) + i * 3_600_000).toISOString().slice(0, 10);
  const para = (n: number) =>
    `Paragraph ${n} of article ${i}: the planner estimated rows from statistics gathered by ANALYZE, the executor ` +
    'pulled tuples through the plan tree, and the buffer manager counted shared hits and reads for each node. ' +
    'Every number here is something the reader can check with a query, so the text stays concrete and short.';
  const section = (s: number) => `## Section ${s} of article ${i}

${para(s * 3)}

${para(s * 3 + 1)}

\`\`\`ruby
class Report${s}
  def call(rows) = rows.group_by { |r| r[:tag] }.transform_values(&:size)
end
puts Report${s}.new.call([{ tag: :ruby }, { tag: :sql }]).inspect
\`\`\`

\`\`\`sql
SELECT relname, n_live_tup, n_dead_tup FROM pg_stat_user_tables WHERE n_dead_tup > ${s * 100} ORDER BY 3 DESC;
\`\`\`

${para(s * 3 + 2)}
`;
  return `---
title: "Synthetic article ${i}: how the planner reads statistics"
summary: "Article ${i} of ${total}, generated to measure how the build scales."
tag: ${TAGS[i % TAGS.length]}
published: ${date}
---

${[1, 2, 3].map(section).join('\n')}

<Figure caption="The request path for article ${i}." alt="Boxes for the client, the queue and the worker, joined by arrows.">

\`\`\`text
┌────────┐   enqueue   ┌───────┐   pop   ┌────────┐
│ client │ ──────────► │ queue │ ──────► │ worker │
└────────┘             └───────┘         └────────┘
\`\`\`

</Figure>

See [the previous article](/articles/synthetic-${Math.max(0, i - 1)}/) and [Figure 1](#figure-1).
`;
}

function site(dir: string, n: number): void {
  makeScratchSite(dir);
  for (let i = 0; i < n; i++) {
    mkdirSync(join(dir, `src/content/articles/synthetic-${i}`), { recursive: true });
    writeFileSync(join(dir, `src/content/articles/synthetic-${i}/index.mdx`), syntheticArticle(i, n));
  }
}

/** Astro's own phase timings from its log: content sync, bundling (MDX, highlighting), page rendering. */
function phases(stdout: string): string {
  const keep = /(Synced content|\[types\] Generated|Completed in|built in|indexed \d+ pages|page\(s\) built)/;
  // eslint-disable-next-line no-control-regex
  const lines = stdout.replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((l) => keep.test(l));
  return lines.map((l) => `    ${l.replace(/^\d\d:\d\d:\d\d /, '')}`).join('\n');
}

/** Runs `astro build` under GNU time; returns wall milliseconds and peak resident memory. */
function build(dir: string): { ms: number; peakMiB: number; log: string } {
  const start = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ASTRO, 'build'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    // Share images are cached between builds; a cache of this site's own keeps the first build cold.
    env: { ...process.env, LONGFORM_OG_CACHE: join(dir, '.og-cache') },
  });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`build failed:\n${run.stdout.slice(-2000)}\n${run.stderr.slice(-2000)}`);
  const kb = Number(run.stderr.trim().split('\n').at(-1));
  return { ms, peakMiB: kb / 1024, log: phases(run.stdout) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { articles: { type: 'string', default: '1000,5000' }, keep: { type: 'boolean', default: false } } });
  for (const n of (values.articles ?? '').split(',').map(Number)) {
    const dir = mkdtempSync(join(tmpdir(), `longform-scale-${n}-`));
    try {
      site(dir, n);
      const cold = build(dir);
      console.log(`${n} articles: ${(cold.ms / 1000).toFixed(1)} s, ${(cold.ms / n).toFixed(1)} ms per article, peak ${cold.peakMiB.toFixed(0)} MiB`);
      console.log(cold.log);
      writeFileSync(join(dir, 'src/content/articles/synthetic-0/index.mdx'), syntheticArticle(0, n).replace('Paragraph 1 ', 'Edited paragraph 1 '));
      const again = build(dir);
      console.log(`${n} articles, one changed: ${(again.ms / 1000).toFixed(1)} s, peak ${again.peakMiB.toFixed(0)} MiB`);
      console.log(again.log);
    } finally {
      if (values.keep) console.log(`kept ${dir}`);
      else rmSync(dir, { recursive: true, force: true });
    }
  }
}
