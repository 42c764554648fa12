/**
 * PostgreSQL (PGlite, the engine readers get) in Node, for running an article's SQL blocks at build.
 * One database per article; the articles' setup is dumped as a data directory the browser loads, so a
 * reader's first Run skips initdb and the setup.
 */
import { PGlite } from '@electric-sql/pglite';
import { loadContrib, POSTGRESQL_CONF, type Contrib } from './contrib.ts';
import { runSql, type SqlResult } from './run.ts';

export interface PgSession {
  version: string;
  run(sql: string): Promise<SqlResult>;
  /** The data directory as an uncompressed tar, for the browser's `loadDataDir`. */
  dump(): Promise<Uint8Array>;
  close(): Promise<void>;
}

export async function createPgSession(extensions: readonly Contrib[] = []): Promise<PgSession> {
  const db = await PGlite.create({ extensions: await loadContrib(extensions), postgresqlconf: POSTGRESQL_CONF });
  const { rows } = await db.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  const version = (rows[0]?.v ?? '').split(' ')[0] ?? '';
  return {
    version,
    run: (sql) => runSql(db, sql),
    dump: async () => new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer()),
    close: () => db.close(),
  };
}
