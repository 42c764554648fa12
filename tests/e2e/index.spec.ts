import { expect, test } from '@playwright/test';
import { seed } from './seed';

test('the index shows the label, heading, subtitle and the twenty entries in seed order', async ({ page }) => {
  await page.goto('/articles/');
  await expect(page.locator('main .path')).toHaveText(seed.path);
  await expect(page.locator('main h1')).toHaveText(seed.heading);
  await expect(page.locator('main .subtitle')).toHaveText(seed.subtitle);
  const entries = page.locator('[data-entry]');
  await expect(entries).toHaveCount(seed.articles.length);
  for (const [i, a] of seed.articles.entries()) {
    const entry = entries.nth(i);
    const link = entry.locator('.title a');
    await expect(link).toHaveText(a.title);
    await expect(link).toHaveAttribute('href', `/articles/${a.slug}/`);
    await expect(entry.locator('.summary')).toHaveText(a.summary);
    await expect(entry.locator('a[data-tag]')).toHaveText(`#${a.tag}`);
    await expect(entry.locator('.meta')).toContainText(/\d+ min read/);
  }
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('a tag link goes to the tag page, which lists exactly that tag', async ({ page }) => {
    await page.goto('/articles/');
    await page.locator('[data-entry] a[data-tag="postgres"]').first().click();
    await expect(page).toHaveURL(/\/tags\/postgres\/$/);
    const expected = seed.articles.filter((a) => a.tag === 'postgres').map((a) => a.title);
    await expect(page.locator('[data-entry] .title a')).toHaveText(expected);
  });
});

test('with JavaScript a tag link filters the index in place, and Show all restores it', async ({ page }) => {
  await page.goto('/articles/');
  await page.locator('[data-entry] a[data-tag="ruby"]').first().click();
  await expect(page).toHaveURL(/\/articles\/\?tag=ruby$/);
  const ruby = seed.articles.filter((a) => a.tag === 'ruby').map((a) => a.title);
  await expect(page.locator('[data-entry]:visible .title a')).toHaveText(ruby);
  await expect(page.getByRole('status')).toHaveText(`${ruby.length} articles tagged #ruby`);
  await page.getByRole('button', { name: 'Show all' }).click();
  await expect(page.locator('[data-entry]:visible')).toHaveCount(seed.articles.length);
  await page.goBack();
  await expect(page.locator('[data-entry]:visible')).toHaveCount(ruby.length);
});

test('every tag page lists exactly its articles, newest first', async ({ page }) => {
  for (const tag of new Set(seed.articles.map((a) => a.tag))) {
    await page.goto(`/tags/${tag}/`);
    await expect(page.locator('main h1')).toHaveText(`#${tag}`);
    const expected = seed.articles.filter((a) => a.tag === tag).map((a) => a.title);
    await expect(page.locator('[data-entry] .title a')).toHaveText(expected);
  }
});

test('the home page shows the author and the five newest articles', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('main h1')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Elsewhere' }).getByRole('link')).toHaveText(['GitHub', 'LinkedIn', 'Email']);
  await expect(page.locator('[data-entry] .title a')).toHaveText(seed.articles.slice(0, 5).map((a) => a.title));
});

test('an unknown address gets the useful 404 page', async ({ page }) => {
  const response = await page.goto('/no-such-page/');
  expect(response?.status()).toBe(404);
  await expect(page.locator('main h1')).toHaveText('Nothing lives at this address');
  await expect(page.locator('[data-entry]')).toHaveCount(seed.articles.length);
});
