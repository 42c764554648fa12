/** robots.txt, generated so the Sitemap line follows the canonical URL in site.config.ts. */
import type { APIRoute } from 'astro';
import site from '../../site.config';

export const GET: APIRoute = () =>
  new Response(`User-agent: *\nAllow: /\n\nSitemap: ${new URL('/sitemap-index.xml', site.url).href}\n`, {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
