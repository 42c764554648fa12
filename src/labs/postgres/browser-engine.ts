/**
 * Starts PostgreSQL in a worker for the page. The engine (pglite.wasm, compiled once and kept), its
 * file bundle and the article's prepared data directory are fetched on the first Run only, from
 * /_astro/ with content hashes and precompressed; a restart after the watchdog reuses all three.
 */
import pgliteWasm from '@electric-sql/pglite/pglite.wasm?url';
import pgliteData from '@electric-sql/pglite/pglite.data?url';
import type { EngineModule } from '../client/engines';
import type { WorkerLike } from '../protocol';
import { startWorker } from '../client/start-worker';
import { planRenderer } from './plan-render';
import { sqlHtml } from './render';
import type { SqlResult } from './result';
import type { PgInit } from './worker';

let assets: Promise<Omit<PgInit, 'type'>> | undefined;

function settings(): { dataDir: string; extensions: string[] } {
  const lab = document.querySelector<HTMLElement>('.lab[data-lab="sql"]');
  return { dataDir: lab?.dataset['labDatadir'] ?? '', extensions: (lab?.dataset['labExtensions'] ?? '').split(' ').filter(Boolean) };
}

async function blob(url: string): Promise<Blob> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.blob();
}

function load(): Promise<Omit<PgInit, 'type'>> {
  const { dataDir, extensions } = settings();
  assets ??= Promise.all([WebAssembly.compileStreaming(fetch(pgliteWasm)), blob(pgliteData), blob(dataDir)])
    .then(([module, fsBundle, dir]) => ({ module, fsBundle, dataDir: dir, extensions }))
    .catch((e: unknown) => {
      assets = undefined;
      throw e;
    });
  return assets;
}

function spawn(): Promise<{ worker: WorkerLike; version: string }> {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'postgres' });
  return startWorker(worker, load().then((assets): PgInit => ({ type: 'init', ...assets })), 'PostgreSQL');
}

function render(output: unknown, into: HTMLElement): { failed?: string | undefined; text: string } {
  const result = output as SqlResult;
  const lab = into.closest('.lab')?.id ?? 'sql';
  into.innerHTML = `<div class="sql-output">${sqlHtml(result, planRenderer(`${lab}-run`))}</div>`;
  return { failed: result.error, text: JSON.stringify(result.items) };
}

export const engine: EngineModule = {
  name: 'PostgreSQL',
  limitMs: 10_000,
  spawn,
  prefetch: () => void load().catch(() => undefined),
  render,
};
