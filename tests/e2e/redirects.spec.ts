import { expect, test } from '@playwright/test';
import { seed } from './seed';

test('every old /en/articles/<slug>/ address lands on its new page', async ({ page }) => {
  for (const a of seed.articles) {
    await page.goto(`/en/articles/${a.slug}/`);
    await expect(page).toHaveURL(new RegExp(`/articles/${a.slug}/$`));
    await expect(page.locator('main h1')).toHaveText(a.title);
  }
});

test('/en/ and /en/articles/ land on the home page and the index', async ({ page }) => {
  await page.goto('/en/articles/');
  await expect(page).toHaveURL(/\/articles\/$/);
  await expect(page.locator('main h1')).toHaveText('Articles');
  await page.goto('/en/');
  await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/$/);
});

test('the redirect pages name the new address as canonical', async ({ request }) => {
  const a = seed.articles[0]!;
  const html = await (await request.get(`/en/articles/${a.slug}/`)).text();
  expect(html).toContain(`<link rel="canonical" href="https://example.com/articles/${a.slug}/"`);
  expect(html).toMatch(new RegExp(`http-equiv="refresh" content="0; url=/articles/${a.slug}/"`));
});
