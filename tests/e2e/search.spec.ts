import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, useTheme } from './axe';

async function openSearch(page: import('@playwright/test').Page) {
  await page.goto('/articles/');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search articles' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('searchbox', { name: 'Search articles' })).toBeFocused();
  return dialog;
}

test('/ opens the search dialog and Escape closes it, returning focus', async ({ page }) => {
  await page.goto('/articles/');
  const opener = page.getByRole('button', { name: /Search/ });
  await opener.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Search articles' });
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  await page.keyboard.press('/');
  await expect(dialog).toBeVisible();
});

test('search finds an article by a phrase from its body, and shows the matched heading', async ({ page }) => {
  const dialog = await openSearch(page);
  await page.keyboard.type('accept queue overflow');
  const first = dialog.locator('[data-search-results] li').first();
  await expect(first).toContainText('How the Linux kernel actually receives an HTTP request');
  await expect(first.locator('.heading')).toContainText('§');
  await first.locator('a').click();
  await expect(page).toHaveURL(/\/articles\/how-the-linux-kernel-actually-receives-an-http-request\/#/);
});

for (const [identifier, slug] of [
  ['pg_stat_activity', 'lock-contention-the-silent-killer-in-postgresql'],
  ['instance_eval', 'writing-a-simple-dsl-from-scratch-in-ruby'],
] as const) {
  test(`search finds the code identifier ${identifier}`, async ({ page }) => {
    const dialog = await openSearch(page);
    await page.keyboard.type(identifier);
    const hrefs = dialog.locator('[data-search-results] li a');
    await expect(hrefs.first()).toBeVisible();
    const all = await hrefs.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    expect(all).toContain(`/articles/${slug}/`);
  });
}

test('tag filters narrow the results', async ({ page }) => {
  const dialog = await openSearch(page);
  await page.keyboard.type('transaction');
  await expect(dialog.locator('[data-search-results] li').first()).toBeVisible();
  await dialog.getByRole('button', { name: /#postgres/ }).click();
  await expect(dialog.getByRole('button', { name: /#postgres/ })).toHaveAttribute('aria-pressed', 'true');
  const postgres = /vacuum|lock-contention|explain-analyze/;
  // Wait for the filtered answer to replace the unfiltered one: every result is then a postgres article.
  await expect
    .poll(async () => {
      const paths = await dialog.locator('[data-search-results] li a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
      return paths.length > 0 && paths.every((p) => postgres.test(p));
    })
    .toBe(true);
  await expect(dialog.locator('[data-search-status]')).toHaveText(/^[1-3] results?$/);
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no violations in the open search dialog with results (${theme})`, async ({ page }) => {
    await useTheme(page, theme);
    const dialog = await openSearch(page);
    await page.keyboard.type('vacuum');
    await expect(dialog.locator('[data-search-results] li').first()).toBeVisible();
    await expectNoAxeViolations(page);
  });
}
