/**
 * The per-page CSP opt-in, end to end: a page marked `data-csp-allow="wasm-unsafe-eval"` (as a
 * lab will be) can compile WebAssembly under nginx, a page without the mark cannot, and an inline
 * script the build did not write is refused. A tiny site stands in for labs until they exist.
 */
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeHeaders } from '../../scripts/headers/index.ts';
import { startNginx, type Nginx } from './nginx';

// The smallest valid WebAssembly module: the magic number and version.
const LAB_JS = `
const verdict = (text) => { document.body.dataset.wasm = text; };
WebAssembly.instantiate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])).then(() => verdict('ran'), (e) => verdict('refused: ' + e.message));
`;
const page = (optIn: boolean) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>lab</title>
<script>document.documentElement.dataset.inline = 'ran';</script>
<script type="module" src="/lab.js"></script></head>
<body><div ${optIn ? 'data-csp-allow="wasm-unsafe-eval"' : ''}>lab</div></body></html>
`;

let root: string;
let nginx: Nginx;

test.beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'longform-csp-'));
  for (const [file, text] of [['index.html', page(false)], ['lab/index.html', page(true)], ['plain/index.html', page(false)], ['lab.js', LAB_JS]] as const) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const policy = writeHeaders(root);
  expect(policy.pages.map((p) => p.file)).toEqual(['/lab/index.html']);
  // Written after the policy was computed, as an injected script would be: it has no hash.
  appendFileSync(join(root, 'plain/index.html'), '<script>document.documentElement.dataset.injected = "ran";</script>\n');
  nginx = await startNginx(root);
});

test.afterAll(async () => {
  await nginx?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('a page that opted in gets wasm-unsafe-eval and can compile WebAssembly', async ({ page }) => {
  const response = await page.goto(`${nginx.origin}/lab/`);
  expect(response?.headers()['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  await expect(page.locator('html')).toHaveAttribute('data-inline', 'ran');
  await expect(page.locator('body')).toHaveAttribute('data-wasm', 'ran');
});

test('a page that did not opt in cannot, and an inline script without a hash does not run', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (msg) => {
    if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
  });
  const response = await page.goto(`${nginx.origin}/plain/`);
  expect(response?.headers()['content-security-policy']).not.toContain('wasm-unsafe-eval');
  await expect(page.locator('html')).toHaveAttribute('data-inline', 'ran');
  await expect(page.locator('body')).toHaveAttribute('data-wasm', /^refused: /);
  await expect(page.locator('html')).not.toHaveAttribute('data-injected', 'ran');
  expect(violations.length).toBeGreaterThan(0);
});
