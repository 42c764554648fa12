/**
 * The one schema for articles. Every field is documented here; defaults live here, not in components.
 * Unknown fields are rejected, so a misspelt key fails the build naming the file and the field,
 * and every message says how to fix it.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { SERIES_IDS, TAGS } from './lib/taxonomy';
import { closest } from './plugins/content-index';
import { slugify } from './lib/slug';

const FIELDS = ['title', 'summary', 'tag', 'published', 'updated', 'series', 'part', 'draft'] as const;

const missing = (field: string, example: string) => (iss: { input: unknown }) =>
  iss.input === undefined ? `Missing. Add \`${field}: ${example}\` to the frontmatter.` : `Must be text, like \`${field}: ${example}\`.`;

const oneOf = (what: string, values: readonly string[], where: string) => (iss: { input: unknown }) => {
  const near = typeof iss.input === 'string' ? closest(iss.input, values) : undefined;
  return `Unknown ${what} "${String(iss.input)}".${near ? ` Did you mean "${near}"?` : ''} Use one of: ${values.join(', ')} (${where}).`;
};

const date = (field: string) =>
  z.coerce.date({ error: () => `Not a date. Write \`${field}: 2026-11-24\` (YYYY-MM-DD).` });

/** Folder → slug. The folder must already be a slug, and no two folders may claim the same one. */
const claimed = new Map<string, string>();
function slugOf(entry: string): string {
  const folder = entry.split('/')[0] ?? entry;
  const slug = slugify(folder);
  if (folder !== slug) {
    throw new Error(`src/content/articles/${entry} — the folder name "${folder}" is not a valid slug.\n  Fix: rename the folder to "${slug}" (lower case, every run of other characters becomes "-").`);
  }
  const owner = claimed.get(slug);
  if (owner && owner !== entry) {
    throw new Error(`src/content/articles/${entry} — duplicate slug "${slug}": src/content/articles/${owner} has it already.\n  Fix: rename one of the two folders.`);
  }
  claimed.set(slug, entry);
  return slug;
}

const articles = defineCollection({
  // One folder per article: src/content/articles/<slug>/index.mdx. The folder name is the slug,
  // so two articles cannot share one.
  loader: glob({
    pattern: '*/index.mdx',
    base: './src/content/articles',
    generateId: ({ entry }) => slugOf(entry),
  }),
  schema: z
    .strictObject(
      {
        /** The headline, shown as the page's h1 and in every list. */
        title: z.string({ error: missing('title', '"How VACUUM works"') }).min(1, 'Empty. Give the article a title.'),
        /** The author's own one-paragraph summary: the lede, the meta description and the list text. */
        summary: z.string({ error: missing('summary', '"One paragraph on what the reader gets."') }).min(1, 'Empty. Write a one-paragraph summary.'),
        /** Exactly one tag from src/lib/taxonomy.ts. */
        tag: z.enum(TAGS, { error: oneOf('tag', TAGS, 'src/lib/taxonomy.ts') }),
        /** First publication date (YYYY-MM-DD). Lists are ordered by it, newest first. */
        published: date('published'),
        /** Date of the last substantial revision, if any; never earlier than `published`. */
        updated: date('updated').optional(),
        /** The series (learning path) the article belongs to, from src/lib/taxonomy.ts. */
        series: z.enum(SERIES_IDS, { error: oneOf('series', SERIES_IDS, 'src/lib/taxonomy.ts') }).optional(),
        /** Position in the series, from 1: the order readers are led through it. Required with `series`. */
        part: z.number({ error: () => 'Write the position in the series as a whole number, like `part: 2`.' }).int().positive().optional(),
        /** Drafts render in `npm run dev` only; never in the build, feeds, search or sitemap. */
        draft: z.boolean({ error: () => 'Write `draft: true` or `draft: false`.' }).default(false),
      },
      {
        error: (iss) => {
          if (iss.code !== 'unrecognized_keys') return undefined;
          return iss.keys
            .map((k) => {
              const near = closest(k, FIELDS);
              return `Unknown field "${k}".${near ? ` Did you mean "${near}"?` : ''} Fields: ${FIELDS.join(', ')}.`;
            })
            .join(' ');
        },
      },
    )
    .refine((d) => (d.series === undefined) === (d.part === undefined), {
      message: '`series` and `part` go together: give both (`series: ruby-internals` and `part: 2`) or neither.',
      path: ['part'],
    })
    .refine((d) => !d.updated || d.updated >= d.published, {
      message: '`updated` is earlier than `published`; fix one of the two dates.',
      path: ['updated'],
    }),
});

export const collections = { articles };
