import { readFileSync } from 'node:fs';

export interface SeedArticle { title: string; summary: string; tag: string; slug: string }
export interface Seed { path: string; heading: string; subtitle: string; articles: SeedArticle[] }

/** The author's description of the index, kept in the shared folder beside the repository. */
export const seed = JSON.parse(
  readFileSync(new URL('../../../shared/seed/articles.json', import.meta.url), 'utf8'),
) as Seed;
