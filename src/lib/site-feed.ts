/**
 * The site's feed, built once per build and shared by /rss.xml, /atom.xml and /feed.json. Each
 * article's body is rendered outside a page with Astro's container API, with the same MDX
 * components the article page passes, so the feed shows what the page shows.
 */
import { getContainerRenderer } from '@astrojs/mdx/container-renderer';
// Imported, not loaded by name: its virtual options module only resolves inside the Vite build.
import preactRenderer from '@astrojs/preact/server.js';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { loadRenderers } from 'astro:container';
import { render } from 'astro:content';
import site from '../../site.config';
import { mdxComponents } from '../components/mdx';
import { articleUrl, getArticles, type Article } from './articles';
import { buildFeed, feedEntries, feedItem, type Feed } from './feed';

async function bodyHtml(container: AstroContainer, article: Article): Promise<string> {
  const { Content } = await render(article);
  return container.renderToString(Content, { props: { components: mdxComponents } });
}

async function load(): Promise<Feed> {
  // MDX bodies need the MDX renderer, and figures the Preact one: the container loads neither by itself.
  // A figure's first state goes into the feed as static SVG, like the page without scripts.
  const container = await AstroContainer.create({ renderers: await loadRenderers([getContainerRenderer()]) });
  container.addServerRenderer({ name: '@astrojs/preact', renderer: preactRenderer });
  const items = await Promise.all(
    feedEntries(await getArticles()).map(async (article) => {
      const url = new URL(articleUrl(article.id), site.url).href;
      return feedItem(article, url, await bodyHtml(container, article));
    }),
  );
  return buildFeed(
    { title: site.title, description: site.description, language: site.lang, author: site.author.name, home: new URL('/', site.url).href },
    items,
  );
}

let cached: Promise<Feed> | undefined;

/** The feed; the three feed routes share one rendering of the articles. */
export function getFeed(): Promise<Feed> {
  cached ??= load();
  return cached;
}

/** Absolute address of a feed file, for its self link. */
export function feedUrl(path: string): string {
  return new URL(path, site.url).href;
}
