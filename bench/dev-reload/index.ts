/**
 * How fast `npm run dev` shows an edited article: starts the dev server on a scratch copy of the site
 * (all real articles, plus one with runnable Ruby blocks), loads a page, edits its source, and times
 * until the server returns the edited text. Reports the first load and the median of several edits.
 *
 *   npm run bench:dev-reload -- [--edits 5]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ASTRO, makeScratchSite } from '../../scripts/lib/scratch-site.ts';

const PORT = 4395;
const { values } = parseArgs({ options: { edits: { type: 'string', default: '5' } } });

const dir = makeScratchSite(mkdtempSync(join(tmpdir(), 'longform-dev-')), { keepArticles: true });
mkdirSync(join(dir, 'src/content/articles/lab-reload'));
const labPath = join(dir, 'src/content/articles/lab-reload/index.mdx');
writeFileSync(
  labPath,
  '---\ntitle: "Lab reload"\nsummary: "Runnable blocks under the dev server."\ntag: ruby\npublished: 2020-01-01\n---\n\n## Blocks\n\n```ruby run\nclass Probe; def hi = "hi"; end\nputs Probe.ancestors.first(2).inspect\n```\n\nMARKER\n\n```ruby run\nProbe.new.hi\n```\n',
);
const proseSlug = 'what-vacuum-actually-does-in-postgresql';
const prosePath = join(dir, `src/content/articles/${proseSlug}/index.mdx`);

const server = spawn(process.execPath, [ASTRO, 'dev', '--port', String(PORT), '--host', '127.0.0.1'], { cwd: dir, stdio: 'ignore' });
const get = (path: string) => fetch(`http://127.0.0.1:${PORT}${path}`).then((r) => (r.ok ? r.text() : ''), () => '');

async function until(path: string, text: string): Promise<number> {
  const start = performance.now();
  for (;;) {
    if ((await get(path)).includes(text)) return performance.now() - start;
    if (performance.now() - start > 120_000) throw new Error(`${path} never showed "${text}"`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
try {
  const first = await until(`/articles/${proseSlug}/`, '<h1');
  console.log(`dev server up and first article rendered: ${(first / 1000).toFixed(1)} s`);
  for (const [label, path, file] of [
    ['article without labs', `/articles/${proseSlug}/`, prosePath],
    ['article with Ruby labs', '/articles/lab-reload/', labPath],
  ] as const) {
    await until(path, '<h1');
    const original = readFileSync(file, 'utf8');
    const times: number[] = [];
    for (let i = 0; i < Number(values.edits); i++) {
      const marker = `Edited paragraph ${i} ${Date.now()}`;
      writeFileSync(file, original.includes('MARKER') ? original.replace('MARKER', marker) : `${original}\n${marker}\n`);
      times.push(await until(path, marker));
    }
    console.log(`${label}: edit → updated page, median ${median(times).toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
  }
} finally {
  server.kill();
  rmSync(dir, { recursive: true, force: true });
}
