/** RSS 2.0 with full content. */
import rss from '@astrojs/rss';
import type { APIRoute } from 'astro';
import { rssOptions } from '../lib/feed-formats';
import { feedUrl, getFeed } from '../lib/site-feed';

export const GET: APIRoute = async () => rss(rssOptions(await getFeed(), feedUrl('/rss.xml')));
