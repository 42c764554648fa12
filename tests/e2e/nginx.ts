import { test as base } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST } from './pages.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

export interface Nginx { origin: string; stop(): Promise<void> }

function nginxBinary(): string {
  const found = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
  if (!found || !existsSync(BROTLI_MODULE)) {
    throw new Error('These tests run Debian\'s nginx: apt-get install -y nginx libnginx-mod-http-brotli-static (.ci/run does this).');
  }
  return found;
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? done(address.port) : fail(new Error('no port'))));
    });
  });
}

/** The shipped deploy/nginx/site.conf with only what differs on a test machine replaced: the port and the document root. */
export function siteConfFor(root: string, port: number): string {
  const shipped = readFileSync(join(REPO, 'deploy/nginx/site.conf'), 'utf8');
  const replaced = shipped
    .replace(/^(\s*)listen 80;$/m, `$1listen 127.0.0.1:${port};`)
    .replace(/^\s*listen \[::\]:80;\n/m, '')
    .replace(/^(\s*)root \/var\/www\/longform;$/m, `$1root ${root};`);
  if (!replaced.includes(`listen 127.0.0.1:${port};`) || !replaced.includes(`root ${root};`) || replaced.includes('[::]')) {
    throw new Error('deploy/nginx/site.conf no longer has the listen and root lines these tests replace; update tests/e2e/nginx.ts');
  }
  return replaced;
}

/**
 * Starts real nginx on a free loopback port serving `root` with the shipped site config and the
 * headers files the build generated in `root/_nginx/`. Everything nginx writes (pid, logs, temp
 * files) stays in a temporary prefix, removed on stop.
 */
export async function startNginx(root: string = DIST): Promise<Nginx> {
  const bin = nginxBinary();
  const generated = ['csp.conf', 'security-headers.conf'].map((file) => join(root, '_nginx', file));
  for (const file of generated) if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
  const port = await freePort();
  const prefix = mkdtempSync(join(tmpdir(), 'longform-nginx-'));
  const temp = (name: string) => join(prefix, name);
  let child: ChildProcess | undefined;
  try {
    const conf = join(prefix, 'conf');
    mkdirSync(join(conf, 'longform'), { recursive: true });
    for (const file of generated) cpSync(file, join(conf, 'longform', basename(file)));
    writeFileSync(join(conf, 'longform.conf'), siteConfFor(root, port));
    // Debian's packaged modules are loaded by a path relative to the prefix, as in /etc/nginx/modules-enabled/.
    symlinkSync('/usr/lib/nginx/modules', join(prefix, 'modules'));
    writeFileSync(
      join(conf, 'nginx.conf'),
      `
# When the tests run as root, workers keep that user so they can read a private temp dir.
${process.getuid?.() === 0 ? `user ${userInfo().username};` : ''}
worker_processes 1;
daemon off;
pid ${temp('nginx.pid')};
error_log ${temp('error.log')} warn;
load_module modules/ngx_http_brotli_static_module.so;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log ${temp('access.log')};
    client_body_temp_path ${temp('body')};
    proxy_temp_path ${temp('proxy')};
    fastcgi_temp_path ${temp('fastcgi')};
    uwsgi_temp_path ${temp('uwsgi')};
    scgi_temp_path ${temp('scgi')};
    include longform.conf;
}
`,
    );
    const args = ['-p', prefix, '-c', join(conf, 'nginx.conf'), '-e', temp('error.log')];
    const check = spawnSync(bin, [...args, '-t'], { encoding: 'utf8' });
    if (check.status !== 0) throw new Error(`nginx -t failed:\n${check.stderr}`);
    const server = spawn(bin, args, { stdio: 'ignore' });
    child = server;
    const exited = new Promise<void>((done) => server.once('exit', () => done()));
    const origin = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`nginx exited: ${readFileSync(temp('error.log'), 'utf8')}`);
      try {
        if ((await fetch(`${origin}/`)).ok) break;
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error(`nginx did not answer on ${origin}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return {
      origin,
      async stop() {
        // SIGQUIT: graceful shutdown, so nginx removes its pid file and workers before the prefix goes.
        if (server.exitCode === null) server.kill('SIGQUIT');
        await exited;
        rmSync(prefix, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (child && child.exitCode === null) child.kill('SIGTERM');
    rmSync(prefix, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Playwright tests against nginx: each worker starts one server on the current build, and
 * `baseURL` (so `page.goto('/…')` and `request`) points at it instead of `astro preview`.
 */
export const test = base.extend<{ origin: string }, { nginx: Nginx }>({
  nginx: [
    async ({}, use) => {
      const server = await startNginx();
      await use(server);
      await server.stop();
    },
    { scope: 'worker' },
  ],
  origin: async ({ nginx }, use) => use(nginx.origin),
  baseURL: async ({ nginx }, use) => use(nginx.origin),
});

export interface RawResponse { status: number; headers: IncomingHttpHeaders; body: Buffer }

/** One GET exactly as sent, without following redirects or decoding the body (fetch would do both). */
export function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((done, fail) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    }).on('error', fail);
  });
}
