/**
 * Starts CRuby in a worker for the page. ruby.wasm is self-hosted (Vite copies it into /_astro/ with
 * a content hash; the build writes .br and .gz beside it) and compiled once per page: the compiled
 * module is kept, so a worker restarted by the watchdog is running again in a fraction of a second.
 */
import rubyWasm from '@ruby/3.4-wasm-wasi/dist/ruby.wasm?url';
import type { EngineModule } from '../client/engines';
import { renderOutput, type RunOutput } from '../output';
import type { WorkerLike } from '../protocol';
import { startWorker } from '../client/start-worker';

let compiled: Promise<WebAssembly.Module> | undefined;

function compile(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compileStreaming(fetch(rubyWasm)).catch((e: unknown) => {
    compiled = undefined;
    throw e;
  });
  return compiled;
}

/** Fetches and compiles the engine ahead of the first Run (a hover or focus on Run). */
export function prefetchRuby(): void {
  void compile().catch(() => undefined);
}

export function spawnRuby(): Promise<{ worker: WorkerLike; version: string }> {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'ruby' });
  return startWorker(worker, compile().then((module) => ({ type: 'init', module })), 'Ruby');
}

/** How a Ruby run looks on the page: the same text the build embeds (stdout, stderr, `=> value` or the error). */
function render(output: unknown, into: HTMLElement): { failed?: string | undefined; text: string } {
  const result = output as RunOutput;
  const pre = document.createElement('pre');
  pre.className = 'lab-text';
  pre.textContent = renderOutput(result) || '(no output)';
  into.replaceChildren(pre);
  return { failed: result.error, text: result.stdout };
}

export const engine: EngineModule = { name: 'Ruby', limitMs: 10_000, spawn: spawnRuby, prefetch: prefetchRuby, render };
