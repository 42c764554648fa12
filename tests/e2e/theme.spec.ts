import { expect, test } from '@playwright/test';

test.describe('with a light system setting', () => {
  test.use({ colorScheme: 'light' });
  test('the toggle switches to dark and the choice persists across pages and reloads', async ({ page }) => {
    await page.goto('/articles/');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'light');
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(17, 18, 20)');
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await page.goto('/');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('button', { name: 'Dark theme' }).click();
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'light');
  });
});

test.describe('with a dark system setting', () => {
  test.use({ colorScheme: 'dark' });
  test('the first paint is already dark: the theme is set before the body renders', async ({ page }) => {
    await page.route('**/*', (route) => route.continue());
    await page.goto('/', { waitUntil: 'commit' });
    await page.waitForSelector('body');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  });
});
