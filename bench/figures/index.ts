/**
 * npm run bench:figures [-- --cpu 4]
 *
 * How fast every explorable figure redraws, in Chromium against dist/: for each figure, each slider
 * and select is moved through its range and the time from the input event to the frame that shows
 * it is measured (the model's work plus Preact's render plus layout and paint); figures with Play
 * are played for two seconds and their frame intervals measured. `--cpu 4` slows the CPU 4× through
 * the DevTools protocol, roughly a mid-range phone. 60 frames per second is 16.7 ms a frame.
 */
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serveDist } from '../../scripts/lib/serve-dist.ts';

const { values } = parseArgs({ options: { cpu: { type: 'string', default: '4' }, port: { type: 'string', default: '4338' } } });

const figures = readdirSync('dist/articles').flatMap((slug) => {
  try {
    const html = readFileSync(join('dist/articles', slug, 'index.html'), 'utf8');
    return [...html.matchAll(/data-lab="figure" id="([^"]+)"/g)].map((m) => ({ slug, id: m[1]! }));
  } catch {
    return [];
  }
});

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? NaN;

const { origin, stop } = await serveDist(Number(values.port));
try {
  const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium' });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(values.cpu) });
  console.log(`CPU slowed ${values.cpu}×; milliseconds from input to the painted frame (median / 95th percentile / worst)\n`);
  const rows: { name: string; p50: number; p95: number; max: number }[] = [];
  for (const { slug, id } of figures) {
    await page.goto(`${origin}/articles/${slug}/`);
    const figure = page.locator(`[data-lab="figure"][id="${id}"]`);
    await figure.scrollIntoViewIfNeeded();
    await page.locator(`[data-lab="figure"][id="${id}"][data-lab-ready]`).waitFor({ timeout: 20_000 });
    const times = await figure.evaluate(async (root) => {
      const frame = () => new Promise<number>((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const out: number[] = [];
      for (const control of root.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input[type="range"][data-lab-control], select[data-lab-control]')) {
        const steps = control instanceof HTMLSelectElement ? [...control.options].map((o) => o.value) : Array.from({ length: 12 }, (_, i) => String(Number(control.min) + ((Number(control.max) - Number(control.min)) * i) / 11));
        for (const value of steps) {
          const start = performance.now();
          control.value = value;
          control.dispatchEvent(new Event(control instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
          await frame();
          out.push(performance.now() - start);
        }
      }
      const play = [...root.querySelectorAll<HTMLButtonElement>('button[data-lab-control]')].find((b) => b.textContent?.trim() === 'Play');
      const intervals: number[] = [];
      if (play) {
        play.click();
        let last = performance.now();
        const until = last + 2000;
        while (performance.now() < until) {
          const now = await new Promise<number>((r) => requestAnimationFrame(r));
          intervals.push(now - last);
          last = now;
        }
        if (play.getAttribute('aria-pressed') === 'true') play.click();
      }
      return { inputs: out, intervals };
    });
    for (const [kind, xs] of [['input', times.inputs], ['playing', times.intervals]] as const) {
      if (!xs.length) continue;
      rows.push({ name: `${slug.slice(0, 40)}#${id} (${kind})`, p50: pct(xs, 0.5), p95: pct(xs, 0.95), max: Math.max(...xs) });
    }
  }
  for (const r of rows.sort((a, b) => b.p95 - a.p95)) {
    console.log(`${r.p50.toFixed(1).padStart(7)} ${r.p95.toFixed(1).padStart(7)} ${r.max.toFixed(1).padStart(7)}  ${r.name}`);
  }
  await browser.close();
} finally {
  stop();
}
