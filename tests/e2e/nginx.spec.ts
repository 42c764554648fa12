/**
 * The shipped nginx config (deploy/nginx/site.conf), run for real on loopback over the current
 * build: headers, precompressed encodings, the old-address 301s, the 404 page, and every page
 * working in Chromium under the Content-Security-Policy without a request to another origin.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, type Page } from '@playwright/test';
import { rawGet, test } from './nginx';
import { builtArticles, builtPages, DIST } from './pages';

const articles = builtArticles();
const article = `/articles/${articles[0]}/`;
// Stylesheets are inlined into the pages; the hashed script Expressive Code ships is the text asset left.
const asset = readdirSync(join(DIST, '_astro')).find((f) => /\.(css|js)$/.test(f) && readFileSync(join(DIST, '_astro', f)).length > 1024);

test.describe('headers', () => {
  test('a page gets the security headers and is revalidated on every visit', async ({ origin }) => {
    const { status, headers } = await rawGet(`${origin}${article}`);
    expect(status).toBe(200);
    expect(headers['content-type']).toBe('text/html; charset=utf-8');
    expect(headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy']).toContain('camera=()');
    const csp = String(headers['content-security-policy']);
    const scriptSrc = /(?:^|;\s*)script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    // Scripts from the site, inline scripts by hash, and WebAssembly where a page opted in: never 'unsafe-inline' or 'unsafe-eval'.
    expect(scriptSrc).toMatch(/^'self'( 'wasm-unsafe-eval')?( 'sha256-[A-Za-z0-9+/]+=*')+$/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("default-src 'self'");
  });

  test('a hashed asset is cached for a year and keeps the security headers', async ({ origin }) => {
    expect(asset, 'a stylesheet or script over 1 KB in dist/_astro/').toBeDefined();
    const { status, headers } = await rawGet(`${origin}/_astro/${asset}`);
    expect(status).toBe(200);
    expect(headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-type']).toMatch(/^(text\/css|application\/javascript|text\/javascript)/);
  });

  test('a missing asset is a 404 that is not cached for a year', async ({ origin }) => {
    const { status, headers } = await rawGet(`${origin}/_astro/missing.Zz9.js`);
    expect(status).toBe(404);
    expect(headers['cache-control']).toBe('public, max-age=0, must-revalidate');
  });

  test('the generated header files are not served', async ({ origin }) => {
    expect((await rawGet(`${origin}/_nginx/csp.conf`)).status).toBe(404);
    expect((await rawGet(`${origin}/_headers`)).status).toBe(404);
  });
});

test.describe('precompressed files', () => {
  for (const [encoding, ext, decode] of [['br', 'br', brotliDecompressSync], ['gzip', 'gz', gunzipSync]] as const) {
    test(`Accept-Encoding: ${encoding} gets the .${ext} file the build wrote`, async ({ origin }) => {
      for (const [url, file] of [[article, `${article.slice(1)}index.html`], [`/_astro/${asset}`, `_astro/${asset}`]] as const) {
        const res = await rawGet(`${origin}${url}`, { 'Accept-Encoding': encoding });
        expect(res.headers['content-encoding'], url).toBe(encoding);
        expect(res.headers['vary'], url).toBe('Accept-Encoding');
        expect(res.body.equals(readFileSync(join(DIST, `${file}.${ext}`))), url).toBe(true);
        expect(decode(res.body).equals(readFileSync(join(DIST, file))), url).toBe(true);
      }
    });
  }

  test('brotli wins when both are accepted; nothing is encoded when neither is', async ({ origin }) => {
    expect((await rawGet(`${origin}/`, { 'Accept-Encoding': 'gzip, deflate, br' })).headers['content-encoding']).toBe('br');
    const plain = await rawGet(`${origin}/`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.equals(readFileSync(join(DIST, 'index.html')))).toBe(true);
  });
});

test.describe('addresses', () => {
  test("the author's old addresses answer with a real 301 to the new ones", async ({ origin }) => {
    const expected: [string, string][] = [
      ['/en/', '/'],
      ['/en', '/'],
      ['/en/articles/', '/articles/'],
      ...articles.map((slug): [string, string] => [`/en/articles/${slug}/`, `/articles/${slug}/`]),
    ];
    for (const [from, to] of expected) {
      const { status, headers } = await rawGet(`${origin}${from}`);
      expect(status, from).toBe(301);
      expect(headers['location'], from).toBe(to);
      expect(headers['content-security-policy'], from).toContain("frame-ancestors 'none'");
      // The target exists: the redirect does not lead to a 404.
      expect((await rawGet(`${origin}${to}`)).status, to).toBe(200);
    }
  });

  test('a page without its trailing slash is redirected to it', async ({ origin }) => {
    const { status, headers } = await rawGet(`${origin}${article.slice(0, -1)}`);
    expect(status).toBe(301);
    expect(headers['location']).toBe(article);
  });

  test('an unknown address is a 404 with the useful not-found page', async ({ page, origin }) => {
    const { status, body } = await rawGet(`${origin}/no-such-page/`);
    expect(status).toBe(404);
    expect(body.equals(readFileSync(join(DIST, '404.html')))).toBe(true);
    const response = await page.goto('/no/such/deep/page/');
    expect(response?.status()).toBe(404);
    await expect(page.locator('main h1')).toBeVisible();
  });
});

/**
 * Records, from the page's first byte, CSP violations, Permissions-Policy complaints, uncaught errors
 * and any request to another origin (those the CSP lets through; the rest show up as violations).
 */
