import { expect, test } from '@playwright/test';
import { seed } from './seed';

for (const a of seed.articles) {
  test(`article ${a.slug} renders its title, lede, meta and body`, async ({ page }) => {
    await page.goto(`/articles/${a.slug}/`);
    await expect(page.locator('main h1')).toHaveText(a.title);
    await expect(page.locator('main .lede')).toHaveText(a.summary);
    const meta = page.locator('main .meta');
    await expect(meta).toContainText(/Published \w{3} \d{1,2}, \d{4}/);
    await expect(meta).toContainText(/\d+ min read/);
    await expect(meta.locator('a[data-tag]')).toHaveText(`#${a.tag}`);
    await expect(page.getByRole('link', { name: '← /articles' })).toHaveAttribute('href', '/articles/');
    await expect(page.locator('.prose h2').first()).toBeVisible();
    // Framework JavaScript only for figures that move: every island is a figure.
    const islands = await page.locator('astro-island').count();
    expect(await page.locator('astro-island:has([data-lab="figure"])').count()).toBe(islands);
  });
}

test('code is highlighted at build and has a copy button', async ({ page }) => {
  await page.goto('/articles/ancestors-chain-how-ruby-actually-resolves-methods/');
  const block = page.locator('.expressive-code').first();
  await expect(block).toBeVisible();
  expect(await block.locator('span[style*="--0"]').count()).toBeGreaterThan(0);
  await expect(block.getByRole('button', { name: /copy/i })).toHaveCount(1);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 800 } });
  test('diagrams keep their lines: they scroll sideways and never wrap', async ({ page }) => {
    await page.goto('/articles/how-the-linux-kernel-actually-receives-an-http-request/');
    const pre = page.locator('.expressive-code pre').filter({ hasText: /[┌└│]/ }).first();
    await expect(pre).toBeVisible();
    const style = await pre.evaluate((el) => {
      const s = getComputedStyle(el);
      const line = el.querySelector('.ec-line');
      return { overflowX: s.overflowX, whiteSpace: line ? getComputedStyle(line.querySelector('.code') ?? line).whiteSpace : s.whiteSpace };
    });
    expect(style.overflowX).toBe('auto');
    expect(style.whiteSpace).toMatch(/^pre/);
    expect(style.whiteSpace).not.toBe('pre-wrap');
    // The page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  });
});

test('math is rendered at build with KaTeX', async ({ page }) => {
  await page.goto('/articles/gradient-descent-visually-explained/');
  await expect(page.locator('.katex').first()).toBeVisible();
  await expect(page.locator('.katex-display').first()).toBeVisible();
});
