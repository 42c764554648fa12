/**
 * PostgreSQL (PGlite, the engine readers get) in Node, for running an article's SQL blocks at build.
 * One database per article; the articles' setup is dumped as a data directory the browser loads, so a
 * reader's first Run skips initdb and the setup.
 */
import { PGlite, type Extension } from '@electric-sql/pglite';
import { amcheck } from '@electric-sql/pglite/contrib/amcheck';
import { pageinspect } from '@electric-sql/pglite/contrib/pageinspect';
import { pg_buffercache } from '@electric-sql/pglite/contrib/pg_buffercache';
import { pg_freespacemap } from '@electric-sql/pglite/contrib/pg_freespacemap';
import { pg_visibility } from '@electric-sql/pglite/contrib/pg_visibility';
import { POSTGRESQL_CONF, type Contrib } from './contrib.ts';
import { runSql, type SqlResult } from './run.ts';

export interface PgSession {
  version: string;
  run(sql: string): Promise<SqlResult>;
  /** The data directory as an uncompressed tar, for the browser's `loadDataDir`. */
  dump(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Imported statically, not through contrib.ts's dynamic imports: at build this module is loaded
 * with astro.config.ts by a Vite module runner that Astro closes once the config is read, and a
 * dynamic import through it then fails ("Vite module runner has been closed").
 */
const CONTRIB: Record<Contrib, Extension> = { amcheck, pageinspect, pg_buffercache, pg_freespacemap, pg_visibility };

export async function createPgSession(extensions: readonly Contrib[] = []): Promise<PgSession> {
  const loaded = Object.fromEntries(extensions.map((name) => [name, CONTRIB[name]]));
  const db = await PGlite.create({ extensions: loaded, postgresqlconf: POSTGRESQL_CONF });
  const { rows } = await db.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  const version = (rows[0]?.v ?? '').split(' ')[0] ?? '';
  return {
    version,
    run: (sql) => runSql(db, sql),
    dump: async () => new Uint8Array(await (await db.dumpDataDir('none')).arrayBuffer()),
    close: () => db.close(),
  };
}
