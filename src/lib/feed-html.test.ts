import { describe, expect, it } from 'vitest';
import { feedHtml } from './feed-html';

const PAGE = 'https://example.com/articles/vacuum/';

/** Expressive Code's markup as the build emits it (trimmed to what matters). */
const codeBlock = (caption: string) =>
  `<div class="expressive-code"><link rel="stylesheet" href="/_astro/ec.css"/><script type="module" src="/_astro/ec.js"></script>` +
  `<figure class="frame"><figcaption class="header">${caption}</figcaption><pre data-language="ruby"><code>` +
  `<div class="ec-line"><div class="code"><span style="--0:#24292e;--1:#e1e4e8">class User</span></div></div>` +
  `<div class="ec-line highlight mark"><div class="code"><span class="indent">  </span><span style="--0:#d73a49">has_many</span> :posts</div></div>` +
  `<div class="ec-line"><div class="code">\n</div></div>` +
  `<div class="ec-line highlight ins"><div class="code">end</div></div>` +
  `</code></pre><div class="copy"><div aria-live="polite"></div><button title="Copy to clipboard" data-code="class User\u007f  has_many :posts\u007fend"></button></div></figure></div>`;

describe('feedHtml: what only makes sense on the page goes', () => {
  it('drops heading # links and keeps the heading', () => {
    const out = feedHtml('<h2 id="dead-tuples">Dead tuples<a class="heading-anchor" aria-hidden="true" href="#dead-tuples">#</a></h2>', PAGE);
    expect(out).toBe('<h2 id="dead-tuples">Dead tuples</h2>');
  });

  it('drops sidenote copies and keeps the footnote they copy', () => {
    const html =
      '<p>Claim<sup><a href="#user-content-fn-1" data-footnote-ref="">1</a></sup><span class="sidenote" aria-hidden="true"><span class="sidenote-number">1</span>Source.</span> more.</p>' +
      '<section data-footnotes><ol><li id="user-content-fn-1"><p>Source.</p></li></ol></section>';
    const out = feedHtml(html, PAGE);
    expect(out).not.toContain('sidenote');
    expect(out).toContain('<li id="user-content-fn-1"><p>Source.</p></li>');
    expect(out).toContain(`<a href="${PAGE}#user-content-fn-1" data-footnote-ref="">1</a></sup> more.`);
  });

  it('drops scripts, styles, stylesheet links and buttons', () => {
    const out = feedHtml('<p>a</p><script>alert(1)</script><style>p{}</style><link rel="stylesheet" href="/x.css"><button>Copy</button><p>b</p>', PAGE);
    expect(out).toBe('<p>a</p><p>b</p>');
  });
});

describe('feedHtml: a figure keeps its first frame', () => {
  it('unwraps the island and drops the controls that need its script', () => {
    const html =
      `<astro-island uid="x" component-url="/work/src/Fig.tsx" client="visible"><div data-lab="figure" id="f">` +
      `<svg data-lab-output><rect width="8"></rect></svg><div class="lab-controls"><input type="range"></div></div></astro-island>`;
    const out = feedHtml(html, PAGE);
    expect(out).toBe('<div data-lab="figure" id="f"><svg data-lab-output=""><rect width="8"></rect></svg></div>');
  });
});

describe('feedHtml: every address is absolute', () => {
  it('resolves site paths, bare anchors and relative files against the article', () => {
    const out = feedHtml('<a href="/tags/postgres/">t</a><a href="#figure-3">f</a><img src="./plot.png" alt="p"><img src="/_astro/a.webp" srcset="/_astro/a.webp 1x, b@2x.webp 2x" alt="q">', PAGE);
    expect(out).toContain('href="https://example.com/tags/postgres/"');
    expect(out).toContain(`href="${PAGE}#figure-3"`);
    expect(out).toContain(`src="${PAGE}plot.png"`);
    expect(out).toContain('src="https://example.com/_astro/a.webp"');
    expect(out).toContain(`srcset="https://example.com/_astro/a.webp 1x, ${PAGE}b@2x.webp 2x"`);
  });

  it('leaves absolute and mailto links as they are', () => {
    const html = '<a href="https://www.postgresql.org/docs/">d</a><a href="mailto:a@example.org">m</a>';
    expect(feedHtml(html, PAGE)).toBe(html);
  });
});

describe('feedHtml: highlighted code becomes plain pre/code', () => {
  it('keeps the text line by line, the language and marked lines, and nothing of the frame', () => {
    const out = feedHtml(codeBlock(''), PAGE);
    expect(out).toBe('<pre><code class="language-ruby">class User\n<mark>  has_many :posts</mark>\n\n<ins>end</ins></code></pre>');
  });

  it('keeps a file title as the caption', () => {
    const out = feedHtml(codeBlock('<span class="title">app/models/user.rb</span>'), PAGE);
    expect(out).toMatch(/^<figure><figcaption>app\/models\/user\.rb<\/figcaption><pre><code class="language-ruby">class User\n/);
  });

  it('gives terminal frames, whose title is empty, no caption', () => {
    const out = feedHtml(codeBlock('<span class="title"></span><span class="sr-only">Terminal window</span>'), PAGE);
    expect(out.startsWith('<pre><code')).toBe(true);
  });
});

describe('feedHtml: math', () => {
  it('keeps KaTeX\'s MathML and drops the HTML rendering that needs the stylesheet', () => {
    const math = '<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msub><mi>θ</mi><mn>0</mn></msub></mrow><annotation encoding="application/x-tex">\\theta_0</annotation></semantics></math>';
    const html = `<p>Intercept <span class="katex"><span class="katex-mathml">${math}</span><span class="katex-html" aria-hidden="true"><span class="base">θ0</span></span></span>.</p>`;
    expect(feedHtml(html, PAGE)).toBe(`<p>Intercept ${math}.</p>`);
  });
});
