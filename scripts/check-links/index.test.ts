import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDir, cssUrls, isRelativePath, linkProblem, missingOldAddresses, pageLinks, refreshUrl, resolveLink, srcsetUrls } from './index.ts';

const ORIGIN = 'https://example.com';

describe('pageLinks', () => {
  it('collects every URL a browser or crawler follows, and the fragment targets', () => {
    const { links, ids } = pageLinks(`<!doctype html><html><head>
      <link rel="canonical" href="https://example.com/articles/a/"><link rel="stylesheet" href="/_astro/a.css">
      <meta property="og:url" content="https://example.com/articles/a/"><meta name="twitter:image" content="/og/a.png">
      <meta name="description" content="not a url">
      <meta http-equiv="refresh" content="0; url=/articles/">
      <script type="module" src="/_astro/a.js"></script></head>
      <body><a href="#intro">x</a><h2 id="intro">Intro</h2><a name="old"></a>
      <img src="/a.png" srcset="/a-1x.png 1x, /a-2x.png 2x"><template><a href="/in-template/">t</a></template></body></html>`);
    expect(links).toEqual([
      'https://example.com/articles/a/', '/_astro/a.css', 'https://example.com/articles/a/', '/og/a.png', '/articles/',
      '/_astro/a.js', '#intro', '/a.png', '/a-1x.png', '/a-2x.png', '/in-template/',
    ]);
    expect([...ids]).toEqual(['intro', 'old']);
  });
});

describe('srcsetUrls', () => {
  it('splits candidates with and without descriptors, keeping commas inside URLs', () => {
    expect(srcsetUrls('/a.png 1x, /b.png 2x')).toEqual(['/a.png', '/b.png']);
    expect(srcsetUrls('/a.png 1x,/b.png 2x')).toEqual(['/a.png', '/b.png']);
    expect(srcsetUrls('/a.png,, /b.png 640w')).toEqual(['/a.png', '/b.png']);
    expect(srcsetUrls('/img/a,b.png 1x')).toEqual(['/img/a,b.png']);
    expect(srcsetUrls('')).toEqual([]);
  });
});

describe('refreshUrl and cssUrls', () => {
  it('reads the target of a meta refresh', () => {
    expect(refreshUrl('0; url=/articles/x/')).toBe('/articles/x/');
    expect(refreshUrl("5;URL='/a/'")).toBe('/a/');
    expect(refreshUrl('30')).toBeUndefined();
  });
  it('reads url() and @import from a stylesheet', () => {
    expect(cssUrls(`@import "/b.css"; @font-face{src:url(/_astro/f.woff2) format("woff2"),url( 'k.ttf' )} a{mask:url("data:image/svg+xml,x")}`))
      .toEqual(['/b.css', '/_astro/f.woff2', 'k.ttf', 'data:image/svg+xml,x']);
  });
});

describe('resolveLink', () => {
  it('resolves relative and same-origin absolute links to a decoded path and fragment', () => {
    expect(resolveLink('../b/#s%C3%A9e', '/articles/a/', ORIGIN)).toEqual({ path: '/articles/b/', fragment: 'sée' });
    expect(resolveLink('https://example.com/x/?q=1', '/', ORIGIN)).toEqual({ path: '/x/', fragment: '' });
    expect(resolveLink('#top', '/articles/a/', ORIGIN)).toEqual({ path: '/articles/a/', fragment: 'top' });
  });
  it('leaves other origins alone', () => {
    expect(resolveLink('https://github.com/x', '/', ORIGIN)).toBeNull();
    expect(resolveLink('//cdn.example.org/a.js', '/', ORIGIN)).toBeNull();
  });
});

describe('linkProblem', () => {
  const files = new Set(['index.html', 'articles/a/index.html', '_astro/a.css', '404.html']);
  const ids = (f: string) => (f === 'articles/a/index.html' ? new Set(['intro']) : new Set<string>());
  it('accepts pages, files and existing anchors', () => {
    expect(linkProblem('/', '', files, ids)).toBeNull();
    expect(linkProblem('/articles/a/', 'intro', files, ids)).toBeNull();
    expect(linkProblem('/articles/a/', 'top', files, ids)).toBeNull();
    expect(linkProblem('/_astro/a.css', '', files, ids)).toBeNull();
  });
  it('names what is wrong', () => {
    expect(linkProblem('/articles/b/', '', files, ids)).toBe('no such page in the build');
    expect(linkProblem('/missing.png', '', files, ids)).toBe('no such file in the build');
    expect(linkProblem('/articles/a', '', files, ids)).toBe('no such file; the page is at /articles/a/ (add the trailing slash)');
    expect(linkProblem('/articles/a/', 'outro', files, ids)).toBe('no element with id="outro" on /articles/a/');
  });
});

describe('missingOldAddresses', () => {
  it('wants /en/, /en/articles/ and /en/articles/<slug>/ for every article', () => {
    expect(missingOldAddresses(new Set(['articles/a/index.html', 'articles/b/index.html', 'articles/index.html', 'en/index.html', 'en/articles/a/index.html'])))
      .toEqual(['/en/articles/', '/en/articles/b/']);
  });
});

describe('isRelativePath', () => {
  it('tells links that depend on the current address from the rest', () => {
    expect(['x/', '../a', 'a.png'].map(isRelativePath)).toEqual([true, true, true]);
    expect(['/a/', '#x', '?q', 'https://e.com', 'mailto:a@b'].map(isRelativePath)).toEqual([false, false, false, false, false]);
  });
});

describe('checkDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'check-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  };

  it('reports each broken link with its page, and passes a sound site', () => {
    write('index.html', '<a href="/articles/a/#intro">a</a><a href="https://github.com/">gh</a><a href="mailto:x@y">m</a>');
    write('articles/a/index.html', '<link rel="stylesheet" href="/s.css"><h2 id="intro">i</h2><a href="../../">home</a>');
    write('s.css', 'body{background:url(/bg.png)}');
    write('bg.png', '');
    write('404.html', '<a href="/">home</a>');
    write('en/index.html', '<meta http-equiv="refresh" content="0; url=/">');
    write('en/articles/index.html', '<meta http-equiv="refresh" content="0; url=/articles/">');
    write('en/articles/a/index.html', '<meta http-equiv="refresh" content="0; url=/articles/a/">');
    write('articles/index.html', '<a href="/articles/a/">a</a>');
    expect(checkDir(dir, ORIGIN)).toEqual([]);

    write('index.html', '<a href="/articles/a/#outro">a</a><img src="https://example.com/missing.png" alt="">');
    write('s.css', 'body{background:url(/gone.png)}');
    write('404.html', '<a href="articles/">relative</a>');
    write('articles/b/index.html', '<p>no old address</p>');
    expect(checkDir(dir, ORIGIN)).toEqual([
      { page: '/404.html', target: 'articles/', reason: 'a relative link on the 404 page, which is served at every unknown address: start it with /' },
      { page: '/', target: '/articles/a/#outro', reason: 'no element with id="outro" on /articles/a/' },
      { page: '/', target: 'https://example.com/missing.png', reason: 'no such file in the build' },
      { page: '/s.css', target: '/gone.png', reason: 'no such file in the build' },
      { page: '/en/articles/b/', target: '/en/articles/b/', reason: 'the old address has no redirect page' },
    ]);
  });
});
