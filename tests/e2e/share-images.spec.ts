/** Share images in the build: one per article and one for the site, in both themes, at 1200×630. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { DIST } from './pages';
import { seed } from './seed';

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(join(DIST, file));
  expect(png.subarray(0, 8).toString('hex'), file).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

test('every article and the site have a 1200×630 share image in each theme', () => {
  for (const name of ['site', ...seed.articles.map((a) => a.slug)]) {
    for (const file of [`og/${name}.png`, `og/${name}-light.png`]) {
      expect(pngSize(file), file).toEqual({ width: 1200, height: 630 });
    }
  }
});

test('pages point og:image at an image that exists', () => {
  const article = seed.articles[0];
  if (!article) throw new Error('the seed lists no articles');
  for (const [page, image] of [
    [`articles/${article.slug}/index.html`, `/og/${article.slug}.png`],
    ['index.html', '/og/site.png'],
  ] as const) {
    const html = readFileSync(join(DIST, page), 'utf8');
    const content = /<meta property="og:image" content="([^"]+)"/.exec(html)?.[1];
    expect(content && new URL(content).pathname, page).toBe(image);
    expect(pngSize(image.slice(1))).toEqual({ width: 1200, height: 630 });
  }
});
