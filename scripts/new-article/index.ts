/**
 * npm run new -- "Title" --tag postgres [--series postgresql-in-production [--part 4]] [--summary "…"] [--date YYYY-MM-DD]
 * (without --part, the article becomes the next part of its series)
 *
 * Creates src/content/articles/<slug>/index.mdx with frontmatter the schema accepts, as a draft.
 * Refuses an unknown tag or series, and a slug that already exists, with a message saying what to do.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { slugify } from '../../src/lib/slug.ts';
import { SERIES_IDS, TAGS, isTag } from '../../src/lib/taxonomy.ts';

export interface NewArticle {
  title: string;
  tag: string;
  series?: string | undefined;
  /** Position in the series; the schema requires it with `series`. */
  part?: number | undefined;
  summary?: string | undefined;
  date: string;
}

/** The file's text, or an error message for the author. */
export function articleSource(a: NewArticle): { slug: string; text: string } | { error: string } {
  const title = a.title.trim();
  if (!title) return { error: 'Give the article a title: npm run new -- "My title" --tag postgres' };
  if (!isTag(a.tag)) return { error: `Unknown tag "${a.tag}". Use one of: ${TAGS.join(', ')}.` };
  if (a.series && !(SERIES_IDS as string[]).includes(a.series)) {
    return { error: `Unknown series "${a.series}". Use one of: ${SERIES_IDS.join(', ')} (or add it to src/lib/taxonomy.ts).` };
  }
  if (a.series && !(a.part && Number.isInteger(a.part) && a.part > 0)) return { error: '--part must be a whole number from 1.' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(a.date)) return { error: `--date must be YYYY-MM-DD, got "${a.date}".` };
  const slug = slugify(title);
  if (!slug) return { error: `The title "${title}" has no letters or digits to make an address from.` };
  const lines = [
    '---',
    `title: ${JSON.stringify(title)}`,
    `summary: ${JSON.stringify(a.summary ?? `What ${title} is about, in one paragraph.`)}`,
    `tag: ${a.tag}`,
    `published: ${a.date}`,
    ...(a.series ? [`series: ${a.series}`, `part: ${a.part}`] : []),
    'draft: true',
    '---',
    '',
    '## Start here',
    '',
    'Write the first section. `npm run dev` shows this draft at its address; remove `draft: true` to publish.',
    '',
  ];
  return { slug, text: lines.join('\n') };
}

/** How many articles already belong to a series: a new one becomes the next part by default. */
export function partsIn(series: string, articlesDir: URL): number {
  return readdirSync(articlesDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/index.mdx`, articlesDir)))
    .filter((d) => new RegExp(`^series:\\s*${series}\\s*$`, 'm').test(readFileSync(new URL(`${d.name}/index.mdx`, articlesDir), 'utf8'))).length;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      tag: { type: 'string' },
      series: { type: 'string' },
      part: { type: 'string' },
      summary: { type: 'string' },
      date: { type: 'string', default: new Date().toISOString().slice(0, 10) },
    },
  });
  const fail = (msg: string): never => {
    console.error(`npm run new: ${msg}`);
    process.exit(1);
  };
  if (!values.tag) fail(`--tag is required. Use one of: ${TAGS.join(', ')}.`);
  const articles = new URL('../../src/content/articles/', import.meta.url);
  const made = articleSource({
    title: positionals.join(' '),
    tag: values.tag ?? '',
    series: values.series,
    part: values.series ? (values.part ? Number(values.part) : partsIn(values.series, articles) + 1) : undefined,
    summary: values.summary,
    date: values.date ?? '',
  });
  if ('error' in made) fail(made.error);
  else {
    const dir = new URL(`${made.slug}/`, articles);
    if (existsSync(dir)) fail(`src/content/articles/${made.slug}/ already exists. Pick another title, or edit that article.`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(new URL('index.mdx', dir), made.text);
    console.log(`Created src/content/articles/${made.slug}/index.mdx (a draft).`);
    console.log(`Run npm run dev and open http://localhost:4321/articles/${made.slug}/`);
  }
}
