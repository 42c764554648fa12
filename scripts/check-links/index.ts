/**
 * node scripts/check-links/index.ts [--dir dist] [--site https://example.com]
 *
 * Checks the built site as a reader's browser would follow it: every internal `href`, `src`,
 * `srcset`, meta refresh and canonical/Open Graph URL of every page, and every `url()` in its
 * stylesheets, must name a file in the build; every `#anchor` must name an id in its target page;
 * the author's old addresses (/en/, /en/articles/, /en/articles/<slug>/) must still exist.
 * Prints `page → target: reason` for each failure and exits 1. Run after `npm run build`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import site from '../../site.config.ts';
import { attr, eachElement, listFiles, urlPathOf, type Element } from '../lib/dist.ts';

/** What one page links to and which fragment targets it offers. */
export interface PageLinks { links: string[]; ids: Set<string> }

/** Elements and the attributes on them that name a URL the browser fetches or navigates to. */
const URL_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'], area: ['href'], link: ['href'], base: ['href'],
  script: ['src'], img: ['src'], iframe: ['src'], embed: ['src'], input: ['src'], track: ['src'],
  source: ['src'], audio: ['src'], video: ['src', 'poster'], object: ['data'], form: ['action'],
  use: ['href', 'xlink:href'], image: ['href', 'xlink:href'],
};
/** `<meta>` whose content is a URL crawlers and share previews follow. */
const URL_META = new Set(['og:url', 'og:image', 'twitter:image']);

/** The URLs in a `srcset`, split the way the HTML spec does: a URL ends at whitespace, or at trailing commas. */
export function srcsetUrls(srcset: string): string[] {
  const urls: string[] = [];
  let i = 0;
  while (i < srcset.length) {
    while (i < srcset.length && /[\s,]/.test(srcset[i]!)) i++;
    let url = '';
    while (i < srcset.length && !/\s/.test(srcset[i]!)) url += srcset[i++];
    const bare = url.replace(/,+$/, '');
    if (bare) urls.push(bare);
    if (bare !== url) continue;
    // Skip the descriptor ("2x", "640w") up to the comma that ends this candidate.
    let depth = 0;
    while (i < srcset.length && (srcset[i] !== ',' || depth > 0)) {
      if (srcset[i] === '(') depth++;
      else if (srcset[i] === ')') depth--;
      i++;
    }
  }
  return urls;
}

/** The target of `<meta http-equiv="refresh" content="0; url=/new/">`, if any. */
export function refreshUrl(content: string): string | undefined {
  const match = /^\s*\d+(?:\.\d*)?(?:\s*[;,]\s*|\s+)(?:url\s*=\s*)?(['"]?)(.+)\1\s*$/i.exec(content);
  return match?.[2]?.trim() || undefined;
}

function elementLinks(el: Element): string[] {
  const out: string[] = [];
  for (const name of URL_ATTRIBUTES[el.tagName] ?? []) {
    const value = attr(el, name);
    if (value !== undefined) out.push(value);
  }
  const srcset = attr(el, 'srcset');
  if (srcset !== undefined && (el.tagName === 'img' || el.tagName === 'source')) out.push(...srcsetUrls(srcset));
  if (el.tagName === 'meta') {
    const content = attr(el, 'content') ?? '';
    if (attr(el, 'http-equiv')?.toLowerCase() === 'refresh') {
      const url = refreshUrl(content);
      if (url) out.push(url);
    }
    if (URL_META.has(attr(el, 'property') ?? attr(el, 'name') ?? '')) out.push(content);
  }
  return out;
}

/** The links and ids of one HTML page. */
export function pageLinks(html: string): PageLinks {
  const links: string[] = [];
  const ids = new Set<string>();
  eachElement(html, (el) => {
    links.push(...elementLinks(el));
    const id = attr(el, 'id');
    if (id) ids.add(id);
    // <a name> is still a fragment target in HTML.
    const name = el.tagName === 'a' ? attr(el, 'name') : undefined;
    if (name) ids.add(name);
  });
  return { links, ids };
}

/** The URLs a stylesheet loads (`url(…)`, `@import "…"`). */
export function cssUrls(css: string): string[] {
  const out: string[] = [];
  for (const m of css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g)) {
    const url = (m[2] ?? m[4] ?? '').trim();
    if (url) out.push(url);
  }
  return out;
}

/** A link resolved against the page it is on: the path in the build and the fragment, or null when it leaves the site. */
export function resolveLink(link: string, fromPath: string, origin: string): { path: string; fragment: string } | null {
  let url: URL;
  try {
    url = new URL(link.trim(), new URL(fromPath, origin));
  } catch {
    return { path: link, fragment: '' };
  }
  if (url.origin !== new URL(origin).origin) return null;
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape stays as written and is reported as missing.
  }
  let fragment = url.hash.slice(1);
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    // As above.
  }
  return { path, fragment };
}

