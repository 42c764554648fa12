/**
 * node bench/figures/js-per-article.ts
 *
 * The JavaScript each article's figures make the reader download (brotli, as served): every island's
 * component and renderer, and the modules they import, followed through static imports; shared chunks
 * are counted once per page. Articles without figures are listed with 0.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DIST = 'dist';
const size = (file: string) => (existsSync(`${file}.br`) ? statSync(`${file}.br`).size : statSync(file).size);

function closure(entry: string, seen: Set<string>): void {
  if (seen.has(entry) || !existsSync(join(DIST, entry))) return;
  seen.add(entry);
  const code = readFileSync(join(DIST, entry), 'utf8');
  // Static imports only: dynamic import() chunks load on demand (engines on first Run).
  for (const m of code.matchAll(/(?:^|[;}\n])\s*import\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g)) {
    const spec = m[1]!;
    if (spec.startsWith('./')) closure(join('_astro', spec.slice(2)), seen);
    else if (spec.startsWith('/')) closure(spec.slice(1), seen);
  }
}

for (const slug of readdirSync(join(DIST, 'articles')).sort()) {
  const page = join(DIST, 'articles', slug, 'index.html');
  if (!existsSync(page)) continue;
  const html = readFileSync(page, 'utf8');
  const seen = new Set<string>();
  for (const m of html.matchAll(/(?:component-url|renderer-url)="\/([^"]+)"/g)) closure(m[1]!, seen);
  const islands = (html.match(/<astro-island/g) ?? []).length;
  const bytes = [...seen].reduce((s, f) => s + size(join(DIST, f)), 0);
  console.log(`${(bytes / 1024).toFixed(1).padStart(6)} KB  ${String(islands).padStart(2)} figures  ${slug}`);
}
