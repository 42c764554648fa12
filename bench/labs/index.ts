/**
 * npm run bench:labs [-- --runs 3]
 *
 * The reader's wait for a lab, in Chromium against dist/ on loopback, for each engine (Ruby, SQL):
 * - cold: a fresh browser profile, from the click on Run to the first result on screen;
 * - warm: the same profile on a second visit (engine files from the HTTP cache);
 * - bytes: what the first Run downloaded (as sent: brotli), by file;
 * - restart: after the watchdog stopped a runaway run, from the next click to its result.
 * Loopback has no network latency: on a real connection add the bytes' transfer time.
 */
import { chromium, type Page } from 'playwright-core';
import { parseArgs } from 'node:util';
import { articlesWithLabsIn } from './find.ts';
import { serveDist } from '../../scripts/lib/serve-dist.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, port: { type: 'string', default: '4339' } } });
const RUNS = Number(values.runs);

const RUNAWAY = { ruby: 'loop {}', sql: 'SELECT count(*) FROM generate_series(1, 100000000000);' } as const;
const TRIVIAL = { ruby: 'puts 1', sql: 'SELECT 1;' } as const;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function runFirst(page: Page, kind: 'ruby' | 'sql', code?: string): Promise<number> {
  const lab = page.locator(`.lab[data-lab="${kind}"]`).first();
  if (code) {
    await lab.locator('.cm-content').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(code);
  }
  await lab.locator('[data-lab-status]').evaluate((el) => (el.textContent = 'idle'));
  const started = Date.now();
  await lab.locator('[data-lab-run]').click();
  await page.waitForFunction((k) => /^(done|error|stopped)$/.test(document.querySelector(`.lab[data-lab="${k}"] [data-lab-status]`)?.textContent ?? ''), kind, { timeout: 60_000, polling: 10 });
  return Date.now() - started;
}

const { origin, stop } = await serveDist(Number(values.port));
try {
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' });
  for (const kind of ['ruby', 'sql'] as const) {
    const slug = articlesWithLabsIn('dist', kind)[0];
    if (!slug) {
      console.log(`${kind}: no article with ${kind} labs in dist/`);
      continue;
    }
    const url = `${origin}/articles/${slug}/`;
    const cold: number[] = [];
    const warm: number[] = [];
    const restart: number[] = [];
    let bytes: [string, number][] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(url);
      const sizes: [string, number][] = [];
      let counting = true;
      page.on('response', async (r) => {
        const length = Number((await r.allHeaders())['content-length'] ?? 0);
        if (counting && r.url().startsWith(origin) && !r.fromServiceWorker()) sizes.push([r.url().slice(origin.length), length]);
      });
      cold.push(await runFirst(page, kind));
      counting = false;
      bytes = sizes;
      await page.goto(url);
      warm.push(await runFirst(page, kind));
      if (i === 0) {
        await runFirst(page, kind, RUNAWAY[kind]);
        restart.push(await runFirst(page, kind, TRIVIAL[kind]));
      }
      await context.close();
    }
    const total = bytes.reduce((s, [, n]) => s + n, 0);
    console.log(`\n${kind} — /articles/${slug}/ (${RUNS} runs, median)`);
    console.log(`  cold, Run to first result      ${median(cold)} ms   (${cold.join(', ')})`);
    console.log(`  warm cache, Run to first result ${median(warm)} ms   (${warm.join(', ')})`);
    console.log(`  restart after the watchdog     ${median(restart)} ms`);
    console.log(`  bytes over the wire on first Run: ${(total / 1024 / 1024).toFixed(2)} MB`);
    for (const [file, n] of bytes.sort((a, b) => b[1] - a[1])) console.log(`    ${(n / 1024).toFixed(1).padStart(8)} KB  ${file}`);
  }
  await browser.close();
} finally {
  stop();
}
