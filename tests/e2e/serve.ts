/**
 * Serves dist/ for the browser tests on its own port, like a static host: files as they are,
 * `/path/` → `/path/index.html`, and the site's 404 page with status 404 for anything else.
 * (Astro 7 allows one `astro preview` per project, which would clash with a running `npm start`.)
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import sirv from 'sirv';

const { values } = parseArgs({ options: { port: { type: 'string', default: '4329' }, dir: { type: 'string', default: 'dist' } } });
const notFound = readFileSync(`${values.dir}/404.html`);
// Precompressed files as a real host serves them (nginx brotli_static/gzip_static), so byte counts are honest.
const files = sirv(values.dir, {
  dev: false,
  etag: true,
  extensions: ['html'],
  brotli: true,
  gzip: true,
  // Hashed assets are cached for a year, as deploy/nginx does: a warm cache then means no request at all.
  setHeaders: (res, path) => {
    if (path.startsWith('/_astro/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  },
});

createServer((req, res) => {
  files(req, res, () => {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end(notFound);
  });
}).listen(Number(values.port), '127.0.0.1', () => console.log(`dist/ on http://127.0.0.1:${values.port}/`));
