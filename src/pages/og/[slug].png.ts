/** Share images, 1200×630, drawn at build: one per article and one for the site, in each theme. */
import type { APIRoute } from 'astro';
import site from '../../../site.config';
import { getArticles } from '../../lib/articles';
import { articleCard, cardPaths, siteCard, type CardPath } from '../../lib/og-card';
import { renderCard } from '../../lib/og-render';
import { themeColours } from '../../lib/theme-colours';
import tokens from '../../styles/tokens.css?raw';

export async function getStaticPaths() {
  const articles = await getArticles();
  return cardPaths([{ name: 'site', card: siteCard(site) }, ...articles.map((a) => ({ name: a.id, card: articleCard(a.data, site) }))]);
}

const colours = themeColours(tokens);

export const GET: APIRoute<CardPath['props']> = async ({ props }) =>
  new Response(await renderCard(props.card, colours[props.theme]), { headers: { 'Content-Type': 'image/png' } });
