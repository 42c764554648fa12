/**
 * Compressed weight of built pages: the HTML plus every stylesheet and script it links,
 * gzip and brotli at the levels a server would precompress with. Run after `npm run build`.
 *
 *   npm run bench:weight -- [/articles/<slug>/ ...]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const DIST = new URL('../../dist/', import.meta.url).pathname;

export interface Weight { file: string; kind: 'html' | 'css' | 'js'; raw: number; gzip: number; brotli: number }

function measure(file: string, kind: Weight['kind']): Weight {
  const bytes = readFileSync(join(DIST, file));
  return {
    file,
    kind,
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** The page's HTML and the same-origin CSS and JS it references (links, module scripts and their static imports). */
export function pageWeights(path: string): Weight[] {
  const htmlFile = path.endsWith('/') ? `${path}index.html` : path;
  const html = readFileSync(join(DIST, htmlFile), 'utf8');
  const out: Weight[] = [measure(htmlFile, 'html')];
  const seen = new Set<string>();
  const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="(\/[^"]+)"/g)].map((m) => m[1] ?? '');
  const js = [...html.matchAll(/<script[^>]+src="(\/[^"]+)"/g)].map((m) => m[1] ?? '');
  for (const href of css) if (!seen.has(href)) { seen.add(href); out.push(measure(href, 'css')); }
  const queue = [...js];
  while (queue.length) {
    const src = queue.shift() ?? '';
    if (seen.has(src)) continue;
    seen.add(src);
    out.push(measure(src, 'js'));
    const code = readFileSync(join(DIST, src), 'utf8');
    for (const m of code.matchAll(/(?:^|[;\s])import\s*(?:[^'"]*from\s*)?["'](\.{1,2}\/[^"']+|\/[^"']+)["']/g)) {
      const spec = m[1] ?? '';
      queue.push(spec.startsWith('/') ? spec : new URL(spec, `http://x${src}`).pathname);
    }
  }
  return out;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  const { positionals } = parseArgs({ allowPositionals: true });
  const pages = positionals.length
    ? positionals
    : ['/', '/articles/', '/tags/postgres/', '/articles/what-vacuum-actually-does-in-postgresql/', '/articles/gradient-descent-visually-explained/'];
  console.log('page'.padEnd(64), 'html'.padStart(9), 'css'.padStart(9), 'js'.padStart(9), 'total (brotli)'.padStart(15), 'total (gzip)'.padStart(13));
  for (const page of pages) {
    const w = pageWeights(page);
    const sum = (k: Weight['kind'] | null, f: 'gzip' | 'brotli') => w.filter((x) => !k || x.kind === k).reduce((a, x) => a + x[f], 0);
    console.log(
      page.padEnd(64),
      kb(sum('html', 'brotli')).padStart(9),
      kb(sum('css', 'brotli')).padStart(9),
      kb(sum('js', 'brotli')).padStart(9),
      kb(sum(null, 'brotli')).padStart(15),
      kb(sum(null, 'gzip')).padStart(13),
    );
  }
}
