/**
 * Files the SQL labs need that no module imports: the prepared data directories written by
 * remark-sql. Served from the cache in `astro dev`; after a build, the ones the pages reference are
 * copied into dist/_astro/, where the compress step and the year-long cache rules apply to them.
 */
import type { AstroIntegration } from 'astro';
import { copyFileSync, createReadStream, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATADIR_CACHE, DATADIR_URL } from '../labs/postgres/datadir';

export default function labAssets(): AstroIntegration {
  return {
    name: 'longform:lab-assets',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const name = /^\/_astro\/(pgdata\.[0-9a-f]{16}\.tar)$/.exec(req.url ?? '')?.[1];
          const path = name && join(DATADIR_CACHE, name);
          if (!path || !existsSync(path)) return next();
          res.setHeader('content-type', 'application/x-tar');
          createReadStream(path).pipe(res);
        });
      },
      'astro:build:done': ({ dir, logger }) => {
        const out = fileURLToPath(dir);
        const names = new Set<string>();
        for (const file of readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html'))) {
          for (const m of readFileSync(join(out, file), 'utf8').matchAll(DATADIR_URL)) names.add(m[1]!);
        }
        for (const name of names) copyFileSync(join(DATADIR_CACHE, name), join(out, '_astro', name));
        if (names.size) logger.info(`${names.size} prepared PostgreSQL data director${names.size === 1 ? 'y' : 'ies'} copied`);
      },
    },
  };
}
