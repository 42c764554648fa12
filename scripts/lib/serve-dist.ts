/**
 * Serves the built site on a loopback port for a benchmark, with the same static server the browser
 * tests use (tests/e2e/serve.ts), and resolves once it answers.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './scratch-site.ts';

export async function serveDist(port: number): Promise<{ origin: string; stop: () => void }> {
  const server = spawn(process.execPath, [join(ROOT, 'tests/e2e/serve.ts'), '--port', String(port)], { cwd: ROOT, stdio: 'ignore' });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    if (await fetch(`${origin}/`).then((r) => r.ok, () => false)) return { origin, stop: () => server.kill() };
    await new Promise((r) => setTimeout(r, 200));
  }
  server.kill();
  throw new Error(`dist/ did not come up on ${origin} (run npm run build first)`);
}
