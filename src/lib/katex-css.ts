/**
 * KaTeX's stylesheet, inlined into the pages that show math (and only those), so a math page paints
 * without waiting for another request. Font URLs point at the woff2 files Vite emits with content
 * hashes; the woff and ttf fallbacks are dropped (every browser we serve reads woff2).
 */
import css from 'katex/dist/katex.min.css?raw';

const fonts = import.meta.glob<string>('/node_modules/katex/dist/fonts/*.woff2', { query: '?url', import: 'default', eager: true });

const urlOf = new Map(Object.entries(fonts).map(([path, url]) => [path.split('/').pop() ?? path, url]));

export const katexCss = css.replace(/src:url\(fonts\/([^)]+\.woff2)\)[^;}]*/g, (_, file: string) => {
  const url = urlOf.get(file);
  if (!url) throw new Error(`KaTeX font ${file} was not emitted`);
  return `src:url(${url}) format("woff2")`;
});
