/** JSON Feed 1.1 with full content. */
import type { APIRoute } from 'astro';
import { toJsonFeed } from '../lib/feed-formats';
import { feedUrl, getFeed } from '../lib/site-feed';

export const GET: APIRoute = async () =>
  new Response(toJsonFeed(await getFeed(), feedUrl('/feed.json')), { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
