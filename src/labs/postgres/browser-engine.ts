/**
 * Starts PostgreSQL in a worker for the page. The engine (pglite.wasm, compiled once and kept), its
 * file bundle and the article's prepared data directory are fetched on the first Run only, from
 * /_astro/ with content hashes and precompressed; a restart after the watchdog reuses all three.
 */
import pgliteWasm from '@electric-sql/pglite/pglite.wasm?url';
import pgliteData from '@electric-sql/pglite/pglite.data?url';
import type { EngineModule } from '../client/engines';
import type { EngineResponse, WorkerLike } from '../protocol';
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

async function spawn(): Promise<{ worker: WorkerLike; version: string }> {
  // The worker's script (PGlite's JavaScript) loads while the engine files download and compile.
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'postgres' });
  const init: PgInit = {
    type: 'init',
    ...(await load().catch((e: unknown) => {
      worker.terminate();
      throw e;
    })),
  };
  return new Promise((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<EngineResponse>) => {
      if (data.type === 'ready') resolve({ worker: worker as unknown as WorkerLike, version: data.version });
      else if (data.type === 'fatal') reject(new Error(data.message));
    };
    worker.onerror = (e) => reject(new Error(e.message || 'The PostgreSQL worker failed to start.'));
    worker.postMessage(init);
  });
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
