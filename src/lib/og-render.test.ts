import { describe, expect, it } from 'vitest';
import site from '../../site.config';
import { articleCard } from './og-card';
import { renderCard } from './og-render';
import type { Palette } from './theme-colours';

const dark: Palette = { bg: '#111214', surface: '#1a1c1f', text: '#e6e6e3', muted: '#a2a5ab', border: '#2e3136', accent: '#7db4f0' };
const light: Palette = { bg: '#fdfdfc', surface: '#f3f3f1', text: '#1c1d1f', muted: '#56595f', border: '#dedfe2', accent: '#0b5cad' };

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('renderCard', () => {
  // The summary needs every font (Greek, the arrow and ∇ are not in Inter's Latin file); all are read from node_modules, and a missing one throws.
  const card = articleCard({ title: 'Gradient descent, visually explained', summary: 'θ = θ − α·∇J(θ) → the rule, repeated.', tag: 'ml' }, site);

  it('draws a 1200×630 PNG', async () => {
    expect(pngSize(await renderCard(card, dark))).toEqual({ width: 1200, height: 630 });
  });

  it('draws different images for the two palettes', async () => {
    const [a, b] = await Promise.all([renderCard(card, dark), renderCard(card, light)]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });
});
