/**
 * No request leaves the site's origin: fonts, scripts, styles and images are all self-hosted.
 * Runs against the plain test server (tests/e2e/serve.ts), which sends no CSP, so a third-party request shows up here as a
 * request rather than being silently blocked (as it would be under nginx's policy).
 */
import { expect, test } from '@playwright/test';
import { builtPages } from './pages';

// Every page of the build: home, index, tag and series pages, every article, the 404 page.
for (const path of builtPages()) {
  test(`${path} requests nothing from another origin`, async ({ page, baseURL }) => {
    const origin = new URL(baseURL ?? '').origin;
    const elsewhere: string[] = [];
    await page.route('**/*', (route) => {
      const url = new URL(route.request().url());
      if (url.origin === origin || url.protocol === 'data:' || url.protocol === 'blob:') return route.continue();
      elsewhere.push(`${route.request().resourceType()} ${url.href}`);
      // The machines have no outside network; answering at once keeps the test fast and its verdict the same.
      return route.abort('blockedbyclient');
    });
    await page.goto(path);
    await page.evaluate(() => document.fonts.ready);
    expect(elsewhere).toEqual([]);
  });
}
