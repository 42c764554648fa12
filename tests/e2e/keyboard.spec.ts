import { expect, test } from '@playwright/test';

test('the first Tab reaches a visible skip link that jumps to the content', async ({ page }) => {
  await page.goto('/articles/what-vacuum-actually-does-in-postgresql/');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#main$/);
  await page.keyboard.press('Tab');
  // The next stop is inside the content, not the header.
  expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
});

test('every control in the chrome shows a visible focus ring', async ({ page }) => {
  await page.goto('/articles/');
  const seen: string[] = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      return { name: el.getAttribute('aria-label') || el.textContent?.trim() || el.tagName, outline: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    if (!ring) continue;
    seen.push(ring.name);
    expect(ring.outline, `focus ring on ${ring.name}`).not.toBe('none');
    expect(ring.width, `focus ring on ${ring.name}`).toBeGreaterThanOrEqual(2);
  }
  expect(seen).toEqual(expect.arrayContaining(['Skip to content', '/articles', 'Search', 'Dark theme']));
});

test('the search dialog keeps focus inside while open', async ({ page }) => {
  await page.goto('/');
  await page.keyboard.press('/');
  await expect(page.getByRole('dialog')).toBeVisible();
  for (let i = 0; i < 8; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('dialog') || document.activeElement === document.body)).toBe(true);
  }
});

test('the theme toggle works from the keyboard', async ({ page }) => {
  await page.goto('/');
  const toggle = page.getByRole('button', { name: 'Dark theme' });
  await toggle.focus();
  const before = await page.locator('html').getAttribute('data-theme');
  await page.keyboard.press('Space');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', before ?? '');
});
