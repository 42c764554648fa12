import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { themeColours } from './theme-colours';

const tokens = readFileSync(new URL('../styles/tokens.css', import.meta.url), 'utf8');

describe('themeColours', () => {
  it('finds every token of both themes in the real tokens.css', () => {
    const { light, dark } = themeColours(tokens);
    for (const value of [...Object.values(light), ...Object.values(dark)]) expect(value).toMatch(/^#[0-9a-f]{3,8}$/i);
    expect(light.bg).not.toBe(dark.bg);
    expect(light.text).not.toBe(dark.text);
  });

  it('keeps the light theme out of the dark one and the other way round', () => {
    const css = `:root { --bg: #fff; --surface: #eee; --text: #000; --muted: #555; --border: #ccc; --accent: #00f; }
      :root[data-theme='dark'] { --bg: #000; --surface: #111; --text: #fff; --muted: #aaa; --border: #333; --accent: #9cf; }`;
    const { light, dark } = themeColours(css);
    expect(light.bg).toBe('#fff');
    expect(dark.bg).toBe('#000');
    expect(dark.accent).toBe('#9cf');
  });

  it('fails naming the token when one is missing', () => {
    const css = `:root { --bg: #fff; } :root[data-theme='dark'] { --bg: #000; }`;
    expect(() => themeColours(css)).toThrow(/light theme has no hex colour for --surface/);
  });
});
