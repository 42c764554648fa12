import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, useTheme } from './axe';
import { seed } from './seed';

/** The learning paths issue #7 asks for, in reading order. */
const PATHS: Record<string, string[]> = {
  'ruby-internals': [
    'ancestors-chain-how-ruby-actually-resolves-methods',
    'how-ruby-resolves-methods-internally',
    'understanding-ruby-s-runtime-not-just-the-language',
    'gil-the-lock-every-rubyist-needs-to-understand',
  ],
  'postgresql-in-production': [
    'explain-analyze-should-be-mandatory',
    'lock-contention-the-silent-killer-in-postgresql',
    'what-vacuum-actually-does-in-postgresql',
  ],
  'reliable-background-work': ['the-exactly-once-myth', 'idempotency-in-real-systems', 'how-to-avoid-retry-storms-in-background-jobs'],
  'ml-from-scratch': ['gradient-descent-visually-explained', 'you-don-t-understand-machine-learning-until-you-implement-it-from-scratch'],
  'following-a-request': [
    'how-the-linux-kernel-actually-receives-an-http-request',
    'epoll-and-io-uring-explained-visually',
    'you-don-t-understand-rails-until-you-understand-the-full-request-cycle',
  ],
};
const title = (slug: string) => seed.articles.find((a) => a.slug === slug)?.title ?? slug;

for (const [series, parts] of Object.entries(PATHS)) {
  test(`series ${series}: the page lists its parts in order and each part links its neighbours`, async ({ page }) => {
    await page.goto(`/series/${series}/`);
    await expect(page.locator('[data-series-parts] h2 a')).toHaveText(parts.map(title));
    for (const [i, slug] of parts.entries()) {
      await page.goto(`/articles/${slug}/`);
      const nav = page.locator('[data-series-nav]');
      await expect(nav).toContainText(`Part ${i + 1} of ${parts.length}`);
      const prev = nav.locator('a[rel="prev"]');
      const next = nav.locator('a[rel="next"]');
      if (i > 0) await expect(prev).toHaveAttribute('href', `/articles/${parts[i - 1]}/`);
      else await expect(prev).toHaveCount(0);
      if (i < parts.length - 1) await expect(next).toHaveAttribute('href', `/articles/${parts[i + 1]}/`);
      else await expect(next).toHaveCount(0);
    }
  });
}

test('the home page shows the series', async ({ page }) => {
  await page.goto('/');
  for (const series of Object.keys(PATHS)) await expect(page.locator(`a[href="/series/${series}/"]`)).toHaveCount(1);
});

test.describe('on a wide screen', () => {
  test.use({ viewport: { width: 1440, height: 900 } });
  test('the table of contents follows the reader and its links scroll to their headings', async ({ page }) => {
    await page.goto('/articles/what-vacuum-actually-does-in-postgresql/');
    const toc = page.locator('[data-toc]');
    await expect(toc.locator('details')).toHaveAttribute('open', '');
    const links = toc.locator('a');
    const n = await links.count();
    expect(n).toBeGreaterThan(3);
    const last = links.nth(n - 1);
    const id = decodeURIComponent(((await last.getAttribute('href')) ?? '').slice(1));
    await last.click();
    await expect(page).toHaveURL(new RegExp(`#${id}$`));
    await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
    // Still visible after scrolling: it is sticky.
    await expect(toc).toBeInViewport();
    await expect(last).toHaveAttribute('aria-current', 'location');
  });
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test('the table of contents folds away', async ({ page }) => {
    await page.goto('/articles/what-vacuum-actually-does-in-postgresql/');
    const details = page.locator('[data-toc] details');
    await expect(details).not.toHaveAttribute('open', '');
    await page.locator('[data-toc] summary').click();
    await expect(details.locator('a').first()).toBeVisible();
  });
});

test('headings have anchors and every article ends with related articles', async ({ page }) => {
  await page.goto('/articles/idempotency-in-real-systems/');
  const h2 = page.locator('.prose h2').first();
  const id = await h2.getAttribute('id');
  await expect(h2.locator('a.heading-anchor')).toHaveAttribute('href', `#${id}`);
  // Part 2 of a three-part series whose tag has no other articles: the other two parts, nearest first, ties by part.
  const related = page.locator('section.related li > a:not([data-tag])');
  await expect(related).toHaveCount(2);
  expect(await related.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
    '/articles/the-exactly-once-myth/',
    '/articles/how-to-avoid-retry-storms-in-background-jobs/',
  ]);
});

test('article pages carry share metadata and JSON-LD', async ({ page }) => {
  const a = seed.articles[8]!;
  await page.goto(`/articles/${a.slug}/`);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute('content', a.summary);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `https://example.com/articles/${a.slug}/`);
  await expect(page.locator('meta[property="og:image"]')).toHaveAttribute('content', `https://example.com/og/${a.slug}.png`);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute('content', 'summary_large_image');
  const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? '{}') as Record<string, unknown>;
  expect(ld).toMatchObject({ '@type': 'BlogPosting', headline: a.title, description: a.summary });
  for (const href of ['/rss.xml', '/atom.xml', '/feed.json']) await expect(page.locator(`link[rel="alternate"][href="${href}"]`)).toHaveCount(1);
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no violations on the series pages (${theme})`, async ({ page }) => {
    await useTheme(page, theme);
    for (const series of Object.keys(PATHS)) {
      await page.goto(`/series/${series}/`);
      await expectNoAxeViolations(page);
    }
  });
}
