/**
 * One engine worker for a page, behind a watchdog. The engines cannot time themselves out (a
 * WebAssembly loop never yields to a timer), so the page does: past the limit it terminates the
 * worker, answers the pending run as stopped, and starts a new worker at once so the next Run is
 * quick. Runs go one at a time, in the order asked.
 */
import type { EngineResponse, WorkerLike } from '../protocol';

export type RunOutcome =
  | { kind: 'done'; output: unknown; ms: number }
  | { kind: 'stopped'; afterMs: number; printed: string };

export interface EngineHostOptions {
  /** Starts a worker; resolves once it has said `ready`. */
  spawn: () => Promise<{ worker: WorkerLike; version: string }>;
  /** Time a single run may take before the watchdog stops it. */
  limitMs: number;
  /** Called after the watchdog replaced the worker: every VM and database is gone. */
  onRestart?: () => void;
}

export class EngineHost {
  private current: Promise<{ worker: WorkerLike; version: string }> | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;

  constructor(private readonly options: EngineHostOptions) {}

  /** Starts the engine without running anything (a hover on Run, or the first Run). */
  start(): Promise<string> {
    return this.engine().then((e) => e.version);
  }

  private engine(): Promise<{ worker: WorkerLike; version: string }> {
    // A failed start (offline, say) is not remembered: the next Run tries again.
    this.current ??= this.options.spawn().catch((e: unknown) => {
      this.current = undefined;
      throw e;
    });
    return this.current;
  }

  /** Runs `code` in `scope`; `onChunk` sees output as it is printed. */
  run(scope: string, code: string, onChunk: (text: string) => void = () => {}): Promise<RunOutcome> {
    const task = this.queue.then(() => this.runNow(scope, code, onChunk));
    this.queue = task.catch(() => undefined);
    return task;
  }

  /** Forgets a scope's state; its next run starts from nothing. */
  async reset(scope: string): Promise<void> {
    await this.queue;
    if (!this.current) return;
    (await this.current).worker.postMessage({ type: 'reset', scope });
  }

  private async runNow(scope: string, code: string, onChunk: (text: string) => void): Promise<RunOutcome> {
    const { worker } = await this.engine();
    const id = this.nextId++;
    let printed = '';
    return new Promise<RunOutcome>((resolve, reject) => {
      const watchdog = setTimeout(() => {
        worker.onmessage = null;
        worker.terminate();
        this.current = undefined;
        this.options.onRestart?.();
        void this.engine().catch(() => undefined);
        resolve({ kind: 'stopped', afterMs: this.options.limitMs, printed });
      }, this.options.limitMs);
      worker.onmessage = ({ data }: MessageEvent<EngineResponse>) => {
        if (data.type === 'chunk' && data.id === id) {
          printed += data.text;
          onChunk(data.text);
        } else if (data.type === 'result' && data.id === id) {
          clearTimeout(watchdog);
          resolve({ kind: 'done', output: data.output, ms: data.ms });
        } else if (data.type === 'fatal') {
          clearTimeout(watchdog);
          worker.terminate();
          this.current = undefined;
          this.options.onRestart?.();
          reject(new Error(data.message));
        }
      };
      worker.postMessage({ type: 'run', id, scope, code });
    });
  }
}
