/**
 * The one schema for articles. Every field is documented here; defaults live here, not in components.
 * Unknown fields are rejected (`strict`), so a misspelt key fails the build naming the file and the field.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { SERIES_IDS, TAGS } from './lib/taxonomy';

const articles = defineCollection({
  // One folder per article: src/content/articles/<slug>/index.mdx. The folder name is the slug.
  loader: glob({
    pattern: '*/index.mdx',
    base: './src/content/articles',
    generateId: ({ entry }) => entry.split('/')[0] ?? entry,
  }),
  schema: z
    .object({
      /** The headline, shown as the page's h1 and in every list. */
      title: z.string().min(1),
      /** The author's own one-paragraph summary: the lede, the meta description and the list text. */
      summary: z.string().min(1),
      /** Exactly one tag from src/lib/taxonomy.ts. */
      tag: z.enum(TAGS),
      /** First publication date (YYYY-MM-DD). Lists are ordered by it, newest first. */
      published: z.coerce.date(),
      /** Date of the last substantial revision, if any; never earlier than `published`. */
      updated: z.coerce.date().optional(),
      /** The series (learning path) the article belongs to, from src/lib/taxonomy.ts. */
      series: z.enum(SERIES_IDS).optional(),
      /** Drafts render in `npm run dev` only; never in the build. */
      draft: z.boolean().default(false),
    })
    .strict()
    .refine((d) => !d.updated || d.updated >= d.published, {
      message: '`updated` is earlier than `published`; fix one of the two dates.',
      path: ['updated'],
    }),
});

export const collections = { articles };
