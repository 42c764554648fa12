/**
 * node scripts/compress/index.ts [--dir dist] [--min-bytes 1024]
 *
 * Writes `<file>.br` (brotli quality 11) and `<file>.gz` (gzip -9) beside every compressible file
 * in the build, so a server sends the smallest bytes without compressing on each request
 * (nginx: `brotli_static on; gzip_static on;`). Runs as the last step of `npm run build`.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { listFiles } from '../lib/dist.ts';

/** Text and binary formats that shrink well. Images, fonts (woff2 is brotli inside) and archives already compressed are left alone. */
export const COMPRESSIBLE = ['html', 'css', 'js', 'mjs', 'json', 'xml', 'svg', 'txt', 'wasm', 'data', 'tar', 'map'] as const;

/**
 * Whether a file is worth precompressing. Under about 1 KB the saving is smaller than a TCP packet,
 * so the extra files would only cost disk and a stat per request.
 */
export function isCompressible(file: string, size: number, minBytes: number): boolean {
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase();
  return size >= minBytes && ext !== undefined && (COMPRESSIBLE as readonly string[]).includes(ext);
}

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

export interface Compressed { file: string; raw: number; br: number | null; gz: number | null }

/**
 * Compresses one file both ways. A variant that is not smaller than the original is not written
 * (null), so the server falls back to the original rather than sending more bytes.
 */
export async function compressFile(path: string): Promise<Omit<Compressed, 'file'>> {
  const bytes = await readFile(path);
  const [b, g] = await compressedBytes(bytes, !/\.(wasm|data|tar)$/i.test(path));
  const keep = async (data: Buffer, ext: string): Promise<number | null> => {
    if (data.length >= bytes.length) return null;
    await writeFile(`${path}.${ext}`, data);
    return data.length;
  };
  return { raw: bytes.length, br: await keep(b, 'br'), gz: await keep(g, 'gz') };
}

/** Where large files' compressed forms are kept between builds, by content. */
const CACHE_DIR = process.env['LONGFORM_COMPRESS_CACHE'] ?? join(process.cwd(), 'node_modules/.cache/longform-compress');
/** Engine files (ruby.wasm, PGlite) take most of a minute at brotli 11 and never change between builds. */
const CACHE_FROM_BYTES = 256 * 1024;

async function compressedBytes(bytes: Buffer, text: boolean): Promise<[Buffer, Buffer]> {
  if (bytes.length < CACHE_FROM_BYTES) return compressBoth(bytes, text);
  // The settings are part of the key: changing them must not serve files compressed the old way.
  const key = join(CACHE_DIR, createHash('sha256').update(bytes).update(SETTINGS).digest('hex'));
  try {
    return await Promise.all([readFile(`${key}.br`), readFile(`${key}.gz`)]);
  } catch {
    const both = await compressBoth(bytes, text);
    await mkdir(CACHE_DIR, { recursive: true });
    await Promise.all([writeFile(`${key}.br`, both[0]), writeFile(`${key}.gz`, both[1])]);
    return both;
  }
}

/**
 * Brotli's largest standard window (16 MB) finds repeats far apart: a PostgreSQL data directory holds
 * three copies of the catalogs, and the wide window halves it (2.6 → 1.3 MB). Past 32 MB, quality 11
 * costs well over a minute for a few percent, so those files get quality 7.
 */
const WIDE_WINDOW_FROM = 4 * 1024 * 1024;
const FAST_FROM = 32 * 1024 * 1024;
const SETTINGS = 'br:q11|q7>=32M,lgwin24>=4M;gz:9';

function compressBoth(bytes: Buffer, text: boolean): Promise<[Buffer, Buffer]> {
  return Promise.all([
    brotli(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: bytes.length >= FAST_FROM ? 7 : constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_LGWIN]: bytes.length >= WIDE_WINDOW_FROM ? 24 : 22,
        [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
    gz(bytes, { level: 9 }),
  ]);
}

/** Compresses every compressible file under `dir`, a few at a time (zlib runs on the libuv thread pool, so this uses every core). */
export async function compressDir(dir: string, minBytes: number): Promise<Compressed[]> {
  const candidates: string[] = [];
  for (const file of listFiles(dir)) {
    if (isCompressible(file, (await stat(join(dir, file))).size, minBytes)) candidates.push(file);
  }
  const results: Compressed[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < candidates.length) {
      const file = candidates[next++]!;
      results.push({ file, ...(await compressFile(join(dir, file))) });
    }
  };
  await Promise.all(Array.from({ length: Math.max(2, availableParallelism()) }, worker));
  return results.sort((a, b) => a.file.localeCompare(b.file));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { dir: { type: 'string', default: 'dist' }, 'min-bytes': { type: 'string', default: '1024' } },
  });
  const started = performance.now();
  const results = await compressDir(values.dir, Number(values['min-bytes']));
  const sum = (pick: (r: Compressed) => number | null) => results.reduce((n, r) => n + (pick(r) ?? r.raw), 0);
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
  console.log(
    `compress: ${results.length} files in ${values.dir}/, ${kb(sum((r) => r.raw))} → brotli ${kb(sum((r) => r.br))}, gzip ${kb(sum((r) => r.gz))}` +
      ` (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}
