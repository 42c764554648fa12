import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, type OptIn, headersFile, nginxCspMap, nginxSecurityHeaders, pageNeeds, scriptHash, sitePolicy } from './policy.ts';

const THEME = "\n      (() => { document.documentElement.dataset.theme = 'dark'; })();\n    ";

describe('pageNeeds', () => {
  it('takes the exact text of each executable inline script, and skips external scripts and data blocks', () => {
    const needs = pageNeeds(`<!doctype html><html><head><script>${THEME}</script>
      <script type="module">import "/a.js";</script><script type="module" src="/_astro/b.js"></script>
      <script type="application/ld+json">{"@type":"BlogPosting"}</script></head><body></body></html>`);
    expect(needs).toEqual({ inlineScripts: [THEME, 'import "/a.js";'], runsScripts: true, optIns: [] });
  });
  it('tells a page that runs scripts from one that only carries data', () => {
    expect(pageNeeds('<script type="module" src="/a.js"></script>').runsScripts).toBe(true);
    expect(pageNeeds('<script type="application/ld+json">{}</script><meta http-equiv="refresh" content="0; url=/">').runsScripts).toBe(false);
  });
  it('reads opt-ins from any element, and refuses what a page may not opt into', () => {
    expect(pageNeeds('<div data-csp-allow="wasm-unsafe-eval"></div><p data-csp-allow=" wasm-unsafe-eval "></p>').optIns).toEqual(['wasm-unsafe-eval']);
    expect(() => pageNeeds('<div data-csp-allow="unsafe-inline"></div>')).toThrow('"unsafe-inline" is not something a page may opt into (allowed: wasm-unsafe-eval)');
  });
});

describe('scriptHash', () => {
  it('is the base64 sha256 of the UTF-8 text, as browsers compute it', () => {
    const text = "alert('é')";
    expect(scriptHash(text)).toBe(`'sha256-${createHash('sha256').update(Buffer.from(text, 'utf8')).digest('base64')}'`);
    // The CSP spec's own example value for `alert('Hello, world.');`.
    expect(scriptHash("alert('Hello, world.');")).toBe("'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='");
  });
});

describe('contentSecurityPolicy', () => {
  it('allows scripts from the site and the listed hashes only, and no framing', () => {
    const csp = contentSecurityPolicy(["'sha256-b'", "'sha256-a'", "'sha256-a'"]);
    expect(csp).toContain("script-src 'self' 'sha256-a' 'sha256-b';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).not.toContain('wasm-unsafe-eval');
  });
  it('adds an opt-in to script-src only', () => {
    expect(contentSecurityPolicy([], ['wasm-unsafe-eval'])).toContain("script-src 'self' 'wasm-unsafe-eval';");
  });
});

describe('sitePolicy and the files written from it', () => {
  const page = (file: string, path: string, optIns: OptIn[], inlineScripts = ['a()']) => ({ file, path, needs: { inlineScripts, runsScripts: true, optIns } });
  const stub = (file: string, path: string) => ({ file, path, needs: { inlineScripts: [], runsScripts: false, optIns: [] } });
  const policy = sitePolicy([
    page('index.html', '/', [], ['a()', 'b()']),
    page('articles/index.html', '/articles/', []),
    page('articles/lab/index.html', '/articles/lab/', ['wasm-unsafe-eval']),
  ]);

  it('hashes every inline script of the build once, and lists only opted-in pages', () => {
    expect(policy.hashes).toEqual([scriptHash('a()'), scriptHash('b()')].sort());
    expect(policy.pages.map((p) => p.file)).toEqual(['/articles/lab/index.html']);
    expect(policy.pages[0]?.csp).toContain("'wasm-unsafe-eval'");
    expect(policy.base).not.toContain('wasm');
    expect(policy.baseOptIns).toEqual([]);
  });

  it('grants every page an opt-in most script-running pages ask for, and lists only the pages that need more', () => {
    const everywhere = sitePolicy([
      page('index.html', '/', ['wasm-unsafe-eval']),
      page('articles/a/index.html', '/articles/a/', ['wasm-unsafe-eval']),
      page('articles/b/index.html', '/articles/b/', []),
      // Redirect stubs run nothing, so they do not outvote the pages that do.
      stub('en/index.html', '/en/'),
      stub('en/articles/index.html', '/en/articles/'),
      stub('en/articles/a/index.html', '/en/articles/a/'),
    ]);
    expect(everywhere.baseOptIns).toEqual(['wasm-unsafe-eval']);
    expect(everywhere.base).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
    expect(everywhere.pages).toEqual([]);
  });

  it('maps the file nginx serves to its policy', () => {
    const map = nginxCspMap(policy);
    expect(map).toContain('map $uri $longform_csp {');
    expect(map).toContain(`    default "${policy.base}";`);
    expect(map).toContain(`    "/articles/lab/index.html" "${policy.pages[0]?.csp}";`);
  });

  it('sends every security header, even on errors and redirects', () => {
    const lines = nginxSecurityHeaders().split('\n').filter((l) => l.startsWith('add_header'));
    expect(lines).toContain('add_header Content-Security-Policy $longform_csp always;');
    expect(lines).toContain('add_header X-Content-Type-Options "nosniff" always;');
    expect(lines.every((l) => l.endsWith(' always;'))).toBe(true);
    expect(lines.map((l) => l.split(' ')[1])).toEqual(['Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy', 'Permissions-Policy', 'Cross-Origin-Opener-Policy']);
  });

  it('writes the same headers for static hosts, replacing the policy on opted-in pages', () => {
    const text = headersFile(policy);
    expect(text).toContain(`/*\n  Content-Security-Policy: ${policy.base}\n  X-Content-Type-Options: nosniff\n`);
    expect(text).toContain('/_astro/*\n  Cache-Control: public, max-age=31536000, immutable\n');
    expect(text).toContain(`/articles/lab/\n  ! Content-Security-Policy\n  Content-Security-Policy: ${policy.pages[0]?.csp}\n`);
  });
});
