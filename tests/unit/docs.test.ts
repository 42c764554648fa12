/**
 * The docs name files that exist: every repository path written in backticks in README.md,
 * CONTRIBUTING.md and docs/writing.md must be there (a glob part like <slug> or * is matched loosely).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const ROOTS = ['src/', 'tests/', 'scripts/', 'bench/', 'docs/', 'public/', 'deploy/', '.ci/'];
const FILES = /^[\w.-]+\.(ts|md|json|mjs|astro|css)$/;

function exists(path: string): boolean {
  const clean = path.replace(/[),.:]+$/, '');
  if (!/[<*]/.test(clean)) return existsSync(join(ROOT, clean));
  // src/content/articles/<slug>/index.mdx → some folder in src/content/articles has index.mdx
  const [head = '', tail = ''] = clean.split(/<[^>]+>|\*+/, 2);
  const dir = join(ROOT, head.endsWith('/') ? head : dirname(head));
  if (!existsSync(dir)) return false;
  return readdirSync(dir).some((entry) => existsSync(join(dir, entry, tail.replace(/^\//, ''))) || entry.endsWith(tail));
}

describe.each(['README.md', 'CONTRIBUTING.md', 'docs/writing.md'])('%s', (doc) => {
  it('names only files that exist', () => {
    const text = readFileSync(join(ROOT, doc), 'utf8').replace(/^(`{3,})[\s\S]*?^\1/gm, '');
    const paths = [...text.matchAll(/`([^`\s]+)`/g)]
      .map((m) => m[1] ?? '')
      .filter((p) => ROOTS.some((r) => p.startsWith(r)) || FILES.test(p));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((p) => !exists(p))).toEqual([]);
  });
});
