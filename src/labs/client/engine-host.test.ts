import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EngineRequest, EngineResponse, WorkerLike } from '../protocol';
import { EngineHost } from './engine-host';

/** A worker whose runs finish after `takes` ms of fake time, or never when the code is `loop {}`. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<EngineResponse>) => void) | null = null;
  onerror = null;
  terminated = false;
  scopes = new Map<string, string[]>();
  constructor(private readonly takes = 10) {}
  postMessage(m: EngineRequest): void {
    if (m.type === 'reset') return void this.scopes.delete(m.scope);
    const seen = this.scopes.get(m.scope) ?? [];
    seen.push(m.code);
    this.scopes.set(m.scope, seen);
    if (m.code === 'loop {}') {
      this.emit({ type: 'chunk', id: m.id, text: 'before the loop\n' });
      return;
    }
    setTimeout(() => this.emit({ type: 'result', id: m.id, output: { stdout: `${seen.length} runs in ${m.scope}`, stderr: '' }, ms: this.takes }), this.takes);
  }
  terminate(): void {
    this.terminated = true;
  }
  private emit(data: EngineResponse): void {
    if (!this.terminated) this.onmessage?.({ data } as MessageEvent<EngineResponse>);
  }
}

describe('EngineHost', () => {
  let workers: FakeWorker[];
  let restarts: number;
  let host: EngineHost;
  beforeEach(() => {
    vi.useFakeTimers();
    workers = [];
    restarts = 0;
    host = new EngineHost({
      limitMs: 5000,
      spawn: async () => {
        const worker = new FakeWorker();
        workers.push(worker);
        return { worker, version: '3.4.1' };
      },
      onRestart: () => restarts++,
    });
  });
  afterEach(() => vi.useRealTimers());

  it('runs in order and keeps state per scope', async () => {
    const a = host.run('article', 'x = 1');
    const b = host.run('article', 'x += 1');
    const c = host.run('fresh-1', 'y = 1');
    await vi.runAllTimersAsync();
    expect((await a).kind).toBe('done');
    expect(await b).toMatchObject({ kind: 'done', output: { stdout: '2 runs in article' } });
    expect(await c).toMatchObject({ kind: 'done', output: { stdout: '1 runs in fresh-1' } });
    expect(workers).toHaveLength(1);
  });

  it('forgets a scope on reset', async () => {
    const first = host.run('article', 'x = 1');
    await vi.runAllTimersAsync();
    await first;
    await host.reset('article');
    const again = host.run('article', 'x = 1');
    await vi.runAllTimersAsync();
    expect(await again).toMatchObject({ output: { stdout: '1 runs in article' } });
  });

  it('stops a run past the limit, keeps what it printed, and starts a new worker', async () => {
    const chunks: string[] = [];
    const stuck = host.run('article', 'loop {}', (t) => chunks.push(t));
    await vi.advanceTimersByTimeAsync(4999);
    expect(workers[0]?.terminated).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await stuck).toEqual({ kind: 'stopped', afterMs: 5000, printed: 'before the loop\n' });
    expect(chunks).toEqual(['before the loop\n']);
    expect(workers[0]?.terminated).toBe(true);
    expect(restarts).toBe(1);
    // The replacement is already starting; the next run uses it and starts from an empty scope.
    expect(workers).toHaveLength(2);
    const next = host.run('article', 'x = 1');
    await vi.runAllTimersAsync();
    expect(await next).toMatchObject({ kind: 'done', output: { stdout: '1 runs in article' } });
  });

  it('does not stop a run that finishes inside the limit', async () => {
    const slow = new EngineHost({ limitMs: 100, spawn: async () => ({ worker: new FakeWorker(99), version: '' }) });
    const run = slow.run('article', 'sleep');
    await vi.advanceTimersByTimeAsync(200);
    expect((await run).kind).toBe('done');
  });
});
