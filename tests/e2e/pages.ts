import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { listFiles, urlPathOf } from '../../scripts/lib/dist.ts';

export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));

/** Every page of the current build, by address; the /en/ redirect stubs are left to the redirect tests. */
export function builtPages(): string[] {
  return listFiles(DIST)
    .filter((f) => f.endsWith('.html') && !f.startsWith('en/'))
    .map(urlPathOf);
}

/** Articles of the current build, by slug. */
export function builtArticles(): string[] {
  return listFiles(join(DIST, 'articles'))
    .map((f) => /^([^/]+)\/index\.html$/.exec(f)?.[1])
    .filter((slug): slug is string => slug !== undefined);
}
