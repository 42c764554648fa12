/**
 * Prepared data directories: the state after an article's setup blocks, dumped at build and loaded by
 * the reader's PGlite instead of running initdb and the setup again (about 4 s → 1.5 s cold). Kept by
 * content hash in a cache folder; the lab-assets integration serves them in dev and copies the ones
 * pages reference into dist/_astro/ (then compressed like every engine file).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export const DATADIR_CACHE = process.env['LONGFORM_PGDATA_CACHE'] ?? join(process.cwd(), 'node_modules/.cache/longform-pgdata');
/** `/_astro/pgdata.<hash>.tar`, the address pages use. */
export const DATADIR_URL = /\/_astro\/(pgdata\.[0-9a-f]{16}\.tar)/g;

// The package exports no package.json; its entry point sits in dist/, one folder below it.
const pgliteEntry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
const pgliteVersion = (JSON.parse(readFileSync(join(dirname(pgliteEntry), '../package.json'), 'utf8')) as { version: string }).version;

/**
 * A data directory is named for what made it (engine version, settings, contrib, setup SQL), not
 * for its bytes: a dump differs from run to run (transaction ids, timestamps), and naming by
 * content would make every build ship, and spend a minute compressing, a new one. Setup SQL should
 * therefore be deterministic (no `random()` without `setseed`, no `now()` in data a block shows).
 */
export function dataDirKey(parts: readonly string[]): string {
  return createHash('sha256').update([pgliteVersion, ...parts].join('\0')).digest('hex').slice(0, 16);
}

/** The address of the data directory for `key`, if a build already dumped it. */
export function cachedDataDir(key: string): string | undefined {
  return existsSync(join(DATADIR_CACHE, `pgdata.${key}.tar`)) ? `/_astro/pgdata.${key}.tar` : undefined;
}

export function saveDataDir(key: string, tar: Uint8Array): string {
  mkdirSync(DATADIR_CACHE, { recursive: true });
  writeFileSync(join(DATADIR_CACHE, `pgdata.${key}.tar`), tar);
  return `/_astro/pgdata.${key}.tar`;
}