/**
 * Why `path#fragment` does not resolve in the build, or null when it does. `files` are the build's
 * files (`articles/x/index.html`); `idsOf` gives the ids of a built HTML file.
 */
export function linkProblem(path: string, fragment: string, files: ReadonlySet<string>, idsOf: (file: string) => ReadonlySet<string> | undefined): string | null {
  const rel = path.replace(/^\/+/, '');
  let file: string;
  if (rel === '' || rel.endsWith('/')) file = `${rel}index.html`;
  else if (files.has(rel)) file = rel;
  else if (files.has(`${rel}/index.html`)) return `no such file; the page is at ${path}/ (add the trailing slash)`;
  else return 'no such file in the build';
  if (!files.has(file)) return 'no such page in the build';
  // `#` alone and `#top` scroll to the top in every browser; `:~:` is a text fragment, not an id.
  if (!fragment || fragment === 'top' || fragment.startsWith(':~:') || !file.endsWith('.html')) return null;
  return idsOf(file)?.has(fragment) ? null : `no element with id="${fragment}" on ${urlPathOf(file)}`;
}

/** Old addresses that must keep existing for each article page in the build. */
export function missingOldAddresses(files: ReadonlySet<string>): string[] {
  const expected = ['en/index.html', 'en/articles/index.html'];
  for (const file of files) {
    const slug = /^articles\/([^/]+)\/index\.html$/.exec(file)?.[1];
    if (slug) expected.push(`en/articles/${slug}/index.html`);
  }
  return expected.filter((f) => !files.has(f)).map(urlPathOf);
}

export interface Failure { page: string; target: string; reason: string }

/** A link resolved against the current directory (`x/`, `../x`), as opposed to the root, a scheme or a fragment. */
export function isRelativePath(link: string): boolean {
  return !/^(?:[a-z][a-z0-9+.-]*:|\/|#|\?)/i.test(link.trim());
}

const SKIP = /^(?:mailto|tel|javascript|data|blob|about):/i;

/** Every broken link in the build in `dir`, in page order. */
export function checkDir(dir: string, origin: string): Failure[] {
  const fileList = listFiles(dir);
  const files = new Set(fileList);
  const pages = new Map<string, PageLinks>();
  for (const file of fileList) if (file.endsWith('.html')) pages.set(file, pageLinks(readFileSync(join(dir, file), 'utf8')));
  const failures: Failure[] = [];
  const check = (file: string, links: string[]): void => {
    const from = urlPathOf(file);
    for (const link of new Set(links)) {
      if (SKIP.test(link.trim())) continue;
      if (file === '404.html' && isRelativePath(link)) {
        failures.push({ page: from, target: link, reason: 'a relative link on the 404 page, which is served at every unknown address: start it with /' });
        continue;
      }
      const target = resolveLink(link, from, origin);
      if (!target) continue;
      const reason = linkProblem(target.path, target.fragment, files, (f) => pages.get(f)?.ids);
      if (reason) failures.push({ page: from, target: link, reason });
    }
  };
  for (const [file, page] of pages) check(file, page.links);
  for (const file of fileList) if (file.endsWith('.css')) check(file, cssUrls(readFileSync(join(dir, file), 'utf8')));
  for (const old of missingOldAddresses(files)) failures.push({ page: old, target: old, reason: 'the old address has no redirect page' });
  return failures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: 'dist' }, site: { type: 'string', default: site.url } } });
  const failures = checkDir(values.dir, values.site);
  const pages = listFiles(values.dir).filter((f) => f.endsWith('.html')).length;
  if (failures.length) {
    for (const f of failures) console.error(`${f.page} → ${f.target}: ${f.reason}`);
    console.error(`check-links: ${failures.length} broken link${failures.length === 1 ? '' : 's'} in ${pages} pages of ${values.dir}/`);
    process.exit(1);
  }
  console.log(`check-links: every internal link and #anchor in ${pages} pages of ${values.dir}/ resolves`);
}
