/**
 * The closed vocabularies of the publication: tags and series.
 * The schema validates frontmatter against these lists, so a typo fails the build.
 */

/** Every tag an article may carry, in the order the site lists them. */
export const TAGS = ['ml', 'infra', 'distributed', 'postgres', 'rails', 'architecture', 'performance', 'ruby'] as const;
export type Tag = (typeof TAGS)[number];

/** A line describing each tag on its page. */
export const TAG_DESCRIPTIONS: Record<Tag, string> = {
  ml: 'Machine learning built from the algebra up.',
  infra: 'The kernel and the network under every request.',
  distributed: 'Delivery guarantees, retries and idempotency.',
  postgres: 'PostgreSQL in production: plans, locks, MVCC.',
  rails: 'Rails and ActiveRecord below the surface.',
  architecture: 'Changing large systems without breaking them.',
  performance: 'Finding where the time and the memory go.',
  ruby: 'How CRuby really runs your code.',
};

export function isTag(value: string): value is Tag {
  return (TAGS as readonly string[]).includes(value);
}

/** Series are learning paths; an article joins one with `series: <id>` in its frontmatter. */
export const SERIES = {
  'ruby-internals': { title: 'Ruby internals', description: 'From the ancestors chain to the GVL: how CRuby finds and runs your methods.' },
  'postgresql-in-production': { title: 'PostgreSQL in production', description: 'Read the plan, find the lock, understand VACUUM.' },
  'reliable-background-work': { title: 'Reliable background work', description: 'Delivery guarantees, idempotency and retries that do not stampede.' },
  'ml-from-scratch': { title: 'ML from scratch', description: 'Gradient descent first, then the models built on it.' },
  'following-a-request': { title: 'Following a request', description: 'From the network card to the Rails controller and back.' },
} as const satisfies Record<string, { title: string; description: string }>;
export type SeriesId = keyof typeof SERIES;
export const SERIES_IDS = Object.keys(SERIES) as [SeriesId, ...SeriesId[]];
