/**
 * Prepared data directories: the state after an article's setup blocks, dumped at build and loaded by
 * the reader's PGlite instead of running initdb and the setup again (about 4 s → 1.5 s cold). Kept by
 * content hash in a cache folder; the lab-assets integration serves them in dev and copies the ones
 * pages reference into dist/_astro/ (then compressed like every engine file).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DATADIR_CACHE = process.env['LONGFORM_PGDATA_CACHE'] ?? join(process.cwd(), 'node_modules/.cache/longform-pgdata');
/** `/_astro/pgdata.<hash>.tar`, the address pages use. */
export const DATADIR_URL = /\/_astro\/(pgdata\.[0-9a-f]{16}\.tar)/g;

export function saveDataDir(tar: Uint8Array): string {
  const name = `pgdata.${createHash('sha256').update(tar).digest('hex').slice(0, 16)}.tar`;
  const path = join(DATADIR_CACHE, name);
  if (!existsSync(path)) {
    mkdirSync(DATADIR_CACHE, { recursive: true });
    writeFileSync(path, tar);
  }
  return `/_astro/${name}`;
}
