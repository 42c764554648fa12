/**
 * What the lab runtime needs from an engine, and where each engine lives. The modules are imported
 * on first use only: a page downloads nothing of an engine until its reader asks for it.
 */
import type { WorkerLike } from '../protocol';

export interface EngineModule {
  /** How the reader knows it: "Ruby", "PostgreSQL". */
  name: string;
  /** A run longer than this is stopped by the watchdog. */
  limitMs: number;
  spawn(): Promise<{ worker: WorkerLike; version: string }>;
  /** Starts the download and compile early (hover or focus on Run). */
  prefetch(): void;
  /**
   * Draws a finished run into the output region. Returns the failure text when the run raised or
   * failed, and the plain text figures receive with the `lab:output` event.
   */
  render(output: unknown, into: HTMLElement): { failed?: string | undefined; text: string };
}

export type EngineKind = 'ruby' | 'sql';

export const ENGINES: Record<EngineKind, () => Promise<EngineModule>> = {
  ruby: () => import('../ruby/browser-engine').then((m) => m.engine),
  sql: () => import('../postgres/browser-engine').then((m) => m.engine),
};
