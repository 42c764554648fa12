/**
 * The two themes' colours as src/styles/tokens.css declares them, for places that cannot use CSS
 * custom properties (the share images). Reading the stylesheet keeps tokens.css the one place a
 * colour is chosen.
 */

/** The tokens a share image paints with. */
export const PALETTE_TOKENS = ['bg', 'surface', 'text', 'muted', 'border', 'accent'] as const;

export type Palette = Record<(typeof PALETTE_TOKENS)[number], string>;
export type Theme = 'light' | 'dark';

/** Hex colours declared directly inside the rule whose selector is exactly `selector`. */
function declarations(css: string, selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`tokens.css: no rule for ${selector}`);
  const body = css.slice(css.indexOf('{', start) + 1, css.indexOf('}', start));
  return new Map([...body.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{3,8})\s*;/gi)].map((m) => [m[1] ?? '', m[2] ?? '']));
}

function palette(values: Map<string, string>, theme: Theme): Palette {
  const entries = PALETTE_TOKENS.map((token) => {
    const value = values.get(token);
    if (!value) throw new Error(`tokens.css: the ${theme} theme has no hex colour for --${token}`);
    return [token, value] as const;
  });
  return Object.fromEntries(entries) as Palette;
}

/**
 * Both palettes from the text of tokens.css: `:root` holds the light theme, and
 * `:root[data-theme='dark']` the dark one. Fails loudly if a token goes missing, so a share image
 * never silently falls back to some other colour.
 */
export function themeColours(css: string): Record<Theme, Palette> {
  return {
    light: palette(declarations(css, ':root'), 'light'),
    dark: palette(declarations(css, ":root[data-theme='dark']"), 'dark'),
  };
}
