/**
 * PostgreSQL (PGlite) in a Web Worker, one database per page, started from the article's prepared
 * data directory. The page hands over the compiled engine, its file bundle and the data directory,
 * so a worker restarted by the watchdog (or a Reset) starts without downloading anything again.
 * A small worker of our own rather than PGliteWorker: a round trip is far cheaper, and notices
 * (VACUUM VERBOSE) arrive, which PGliteWorker drops.
 */
import { PGlite } from '@electric-sql/pglite';
import type { EngineRequest, EngineResponse } from '../protocol';
import { loadContrib, POSTGRESQL_CONF } from './contrib';
import { runSql } from './run';

/** The worker's global, typed for what we use (the DOM lib has no dedicated-worker scope). */
const scope = self as unknown as { postMessage(message: EngineResponse): void; onmessage: ((event: MessageEvent) => void) | null };

export interface PgInit {
  type: 'init';
  module: WebAssembly.Module;
  fsBundle: Blob;
  dataDir: Blob;
  extensions: string[];
}

let init: PgInit;
let db: Promise<PGlite> | undefined;

const post = (message: EngineResponse) => scope.postMessage(message);

async function open(): Promise<PGlite> {
  return PGlite.create({
    loadDataDir: init.dataDir,
    pgliteWasmModule: init.module,
    fsBundle: init.fsBundle,
    extensions: await loadContrib(init.extensions),
    postgresqlconf: POSTGRESQL_CONF,
  });
}

scope.onmessage = async ({ data }: MessageEvent<EngineRequest | PgInit>) => {
  try {
    if (data.type === 'init') {
      init = data;
      db = open();
      const { rows } = await (await db).query<{ v: string }>("SELECT current_setting('server_version') AS v");
      post({ type: 'ready', version: (rows[0]?.v ?? '').split(' ')[0] ?? '' });
    } else if (data.type === 'reset') {
      // Back to the article's setup: a new database from the same prepared directory.
      const old = db;
      db = open();
      await (await old)?.close().catch(() => undefined);
    } else {
      const started = performance.now();
      const output = await runSql(await db!, data.code);
      post({ type: 'result', id: data.id, ms: performance.now() - started, output });
    }
  } catch (e) {
    post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
  }
};
