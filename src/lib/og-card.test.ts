import { describe, expect, it } from 'vitest';
import type { SiteConfig } from '../../site.config';
import { articleCard, cardPaths, cardTree, siteCard, titleSize, type CardNode } from './og-card';
import type { Palette } from './theme-colours';

const site: SiteConfig = {
  title: 'Articles',
  description: 'Long-form notes.',
  url: 'https://notes.example.org',
  lang: 'en',
  author: { name: 'Ada', intro: 'Engineer.', links: { github: '', linkedin: '', email: '' } },
};

const palette: Palette = { bg: '#000001', surface: '#000002', text: '#000003', muted: '#000004', border: '#000005', accent: '#000006' };

/** Every text the tree shows, in reading order. */
function texts(node: CardNode | string): string[] {
  if (typeof node === 'string') return [node];
  const children = node.props.children;
  if (children === undefined) return [];
  return (Array.isArray(children) ? children : [children]).flatMap(texts);
}

describe('cards', () => {
  it('an article card shows its tag, title, summary, the publication and the host', () => {
    const card = articleCard({ title: 'What VACUUM does', summary: 'Dead tuples.', tag: 'postgres' }, site);
    expect(texts(cardTree(card, palette))).toEqual(['#postgres', 'What VACUUM does', 'Dead tuples.', 'Articles', 'notes.example.org']);
  });

  it('the site card shows the publication, its description and the author', () => {
    expect(texts(cardTree(siteCard(site), palette))).toEqual(['', 'Articles', 'Long-form notes.', 'Ada', 'notes.example.org']);
  });

  it('paints with the palette it is given', () => {
    const root = cardTree(siteCard(site), palette);
    expect(root.props.style?.['backgroundColor']).toBe(palette.bg);
    expect(root.props.style?.['color']).toBe(palette.text);
    expect(String(root.props.style?.['borderLeft'])).toContain(palette.accent);
  });
});

describe('titleSize', () => {
  it('shrinks as titles grow, so long ones still fit', () => {
    const short = titleSize('The "exactly once" myth');
    const medium = titleSize('What VACUUM actually does in PostgreSQL');
    const long = titleSize("You don't understand Machine Learning until you implement it from scratch");
    expect(short).toBeGreaterThan(medium);
    expect(medium).toBeGreaterThan(long);
  });
});

describe('cardPaths', () => {
  const card = siteCard(site);

  it('writes each card dark under its name and light under <name>-light', () => {
    const paths = cardPaths([{ name: 'site', card }, { name: 'vacuum', card }]);
    expect(paths.map((p) => [p.params.slug, p.props.theme])).toEqual([
      ['site', 'dark'],
      ['site-light', 'light'],
      ['vacuum', 'dark'],
      ['vacuum-light', 'light'],
    ]);
  });

  it('refuses two cards that would share a file', () => {
    expect(() => cardPaths([{ name: 'site', card }, { name: 'site', card }])).toThrow(/\/og\/site\.png/);
    expect(() => cardPaths([{ name: 'x', card }, { name: 'x-light', card }])).toThrow(/\/og\/x-light\.png/);
  });
});
