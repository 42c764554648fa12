/** Articles in a build that have labs of a kind, in slug order. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function articlesWithLabsIn(dist: string, kind: 'ruby' | 'sql'): string[] {
  const dir = join(dist, 'articles');
  return readdirSync(dir)
    .filter((slug) => {
      try {
        return readFileSync(join(dir, slug, 'index.html'), 'utf8').includes(`data-lab="${kind}"`);
      } catch {
        return false;
      }
    })
    .sort();
}
