/** Which built addresses the sitemap lists. Pure, so astro.config.ts and the tests share it. */

/**
 * Pages only, never the old /en/ addresses (static redirect stubs marked noindex) or the 404 page;
 * feeds and images are files, not pages, and have no trailing slash.
 */
export function inSitemap(url: string): boolean {
  const { pathname } = new URL(url);
  return pathname.endsWith('/') && !pathname.startsWith('/en/') && pathname !== '/404/';
}
