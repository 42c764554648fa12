/**
 * Each kind of bad content must fail the build with the file, the line where there is one,
 * what is wrong and how to fix it. Every fixture is built for real, in a scratch copy of the site
 * that holds the fixture beside one valid article, and the build's own output is checked.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ASTRO, ROOT, makeScratchSite } from '../../scripts/lib/scratch-site.ts';

const FIXTURES = join(ROOT, 'tests/content-errors/fixtures');
const scratch = mkdtempSync(join(tmpdir(), 'longform-errors-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A scratch copy of the site whose articles are what `addArticle` writes plus one valid companion. */
function scratchSite(name: string, addArticle: (articlesDir: string) => void): string {
  const site = makeScratchSite(join(scratch, name));
  const articles = join(site, 'src/content/articles');
  addArticle(articles);
  mkdirSync(join(articles, 'what-vacuum-actually-does-in-postgresql'));
  writeFileSync(
    join(articles, 'what-vacuum-actually-does-in-postgresql/index.mdx'),
    '---\ntitle: "What VACUUM actually does"\nsummary: "Dead tuples."\ntag: postgres\npublished: 2020-01-02\n---\n\n## Dead tuples\n\nText.\n',
  );
  return site;
}

/** Builds a scratch site; returns the exit status and everything the build printed. */
function scratchBuild(name: string, addArticle: (articlesDir: string) => void): { status: number | null; output: string; site: string } {
  const site = scratchSite(name, addArticle);
  const run = spawnSync(process.execPath, [ASTRO, 'build'], {
    cwd: site,
    encoding: 'utf8',
    env: cleanEnv({ NODE_ENV: 'production', NO_COLOR: '1', FORCE_COLOR: '0' }),
    timeout: 120_000,
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}`, site };
}

function build(fixture: string): string {
  const run = scratchBuild(fixture, (dir) => cpSync(join(FIXTURES, fixture), join(dir, fixture), { recursive: true }));
  expect(run.status, `the build of ${fixture} should fail`).not.toBe(0);
  return run.output;
}

/** The environment of a real author's shell: without the test runner's own variables (Vitest sets VITEST, MODE, DEV, PROD…). */
const RUNNER_VARS = new Set(['TEST', 'NODE_OPTIONS', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL']);
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST') && !RUNNER_VARS.has(k)));
  return { ...env, ...extra };
}

const file = (fixture: string) => `src/content/articles/${fixture}/index.mdx`;

const cases: [fixture: string, expected: (string | RegExp)[]][] = [
  ['missing-title', [file('missing-title'), 'title: Missing. Add `title: "How VACUUM works"` to the frontmatter.']],
  ['misspelt-field', [file('misspelt-field'), 'Unknown field "sumary". Did you mean "summary"?']],
  ['unknown-tag', [file('unknown-tag'), 'tag: Unknown tag "postgresql". Did you mean "postgres"? Use one of: ml, infra,']],
  ['unknown-series', [file('unknown-series'), 'series: Unknown series "ruby-internal". Did you mean "ruby-internals"?']],
  ['bad-date', [file('bad-date'), 'published: Not a date. Write `published: 2026-11-24` (YYYY-MM-DD).']],
  [
    'broken-link',
    [
      `${file('broken-link')}:10:`,
      'Broken link "/articles/what-vacum-actually-does/": there is no article "what-vacum-actually-does".',
      'Fix: did you mean "/articles/what-vacuum-actually-does-in-postgresql/"?',
    ],
  ],
  ['broken-anchor', [`${file('broken-anchor')}:10:`, 'Broken anchor "#second-sectoin"', 'Fix: did you mean "#second-section"?']],
  ['image-without-alt', [`${file('image-without-alt')}:10:`, 'Image "./plan.png" has no alt text.', 'Fix: describe what it shows']],
  ['figure-without-alt', [`${file('figure-without-alt')}:10:`, '<img> has no alt text.', 'Fix: add alt="…"']],
  ['malformed-mdx', [`${file('malformed-mdx')}:10:`, 'closing brace', 'Fix: MDX reads `{` as the start of a JavaScript expression']],
  [
    'ruby-raises',
    [`${file('ruby-raises')}:10:1`, "This Ruby block raised: eval:2:in '<main>': undefined method 'balance' for an instance of Account (NoMethodError)", 'Fix: fix the code, or mark the fence ```ruby run error'],
  ],
  [
    'ruby-output-differs',
    [`${file('ruby-output-differs')}:14:1`, 'The declared output differs from what the block printed', '  - [3, 2, 1]\n  + [1, 2, 3]', 'Fix: paste the printed output'],
  ],
  ['ruby-error-not-raised', [`${file('ruby-error-not-raised')}:10:1`, 'marked `error` but ran without raising']],
  [
    'sql-fails',
    [`${file('sql-fails')}:14:1`, 'This SQL block failed: ERROR:  column "totl" does not exist', 'HINT:  Perhaps you meant to reference the column "orders.total".', 'Fix: fix the SQL, or mark the fence ```sql run error'],
  ],
  ['sql-setup-after-run', [`${file('sql-setup-after-run')}:14:1`, 'A ```sql setup block comes after a runnable block.', 'Fix: move every setup block above the first ```sql run block']],
  ['figure-names-no-lab', [`${file('figure-names-no-lab')}:14:1`, '<Aside lab="count"> names no runnable block.', 'Fix: give the block `id=count` in its fence meta (runnable blocks here: counts).']],
  ['unclosed-component', [`${file('unclosed-component')}:10:1`, 'MDX syntax error', 'Fix: MDX reads `<` as the start of a tag']],
  ['Not_A_Slug', ['src/content/articles/Not_A_Slug/index.mdx', 'is not a valid slug', 'Fix: rename the folder to "not-a-slug"']],
];

describe('bad content fails the build with file, line and fix', () => {
  it.each(cases)('%s', (fixture, expected) => {
    const output = build(fixture);
    for (const e of expected) {
      if (typeof e === 'string') expect(output).toContain(e);
      else expect(output).toMatch(e);
    }
    // A message for the author, not a crash: no bare stack of node_modules frames first.
    expect(output).not.toMatch(/^\s+at .*node_modules.*\n(?:\s+at .*\n){5,}/m);
  }, 150_000);
});

describe('the writing guide', () => {
  it('has examples that all build', () => {
    const guide = readFileSync(join(ROOT, 'docs/writing.md'), 'utf8');
    const examples = [...guide.matchAll(/^(`{3,})mdx\n([\s\S]*?)^\1$/gm)].map((m) => m[2] ?? '');
    expect(examples.length).toBeGreaterThanOrEqual(7);
    const run = scratchBuild('writing-guide', (dir) => {
      mkdirSync(join(dir, 'writing-guide'));
      writeFileSync(
        join(dir, 'writing-guide/index.mdx'),
        `---\ntitle: "The writing guide"\nsummary: "Every example."\ntag: ruby\npublished: 2020-01-01\n---\n\n${examples.join('\n\n')}`,
      );
      writeFileSync(join(dir, 'writing-guide/plan.svg'), '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>');
    });
    expect(run.status, run.output).toBe(0);
    const page = join(run.site, 'dist/articles/writing-guide/index.html');
    expect(existsSync(page)).toBe(true);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain('class="katex');
    expect(html).toContain('app/models/user.rb');
    expect(html).toContain('alt="A plan tree: a Hash Join over a Seq Scan and an Index Scan"');
    expect(html).toContain('id="figure-1"');
    expect(html).toContain('Figure 1');
    expect(html).toContain('class="sidenote"');
    expect(html).toMatch(/<aside[^>]*class="aside warning/);
    expect(html).toContain('data-lab="ruby"');
    expect(html).toContain('Verified with Ruby 3.4.1, PostgreSQL 18.');
    expect(html).toContain('data-lab="sql"');
    expect(html).toContain('<p class="sql-tag">UPDATE 2</p>');
    expect(html).toContain('relation &quot;order_lines&quot; does not exist');
    expect(html).toContain('undefined method');
  }, 150_000);
});

function addDraft(dir: string): void {
  mkdirSync(join(dir, 'a-draft'));
  writeFileSync(
    join(dir, 'a-draft/index.mdx'),
    '---\ntitle: "Unfinished thoughts on autovacuum"\nsummary: "Not yet."\ntag: postgres\npublished: 2020-01-03\ndraft: true\n---\n\n## Notes\n\nText.\n',
  );
}

describe('drafts', () => {
  it('are left out of the build: no page, no redirect, no list or tag page entry', () => {
    const run = scratchBuild('draft', addDraft);
    expect(run.status, run.output).toBe(0);
    const dist = join(run.site, 'dist');
    expect(existsSync(join(dist, 'articles/a-draft'))).toBe(false);
    expect(existsSync(join(dist, 'en/articles/a-draft'))).toBe(false);
    expect(existsSync(join(dist, 'articles/what-vacuum-actually-does-in-postgresql/index.html'))).toBe(true);
    for (const page of ['articles/index.html', 'tags/postgres/index.html', 'index.html']) {
      expect(readFileSync(join(dist, page), 'utf8'), page).not.toContain('Unfinished thoughts');
    }
    for (const feed of ['rss.xml', 'atom.xml', 'feed.json', 'sitemap-0.xml']) {
      if (existsSync(join(dist, feed))) expect(readFileSync(join(dist, feed), 'utf8'), feed).not.toContain('a-draft');
    }
  }, 150_000);

  it('are served by the dev server, marked as drafts', async () => {
    const site = scratchSite('draft-dev', addDraft);
    const port = 4391;
    const dev = spawn(process.execPath, [ASTRO, 'dev', '--port', String(port), '--host', '127.0.0.1'], {
      cwd: site,
      env: cleanEnv({ NODE_ENV: 'development' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    dev.stdout.on('data', (d: Buffer) => (log += d.toString()));
    dev.stderr.on('data', (d: Buffer) => (log += d.toString()));
    try {
      let html = '';
      for (let i = 0; i < 120 && !html; i++) {
        await new Promise((r) => setTimeout(r, 500));
        html = await fetch(`http://127.0.0.1:${port}/articles/a-draft/`).then((r) => (r.ok ? r.text() : ''), () => '');
      }
      expect(html, log).toContain('Unfinished thoughts on autovacuum');
      expect(html).toMatch(/class="draft"[^>]*>draft</);
      const index = await fetch(`http://127.0.0.1:${port}/articles/`).then((r) => r.text());
      expect(index).toContain('Unfinished thoughts on autovacuum');
    } finally {
      dev.kill();
    }
  }, 150_000);
});
