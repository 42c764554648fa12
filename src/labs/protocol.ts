/**
 * The one worker protocol every engine speaks (Ruby now, PostgreSQL next). The page sends `run` and
 * `reset`; the worker answers `ready` once, `chunk`s while a run prints, and one `result` per run.
 * Scopes name a VM or database inside the worker: `article` for blocks that share state, a lab's id
 * for blocks that start fresh.
 */
export type EngineRequest =
  | { type: 'run'; id: number; scope: string; code: string }
  | { type: 'reset'; scope: string };

/** `output` is the engine's own result shape (Ruby: stdout, stderr, value, error); its page module draws it. */
export type EngineResponse<Output = unknown> =
  | { type: 'ready'; version: string }
  | { type: 'chunk'; id: number; text: string }
  | { type: 'result'; id: number; output: Output; ms: number }
  | { type: 'fatal'; message: string };

/** The part of a Worker the host uses: lets tests drive the host with a fake. */
export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<EngineResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}
