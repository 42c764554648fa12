import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import expressiveCode from 'astro-expressive-code';
import { pluginFocusableBlocks } from './src/plugins/ec-focusable-blocks';
import { rehypeHeadingIds, unified } from '@astrojs/markdown-remark';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import remarkFigures from './src/plugins/remark-figures';
import remarkRunnable from './src/plugins/remark-runnable';
import remarkSql from './src/plugins/remark-sql';
import remarkLabFigures from './src/plugins/remark-lab-figures';
import labAssets from './src/integrations/lab-assets';
import rehypeSidenotes from './src/plugins/rehype-sidenotes';
import rehypeMathScroll from './src/plugins/rehype-math-scroll';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import remarkMathFlag from './src/plugins/remark-math-flag';
import remarkContentChecks from './src/plugins/remark-content-checks';
import mdxSyntax from './src/plugins/vite-mdx-syntax';
import pagefind from './src/integrations/pagefind';
import drafts from './src/integrations/drafts';
import sitemap from '@astrojs/sitemap';
import { inSitemap } from './src/lib/sitemap';
import site from './site.config';

export default defineConfig({
  site: site.url,
  output: 'static',
  trailingSlash: 'always',
  // Inline the site's small stylesheets: one round trip fewer before first paint on a slow phone.
  build: { format: 'directory', inlineStylesheets: 'always' },
  markdown: {
    // Astro 7's default engine (satteri) runs no remark/rehype plugins; ours need unified.
    processor: unified({
      remarkPlugins: [remarkMath, remarkMathFlag, remarkContentChecks, remarkFigures, remarkRunnable, remarkSql, remarkLabFigures],
      rehypePlugins: [
        // MathML beside the HTML: screen readers read it (the HTML rendering is aria-hidden), and feeds keep only it.
        [rehypeKatex, { output: 'htmlAndMathml', strict: 'error' }],
        rehypeMathScroll,
        // Ids first, so the anchor links and the table of contents agree on them.
        rehypeHeadingIds,
        [rehypeAutolinkHeadings, { behavior: 'append', properties: { className: ['heading-anchor'], ariaHidden: 'true', tabIndex: -1, dataPagefindIgnore: '' }, content: { type: 'text', value: '#' } }],
        rehypeSidenotes,
      ],
    }),
  },
  vite: {
    plugins: [mdxSyntax()],
    // Engine workers import modules; PGlite finds its wasm and data files itself, so Vite must not pre-bundle it.
    worker: { format: 'es' },
    optimizeDeps: { exclude: ['@electric-sql/pglite'] },
  },
  integrations: [
    drafts(),
    labAssets(),
    expressiveCode({
      themes: ['github-light', 'github-dark'],
      plugins: [pluginFocusableBlocks()],
      // Follow the site's theme attribute, which itself defaults to the system setting.
      themeCssSelector: (theme) => `[data-theme='${theme.type}']`,
      useDarkModeMediaQuery: false,
      styleOverrides: {
        borderRadius: '6px',
        codeFontFamily: 'var(--font-mono)',
        codeFontSize: '0.875rem',
        uiFontFamily: 'var(--font-sans)',
      },
      defaultProps: { wrap: false },
      // Inline with the page like the rest of the CSS: no render-blocking request before first paint.
      emitExternalStylesheet: false,
    }),
    mdx(),
    // Islands for figures that move; pages without one ship no framework JavaScript.
    preact(),
    sitemap({ filter: inSitemap }),
    pagefind(),
  ],
});
