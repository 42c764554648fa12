/**
 * Byte budgets per page type, checked against the built site; exits 1 when one is exceeded.
 * Limits from ../shared/PRODUCT.md: a page without labs ships HTML + CSS + JS under 40 KB compressed
 * and no framework JavaScript; a page with labs stays under 80 KB before the reader runs anything.
 *
 *   npm run build && npm run bench:budgets
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pageWeights } from '../page-weight/index.ts';

const DIST = new URL('../../dist/', import.meta.url).pathname;
const KB = 1024;

interface Budget { type: string; limit: number }
const WITHOUT_LABS: Budget = { type: 'article without labs', limit: 40 * KB };
const WITH_LABS: Budget = { type: 'article with labs', limit: 80 * KB };

const pages: { path: string; budget: Budget }[] = [
  { path: '/', budget: { type: 'home', limit: 40 * KB } },
  { path: '/articles/', budget: { type: 'index', limit: 40 * KB } },
  ...readdirSync(join(DIST, 'tags')).map((t) => ({ path: `/tags/${t}/`, budget: { type: 'tag page', limit: 40 * KB } })),
  ...readdirSync(join(DIST, 'articles'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const html = readFileSync(join(DIST, 'articles', d.name, 'index.html'), 'utf8');
      return { path: `/articles/${d.name}/`, budget: /data-lab=/.test(html) ? WITH_LABS : WITHOUT_LABS };
    }),
];

/** Framework runtime on the page: an island, or a script that carries Preact/React. */
function frameworkJs(path: string): string | undefined {
  const html = readFileSync(join(DIST, path, 'index.html'), 'utf8');
  if (html.includes('<astro-island')) return 'an <astro-island>';
  for (const w of pageWeights(path)) {
    if (w.kind !== 'js') continue;
    const code = readFileSync(join(DIST, w.file), 'utf8');
    if (/preact|react-dom|__vue|svelte/i.test(code)) return w.file;
  }
  return undefined;
}

let failed = 0;
const rows: string[] = [];
for (const { path, budget } of pages) {
  const w = pageWeights(path);
  const total = w.reduce((a, x) => a + x.brotli, 0);
  const gzip = w.reduce((a, x) => a + x.gzip, 0);
  // Brotli is what the shipped nginx config and every current browser use; gzip is printed beside it.
  const over = total > budget.limit;
  const framework = budget === WITH_LABS ? undefined : frameworkJs(path);
  if (over || framework) failed += 1;
  rows.push(
    `${over || framework ? 'FAIL' : 'ok  '} ${budget.type.padEnd(22)} ${path.padEnd(84)} ${(total / KB).toFixed(1).padStart(6)} KB br ${(gzip / KB).toFixed(1).padStart(6)} KB gz / ${budget.limit / KB} KB` +
      (framework ? `  framework JavaScript: ${framework}` : ''),
  );
}
console.log(rows.join('\n'));
console.log(failed ? `${failed} page(s) over budget` : `all ${pages.length} pages within budget (limits apply to the brotli size)`);
process.exitCode = failed ? 1 : 0;
