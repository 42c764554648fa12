/**
 * What a share image (1200×630) says and how it is laid out, as the element tree satori draws.
 * Pure: og-render.ts turns the tree into a PNG.
 */
import type { SiteConfig } from '../../site.config';
import type { Palette, Theme } from './theme-colours';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export interface Card {
  /** Small mono line at the top: the article's `#tag`; empty on the site's own card. */
  label: string;
  title: string;
  summary: string;
  /** Bottom left: whose card this is (the publication's name). */
  footer: string;
  /** Bottom right: the site's host, so the card says where the link goes. */
  host: string;
}

/** A satori element: the shape of a React element without React. */
export interface CardNode {
  type: string;
  props: { style?: Record<string, string | number>; children?: string | CardNode | (string | CardNode)[] };
}

const el = (type: string, style: Record<string, string | number>, children?: CardNode['props']['children']): CardNode => ({
  type,
  props: children === undefined ? { style } : { style, children },
});

/**
 * Title size by length, so a short title fills the card and the longest seed title (73 characters)
 * still fits in three lines beside a three-line summary.
 */
export function titleSize(title: string): number {
  if (title.length <= 32) return 80;
  if (title.length <= 56) return 66;
  return 56;
}

/** The card's element tree in one palette. Fonts are named as og-render.ts registers them. */
export function cardTree(card: Card, colours: Palette): CardNode {
  const size = titleSize(card.title);
  return el(
    'div',
    {
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      display: 'flex',
      flexDirection: 'column',
      backgroundColor: colours.bg,
      color: colours.text,
      fontFamily: 'Inter',
      // The accent as a band on the left: the one colour that says "this site" at thumbnail size.
      borderLeft: `16px solid ${colours.accent}`,
      padding: '60px 72px 52px 64px',
      boxSizing: 'border-box',
    },
    [
      // Kept even when empty, so the title sits at the same height on every card.
      el('div', { display: 'flex', height: 40, fontFamily: 'JetBrains Mono', fontSize: 30, color: colours.accent }, card.label),
      el('div', { display: 'flex', flexDirection: 'column', flexGrow: 1, justifyContent: 'center', width: '100%' }, [
        el('div', { fontSize: size, fontWeight: 700, lineHeight: 1.12, letterSpacing: '-0.02em', lineClamp: 3 }, card.title),
        el('div', { marginTop: 28, fontSize: 29, lineHeight: 1.42, color: colours.muted, lineClamp: 3 }, card.summary),
      ]),
      el(
        'div',
        { display: 'flex', justifyContent: 'space-between', alignItems: 'baseline', borderTop: `2px solid ${colours.border}`, paddingTop: 24 },
        [
          el('div', { fontSize: 30, fontWeight: 700 }, card.footer),
          el('div', { fontFamily: 'JetBrains Mono', fontSize: 26, color: colours.muted }, card.host),
        ],
      ),
    ],
  );
}

/** The card of one article. */
export function articleCard(article: { title: string; summary: string; tag: string }, site: SiteConfig): Card {
  return { label: `#${article.tag}`, title: article.title, summary: article.summary, footer: site.title, host: new URL(site.url).host };
}

/** The card every page without its own shares: the publication and who writes it. */
export function siteCard(site: SiteConfig): Card {
  return { label: '', title: site.title, summary: site.description, footer: site.author.name, host: new URL(site.url).host };
}

/** One share image to build: its file name (without `.png`), what it shows, and in which theme. */
export interface CardPath {
  params: { slug: string };
  props: { card: Card; theme: Theme };
}

/**
 * Every image file: `<name>.png` in the dark theme (the one pages point `og:image` at) and
 * `<name>-light.png` in the light theme. Fails on a name clash (an article whose slug is `site`,
 * or `x-light` beside `x`) instead of letting one image silently replace another.
 */
export function cardPaths(cards: readonly { name: string; card: Card }[]): CardPath[] {
  const paths = cards.flatMap(({ name, card }) => [
    { params: { slug: name }, props: { card, theme: 'dark' as const } },
    { params: { slug: `${name}-light` }, props: { card, theme: 'light' as const } },
  ]);
  const seen = new Set<string>();
  for (const { params } of paths) {
    if (seen.has(params.slug)) throw new Error(`Two share images would be written to /og/${params.slug}.png; rename one of the articles.`);
    seen.add(params.slug);
  }
  return paths;
}
