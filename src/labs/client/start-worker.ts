/**
 * Starts an engine worker: hands it what it needs (once that is ready) and waits for its `ready`.
 * The worker is created before `init` resolves, so its script downloads while the engine compiles;
 * if preparing `init` fails, the worker goes too.
 */
import type { EngineResponse, WorkerLike } from '../protocol';

export async function startWorker(worker: Worker, init: Promise<unknown>, name: string): Promise<{ worker: WorkerLike; version: string }> {
  const message = await init.catch((e: unknown) => {
    worker.terminate();
    throw e;
  });
  return new Promise((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<EngineResponse>) => {
      if (data.type === 'ready') resolve({ worker: worker as unknown as WorkerLike, version: data.version });
      else if (data.type === 'fatal') reject(new Error(data.message));
    };
    worker.onerror = (e) => reject(new Error(e.message || `The ${name} worker failed to start.`));
    worker.postMessage(message);
  });
}
