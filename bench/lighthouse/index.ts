/**
 * Lighthouse (mobile settings) on the pages the budgets name, against the built site served locally,
 * in Debian's Chromium. Prints the four category scores per page and, for any score under 100, the
 * audits that lost points.
 *
 *   npm run build && npm run bench:lighthouse [-- /articles/<slug>/ ...]
 */
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { serveDist } from '../../scripts/lib/serve-dist.ts';

const PORT = 4388;
const { positionals } = parseArgs({ allowPositionals: true });
const pages = positionals.length
  ? positionals
  : ['/', '/articles/', '/articles/what-vacuum-actually-does-in-postgresql/', '/articles/gradient-descent-visually-explained/'];

const server = await serveDist(PORT);
const chrome = await chromeLauncher.launch({
  chromePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
let worst = 100;
try {
  console.log('page'.padEnd(60), ...CATEGORIES.map((c) => c.padStart(15)));
  for (const page of pages) {
    const result = await lighthouse(`${server.origin}${page}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      formFactor: 'mobile',
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
    const { categories, audits, runtimeError, runWarnings } = result.lhr;
    if (runtimeError) console.log(`    error: ${runtimeError.code} ${runtimeError.message}`);
    for (const w of runWarnings) console.log(`    warning: ${w}`);
    const scores = CATEGORIES.map((c) => Math.round((categories[c]?.score ?? 0) * 100));
    worst = Math.min(worst, ...scores);
    console.log(page.padEnd(60), ...scores.map((s) => String(s).padStart(15)));
    const shifts = (audits['layout-shifts']?.details as { items?: { node?: { snippet?: string }; score?: number }[] } | undefined)?.items ?? [];
    for (const s of shifts.slice(0, 3)) console.log(`    layout shift ${s.score?.toFixed(3)}: ${s.node?.snippet ?? ''}`);
    for (const c of CATEGORIES) {
      const cat = categories[c];
      if (!cat || cat.score === 1) continue;
      for (const ref of cat.auditRefs) {
        const audit = audits[ref.id];
        if (ref.weight > 0 && audit && audit.score !== null && audit.score < 1) {
          console.log(`    ${c}: ${audit.id} (${audit.score}) ${audit.displayValue ?? ''} — ${audit.title}`);
          const items = (audit.details as { items?: { node?: { snippet?: string } }[] } | undefined)?.items ?? [];
          for (const item of items.slice(0, 3)) if (item.node?.snippet) console.log(`        ${item.node.snippet}`);
        }
      }
    }
  }
} finally {
  await chrome.kill();
  server.stop();
}
console.log(`lowest score: ${worst}`);
