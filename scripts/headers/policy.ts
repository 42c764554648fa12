/**
 * The response headers the site is served with, in one place: the nginx snippets and the `_headers`
 * file for static hosts are both written from here, so they cannot drift apart.
 */
import { createHash } from 'node:crypto';
import { attr, eachElement, textOf } from '../lib/dist.ts';

/**
 * What a page may add to the base policy, by marking any element with
 * `data-csp-allow="wasm-unsafe-eval"` (a lab, or a component that compiles WebAssembly). Nothing
 * else can be opted into: a page can never loosen scripts to `unsafe-inline` or `unsafe-eval`.
 */
export const OPT_INS = ['wasm-unsafe-eval'] as const;
export type OptIn = (typeof OPT_INS)[number];

/** Headers every response gets, besides the Content-Security-Policy. */
export const STATIC_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  // Other sites learn the reader came from here (the origin), never which article.
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  // The site needs none of these; denying them means injected or embedded code cannot ask for them either.
  'Permissions-Policy': 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
  // Windows the site opens (or that open it) get no handle on each other.
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** Cache lifetimes: hashed build assets never change under their name; everything else is revalidated. */
export const CACHE = {
  immutable: 'public, max-age=31536000, immutable',
  // max-age=0 with revalidation: a deploy is visible at once, and an unchanged page costs a 304.
  revalidate: 'public, max-age=0, must-revalidate',
} as const;

/** Script types the browser executes (and so CSP governs); JSON-LD and other data blocks are not. */
const EXECUTABLE = new Set(['', 'module', 'text/javascript', 'application/javascript']);

/** What the policy needs to know about one built page. */
export interface PageNeeds {
  inlineScripts: string[];
  /** Whether the page runs any script at all (inline or from a file); a page without cannot use an opt-in. */
  runsScripts: boolean;
  optIns: OptIn[];
}

/** Reads a page's inline scripts and opt-ins; throws naming an unknown opt-in so a typo fails the build. */
export function pageNeeds(html: string): PageNeeds {
  const inlineScripts: string[] = [];
  let runsScripts = false;
  const optIns = new Set<OptIn>();
  eachElement(html, (el) => {
    if (el.tagName === 'script' && EXECUTABLE.has((attr(el, 'type') ?? '').trim().toLowerCase())) {
      runsScripts = true;
      if (attr(el, 'src') === undefined) inlineScripts.push(textOf(el));
    }
    const allow = attr(el, 'data-csp-allow');
    if (allow === undefined) return;
    for (const token of allow.split(/\s+/).filter(Boolean)) {
      if (!(OPT_INS as readonly string[]).includes(token)) {
        throw new Error(`data-csp-allow="${allow}": "${token}" is not something a page may opt into (allowed: ${OPT_INS.join(', ')})`);
      }
      optIns.add(token as OptIn);
    }
  });
  return { inlineScripts, runsScripts, optIns: [...optIns].sort() };
}

/** The CSP source expression for an inline script: the browser hashes its exact text, UTF-8 encoded. */
export function scriptHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/**
 * The Content-Security-Policy. Inline scripts run only if their hash is listed (the no-flash theme
 * bootstrap and the small module scripts Astro inlines). Styles allow `unsafe-inline` because
 * highlighted code carries its colours in `style` attributes; styles cannot run code.
 */
export function contentSecurityPolicy(hashes: Iterable<string>, optIns: readonly OptIn[] = []): string {
  const script = ["'self'", ...optIns.map((o) => `'${o}'`), ...[...new Set(hashes)].sort()];
  return [
    "default-src 'self'",
    `script-src ${script.join(' ')}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    // Vite inlines small font files (KaTeX's) into the stylesheet as data: URLs.
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy for the whole site: one list of hashes (every inline script of the build), plus per-page opt-ins. */
export interface SitePolicy {
  base: string;
  /** What the base policy grants every page, because most pages that run scripts asked for it. */
  baseOptIns: OptIn[];
  /** Pages that need more than the base, by the file nginx serves them from (`/articles/x/index.html`), with their policy. */
  pages: { file: string; path: string; csp: string }[];
  hashes: string[];
}

/**
 * One policy for all pages rather than one per page: the hashes only admit scripts this build wrote,
 * the header stays identical (cacheable, one `_headers` rule) and hosts with rule limits cope.
 * An opt-in that most script-running pages ask for (search compiling WebAssembly on every page)
 * moves into the base policy, so the nginx map and `_headers` list only the exceptions and stay
 * small at thousands of pages; an opt-in few pages ask for (labs) stays on those pages alone.
 */
export function sitePolicy(pages: { file: string; path: string; needs: PageNeeds }[]): SitePolicy {
  const hashes = [...new Set(pages.flatMap((p) => p.needs.inlineScripts.map(scriptHash)))].sort();
  const scripted = pages.filter((p) => p.needs.runsScripts);
  const baseOptIns = OPT_INS.filter((o) => scripted.filter((p) => p.needs.optIns.includes(o)).length * 2 > scripted.length);
  return {
    base: contentSecurityPolicy(hashes, baseOptIns),
    baseOptIns,
    pages: pages
      .filter((p) => p.needs.optIns.some((o) => !baseOptIns.includes(o)))
      .map((p) => ({ file: `/${p.file}`, path: p.path, csp: contentSecurityPolicy(hashes, [...new Set([...baseOptIns, ...p.needs.optIns])].sort()) })),
    hashes,
  };
}

/** An nginx string literal. nginx has no escape for `$` (it starts a variable), so such values are refused. */
function quote(value: string): string {
  if (/["\\$\n]/.test(value)) throw new Error(`Cannot write ${JSON.stringify(value)} into nginx config`);
  return `"${value}"`;
}

/** nginx, http context: `$longform_csp` is the page's policy, chosen by the file being served. */
export function nginxCspMap(policy: SitePolicy): string {
  return [
    '# Generated by scripts/headers from the build; do not edit. Included at http level by deploy/nginx/site.conf.',
    'map $uri $longform_csp {',
    `    default ${quote(policy.base)};`,
    ...policy.pages.map((p) => `    ${quote(p.file)} ${quote(p.csp)};`),
    '}',
    '',
  ].join('\n');
}

/**
 * nginx, location context. nginx drops every inherited `add_header` as soon as a location adds its
 * own, so each location includes this whole list; `always` keeps the headers on 404s and redirects.
 */
export function nginxSecurityHeaders(): string {
  return [
    '# Generated by scripts/headers from scripts/headers/policy.ts; do not edit.',
    'add_header Content-Security-Policy $longform_csp always;',
    ...Object.entries(STATIC_HEADERS).map(([name, value]) => `add_header ${name} ${quote(value)} always;`),
    '',
  ].join('\n');
}

/**
 * `_headers` for static hosts that read it (Cloudflare Pages, Netlify). A page with opt-ins gets its
 * own rule; `! Content-Security-Policy` is Cloudflare's way to drop the site-wide value first, since
 * two policies would both be enforced and the stricter one would win.
 */
export function headersFile(policy: SitePolicy): string {
  const lines = [
    '# Generated by scripts/headers at build; see deploy/nginx/README.md.',
    '/*',
    `  Content-Security-Policy: ${policy.base}`,
    ...Object.entries(STATIC_HEADERS).map(([name, value]) => `  ${name}: ${value}`),
    '',
    '/_astro/*',
    `  Cache-Control: ${CACHE.immutable}`,
  ];
  for (const p of policy.pages) lines.push('', p.path, '  ! Content-Security-Policy', `  Content-Security-Policy: ${p.csp}`);
  return `${lines.join('\n')}\n`;
}
