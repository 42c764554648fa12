/**
 * A throwaway copy of the project for tests and benchmarks that build or serve a site of their own
 * articles: the config, src/ without the real articles (unless asked), public/, and node_modules linked.
 */
import { cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../../', import.meta.url).pathname;

/** The Astro CLI, run with the same Node as the caller (Node 24 from the devDependency). */
export const ASTRO = join(ROOT, 'node_modules/astro/bin/astro.mjs');

export function makeScratchSite(dir: string, { keepArticles = false }: { keepArticles?: boolean } = {}): string {
  mkdirSync(dir, { recursive: true });
  for (const f of ['astro.config.ts', 'site.config.ts', 'tsconfig.json', 'package.json', 'public']) {
    cpSync(join(ROOT, f), join(dir, f), { recursive: true });
  }
  cpSync(join(ROOT, 'src'), join(dir, 'src'), { recursive: true, filter: (p) => keepArticles || !p.includes('/content/articles/') });
  mkdirSync(join(dir, 'src/content/articles'), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}
