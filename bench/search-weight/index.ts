/**
 * The bytes a reader fetches for one search: opens the search dialog on the built site in Chromium,
 * types a query, waits for results, and sums every /pagefind/ request at the size the shipped nginx
 * config sends it (the precompressed .br beside the file when there is one, else the file itself:
 * Pagefind's index chunks are already compressed).
 *
 *   npm run build && npm run bench:search-weight [-- "query"]
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { serveDist } from '../../scripts/lib/serve-dist.ts';

const DIST = new URL('../../dist/', import.meta.url).pathname;
const PORT = 4389;
const { positionals } = parseArgs({ allowPositionals: true });
const query = positionals[0] ?? 'vacuum dead tuples';

const server = await serveDist(PORT);
const browser = await chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: ['--disable-background-networking'] });
try {
  const page = await browser.newPage();
  const fetched: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/pagefind/')) fetched.push(path);
  });
  await page.goto(`${server.origin}/articles/`);
  await page.keyboard.press('/');
  await page.keyboard.type(query);
  await page.locator('[data-search-results] li').first().waitFor();
  await page.waitForLoadState('networkidle');
  let total = 0;
  for (const path of fetched) {
    const file = join(DIST, path);
    const sent = existsSync(`${file}.br`) ? `${file}.br` : file;
    const size = statSync(sent).size;
    total += size;
    console.log(`${(size / 1024).toFixed(1).padStart(8)} KB  ${path}${sent.endsWith('.br') ? ' (br)' : ''}`);
  }
  console.log(`${fetched.length} requests, ${(total / 1024).toFixed(1)} KB for the search "${query}"`);
} finally {
  await browser.close();
  server.stop();
}
