/**
 * Share images drawn at build: satori lays out a card's element tree as SVG (text as paths), and
 * resvg rasterises it to PNG. Fonts come from @fontsource packages in node_modules, so a fresh
 * clone draws the same image on any machine; satori reads WOFF, not WOFF2.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import satori, { type Font } from 'satori';
import { CARD_HEIGHT, CARD_WIDTH, cardTree, type Card } from './og-card';
import type { Palette } from './theme-colours';

const require = createRequire(import.meta.url);

/** A font file shipped in an @fontsource package. */
function fontsource(pkg: string, file: string): Buffer {
  return readFileSync(join(dirname(require.resolve(`@fontsource/${pkg}`)), 'files', file));
}

let fonts: Font[] | undefined;

/**
 * Inter for text (Latin and Greek, for θ and α in titles and summaries), JetBrains Mono for the
 * tag and host, and Noto Sans Math last, which satori falls back to for the arrows and operators
 * (→, ∇) neither has. Read once per build.
 */
function loadFonts(): Font[] {
  fonts ??= [
    { name: 'Inter', weight: 400, style: 'normal', data: fontsource('inter', 'inter-latin-400-normal.woff') },
    { name: 'Inter', weight: 700, style: 'normal', data: fontsource('inter', 'inter-latin-700-normal.woff') },
    { name: 'Inter', weight: 400, style: 'normal', data: fontsource('inter', 'inter-greek-400-normal.woff') },
    { name: 'Inter', weight: 700, style: 'normal', data: fontsource('inter', 'inter-greek-700-normal.woff') },
    { name: 'JetBrains Mono', weight: 400, style: 'normal', data: fontsource('jetbrains-mono', 'jetbrains-mono-latin-400-normal.woff') },
    { name: 'Noto Sans Math', weight: 400, style: 'normal', data: fontsource('noto-sans-math', 'noto-sans-math-latin-400-normal.woff') },
  ];
  return fonts;
}

/**
 * Rasterising dominates the cost of a share image (tens of milliseconds each, two per article), so
 * finished PNGs are kept between builds, keyed by everything that shapes them: the card's text, the
 * palette, the layout and font code's version below. A rebuild after editing one article redraws
 * only that article's cards.
 */
const CACHE_VERSION = 'og-1';
const CACHE_DIR = process.env['LONGFORM_OG_CACHE'] ?? join(process.cwd(), 'node_modules/.cache/longform-og');
let fontsHash: string | undefined;

/** The card as a 1200×630 PNG in the given palette. */
export async function renderCard(card: Card, colours: Palette): Promise<Uint8Array<ArrayBuffer>> {
  fontsHash ??= loadFonts().reduce((h, f) => h.update(new Uint8Array(f.data as ArrayBuffer)), createHash('sha256')).digest('hex');
  const key = createHash('sha256').update(JSON.stringify([CACHE_VERSION, fontsHash, card, colours])).digest('hex');
  const cached = join(CACHE_DIR, `${key}.png`);
  // A copy into a plain ArrayBuffer, which is what a Response body accepts (Node's Buffer may share a pool).
  if (existsSync(cached)) return new Uint8Array(readFileSync(cached));
  const svg = await satori(cardTree(card, colours), { width: CARD_WIDTH, height: CARD_HEIGHT, fonts: loadFonts() });
  const png = new Uint8Array(new Resvg(svg, { fitTo: { mode: 'width', value: CARD_WIDTH } }).render().asPng());
  mkdirSync(CACHE_DIR, { recursive: true });
  writeFileSync(cached, png);
  return png;
}