async function watchForProblems(page: Page, origin: string): Promise<string[]> {
  const problems: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  page.on('console', (msg) => {
    // Long data: URLs are cut so a failure stays readable.
    const text = msg.text().replace(/(data:[^'"\s]{40})[^'"\s]+/g, '$1…');
    if (/Content.Security.Policy|securitypolicyviolation|Permissions.Policy|Refused to/i.test(text)) problems.push(`${msg.type()}: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  const elsewhere = (url: URL) => url.origin !== origin && url.protocol !== 'data:' && url.protocol !== 'blob:';
  // The machines have no outside network: answering at once keeps the test fast and its verdict the same.
  await page.route(elsewhere, (route) => {
    problems.push(`request to another origin: ${route.request().resourceType()} ${route.request().url()}`);
    return route.abort('blockedbyclient');
  });
  return problems;
}

test.describe('under the Content-Security-Policy', () => {
  // Every page of the build: home, index, tag and series pages, every article, the 404 page.
  for (const path of builtPages()) {
    test(`${path} runs its scripts with no violation and requests nothing from another origin`, async ({ page, origin }) => {
      const problems = await watchForProblems(page, origin);
      const response = await page.goto(path);
      expect(response?.headers()['content-security-policy']).toBeTruthy();
      // The inline theme bootstrap ran before first paint.
      await expect(page.locator('html')).toHaveAttribute('data-theme', /^(light|dark)$/);
      // Fonts are fetched when text is laid out, which can finish after the load event.
      await page.evaluate(() => document.fonts.ready);
      expect(problems).toEqual([]);
    });
  }

  test.describe('with a dark system setting', () => {
    test.use({ colorScheme: 'dark' });
    test('the theme bootstrap and the toggle work', async ({ page, origin }) => {
      const problems = await watchForProblems(page, origin);
      await page.goto(article);
      const html = page.locator('html');
      await expect(html).toHaveAttribute('data-theme', 'dark');
      const toggle = page.getByRole('button', { name: 'Dark theme' });
      await expect(toggle).toHaveAttribute('aria-pressed', 'true');
      await toggle.click();
      await expect(html).toHaveAttribute('data-theme', 'light');
      await expect(toggle).toHaveAttribute('aria-pressed', 'false');
      await page.reload();
      await expect(html).toHaveAttribute('data-theme', 'light');
      expect(problems).toEqual([]);
    });
  });

  test('the tag filter on the index works', async ({ page, origin }) => {
    const problems = await watchForProblems(page, origin);
    await page.goto('/articles/');
    const tag = await page.locator('[data-entry] a[data-tag]').first().getAttribute('data-tag');
    await page.locator('[data-entry] a[data-tag]').first().click();
    await expect(page).toHaveURL(new RegExp(`/articles/\\?tag=${tag}$`));
    await expect(page.getByRole('status').filter({ hasText: `tagged #${tag}` })).toBeVisible();
    expect(problems).toEqual([]);
  });
});

test('search (Pagefind, WebAssembly) works under the policy', async ({ page, origin }) => {
  const problems = await watchForProblems(page, origin);
  await page.goto('/articles/');
  await page.keyboard.press('/');
  const dialog = page.getByRole('dialog', { name: 'Search articles' });
  await expect(dialog).toBeVisible();
  await page.keyboard.type('vacuum');
  const results = dialog.locator('[data-search-results] li');
  // Wait for either outcome, so a refused WebAssembly module fails with its message rather than a timeout.
  await expect.poll(async () => problems.length > 0 || (await results.count()) > 0).toBe(true);
  expect(problems).toEqual([]);
  await expect(results.first()).toBeVisible();
});
