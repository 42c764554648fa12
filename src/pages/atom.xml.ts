/** Atom 1.0 with full content. */
import type { APIRoute } from 'astro';
import { toAtom } from '../lib/feed-formats';
import { feedUrl, getFeed } from '../lib/site-feed';

export const GET: APIRoute = async () =>
  new Response(toAtom(await getFeed(), feedUrl('/atom.xml')), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
