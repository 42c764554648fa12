import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { compressDir, isCompressible } from './index.ts';

describe('isCompressible', () => {
  it('takes text formats and wasm from 1 KB up, case-insensitively', () => {
    expect(isCompressible('index.html', 1024, 1024)).toBe(true);
    expect(isCompressible('_astro/ec.js', 5000, 1024)).toBe(true);
    expect(isCompressible('pkg/engine.WASM', 5000, 1024)).toBe(true);
    expect(isCompressible('index.html', 1023, 1024)).toBe(false);
  });
  it('leaves formats that are already compressed, and its own outputs', () => {
    for (const file of ['a.woff2', 'a.png', 'a.jpg', 'index.html.br', 'index.html.gz', '_headers']) expect(isCompressible(file, 1e6, 1024)).toBe(false);
  });
});

describe('compressDir', () => {
  const dir = mkdtempSync(join(tmpdir(), 'compress-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes .br and .gz that decompress to the original, and nothing that would not be smaller', async () => {
    const html = '<p>Long-form notes on how systems work.</p>\n'.repeat(200);
    mkdirSync(join(dir, 'articles/a'), { recursive: true });
    writeFileSync(join(dir, 'articles/a/index.html'), html);
    writeFileSync(join(dir, 'small.css'), 'a{color:red}');
    writeFileSync(join(dir, 'noise.js'), randomBytes(4096));
    writeFileSync(join(dir, 'font.woff2'), html);

    const results = await compressDir(dir, 1024);

    expect(results.map((r) => r.file)).toEqual(['articles/a/index.html', 'noise.js']);
    expect(brotliDecompressSync(readFileSync(join(dir, 'articles/a/index.html.br'))).toString()).toBe(html);
    expect(gunzipSync(readFileSync(join(dir, 'articles/a/index.html.gz'))).toString()).toBe(html);
    const page = results[0]!;
    expect(page.br).toBeLessThan(page.gz ?? Infinity);
    expect(page.gz).toBeLessThan(page.raw);
    // Random bytes do not shrink: the server must send the original rather than a larger "compressed" copy.
    expect(results[1]).toMatchObject({ br: null, gz: null });
    expect(existsSync(join(dir, 'noise.js.br')) || existsSync(join(dir, 'noise.js.gz'))).toBe(false);
    expect(existsSync(join(dir, 'small.css.br')) || existsSync(join(dir, 'font.woff2.br'))).toBe(false);
  });
});
