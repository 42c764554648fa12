import { test } from '@playwright/test';
import { expectNoAxeViolations, useTheme } from './axe';
import { seed } from './seed';

const pages = ['/', '/articles/', '/tags/postgres/', '/404.html', ...seed.articles.map((a) => `/articles/${a.slug}/`)];

for (const theme of ['light', 'dark'] as const) {
  test.describe(`${theme} theme`, () => {
    for (const path of pages) {
      test(`axe finds no violations on ${path}`, async ({ page }) => {
        // A long article with math and figures is tens of thousands of nodes: axe needs its time.
        test.setTimeout(90_000);
        await useTheme(page, theme);
        await page.goto(path);
        await expectNoAxeViolations(page);
      });
    }
  });
}
