/**
 * The contrib modules PGlite ships that articles may use, each imported by name so Vite can bundle
 * the browser's copy (a computed import path would not be). An article's blocks name what they need
 * with `CREATE EXTENSION`; only those are loaded, at build and in the reader's worker.
 */
import type { Extension } from '@electric-sql/pglite';

const LOADERS = {
  pageinspect: () => import('@electric-sql/pglite/contrib/pageinspect').then((m) => m.pageinspect),
  pg_visibility: () => import('@electric-sql/pglite/contrib/pg_visibility').then((m) => m.pg_visibility),
  pg_freespacemap: () => import('@electric-sql/pglite/contrib/pg_freespacemap').then((m) => m.pg_freespacemap),
  pg_buffercache: () => import('@electric-sql/pglite/contrib/pg_buffercache').then((m) => m.pg_buffercache),
  amcheck: () => import('@electric-sql/pglite/contrib/amcheck').then((m) => m.amcheck),
} satisfies Record<string, () => Promise<Extension>>;

export type Contrib = keyof typeof LOADERS;
export const CONTRIB = Object.keys(LOADERS) as Contrib[];

/** Server settings every lab database starts with, at build and in the browser. */
export const POSTGRESQL_CONF = [
  // A second lock holder exists only as a prepared transaction: PGlite is one backend.
  'max_prepared_transactions = 4',
];

export async function loadContrib(names: readonly string[]): Promise<Record<string, Extension>> {
  const known = names.filter((n): n is Contrib => n in LOADERS);
  return Object.fromEntries(await Promise.all(known.map(async (n) => [n, await LOADERS[n]()] as const)));
}

/** Which contrib modules a body of SQL creates. */
export function contribUsed(sql: string): Contrib[] {
  return CONTRIB.filter((name) => new RegExp(`create\\s+extension\\s+(if\\s+not\\s+exists\\s+)?"?${name}\\b`, 'i').test(sql));
}
