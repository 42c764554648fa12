/**
 * node scripts/headers/index.ts [--dir dist]
 *
 * Reads every built page, hashes its inline scripts and notes what it opted into, then writes the
 * response headers for this exact build:
 *   dist/_nginx/csp.conf               `map $uri $longform_csp` (nginx, http context)
 *   dist/_nginx/security-headers.conf  the `add_header` lines (nginx, each location)
 *   dist/_headers                      the same headers for static hosts (Cloudflare Pages, Netlify)
 * Runs in `npm run build` after `astro build`: the hashes must come from the HTML that ships.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { listFiles, urlPathOf } from '../lib/dist.ts';
import { headersFile, nginxCspMap, nginxSecurityHeaders, pageNeeds, sitePolicy, type SitePolicy } from './policy.ts';

/** Computes the policy of the build in `dir` and writes the three files into it. */
export function writeHeaders(dir: string): SitePolicy {
  const pages = listFiles(dir)
    .filter((f) => f.endsWith('.html'))
    .map((file) => {
      try {
        return { file, path: urlPathOf(file), needs: pageNeeds(readFileSync(join(dir, file), 'utf8')) };
      } catch (error) {
        throw new Error(`${join(dir, file)}: ${(error as Error).message}`);
      }
    });
  const policy = sitePolicy(pages);
  mkdirSync(join(dir, '_nginx'), { recursive: true });
  writeFileSync(join(dir, '_nginx', 'csp.conf'), nginxCspMap(policy));
  writeFileSync(join(dir, '_nginx', 'security-headers.conf'), nginxSecurityHeaders());
  writeFileSync(join(dir, '_headers'), headersFile(policy));
  return policy;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { dir: { type: 'string', default: 'dist' } } });
  try {
    const policy = writeHeaders(values.dir);
    console.log(
      `headers: ${policy.hashes.length} inline script hashes; base policy opt-ins: ${policy.baseOptIns.join(', ') || 'none'}; ` +
        `${policy.pages.length} page${policy.pages.length === 1 ? '' : 's'} with a policy of their own` +
        ` (${values.dir}/_nginx/csp.conf, ${values.dir}/_nginx/security-headers.conf, ${values.dir}/_headers)`,
    );
  } catch (error) {
    console.error(`headers: ${(error as Error).message}`);
    process.exit(1);
  }
}
