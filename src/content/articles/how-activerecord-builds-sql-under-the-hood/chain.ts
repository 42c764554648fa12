/**
 * The figure's choices (one where, three switches, one loading method) as a Relation and as the
 * Ruby a reader would type. Kept apart from the component so both are tested without a browser.
 */
import { Relation, type Loading, type Value } from './relation';

export const WHERES = [
  { value: 'none', label: 'no where', ruby: '', conditions: null },
  { value: 'active', label: 'where(active: true)', ruby: 'where(active: true)', conditions: { active: true } },
  { value: 'list', label: 'where(id: [1, 2, 3])', ruby: 'where(id: [1, 2, 3])', conditions: { id: [1, 2, 3] } },
  { value: 'nil', label: 'where(name: nil)', ruby: 'where(name: nil)', conditions: { name: null } },
  { value: 'range', label: 'where(id: 1..10)', ruby: 'where(id: 1..10)', conditions: { id: { from: 1, to: 10 } } },
  { value: 'posts', label: 'where(posts: { published: true })', ruby: 'where(posts: { published: true })', conditions: { posts: { published: true } } },
] as const satisfies readonly { value: string; label: string; ruby: string; conditions: Record<string, Value | Record<string, Value>> | null }[];

export type WhereChoice = (typeof WHERES)[number]['value'];

export const LOADINGS: readonly { value: Loading; label: string }[] = [
  { value: 'none', label: 'nothing (lazy)' },
  { value: 'includes', label: 'includes(:posts)' },
  { value: 'preload', label: 'preload(:posts)' },
  { value: 'eager_load', label: 'eager_load(:posts)' },
];

export interface Chain {
  where: WhereChoice;
  joins: boolean;
  order: boolean;
  limit: boolean;
  loading: Loading;
}

/** What the figure starts with: the chain of the article's eager_load block. */
export const DEFAULT_CHAIN: Chain = { where: 'active', joins: false, order: false, limit: false, loading: 'eager_load' };

/** How many users the figure's counts assume the first query returns. */
export const OWNERS = 10;

export function chainRelation(c: Chain): Relation {
  let r = Relation.all();
  const w = WHERES.find((x) => x.value === c.where);
  if (w?.conditions) r = r.where(w.conditions);
  if (c.joins) r = r.joins();
  if (c.order) r = r.order('name');
  if (c.limit) r = r.limit(OWNERS);
  if (c.loading === 'includes') r = r.includes();
  if (c.loading === 'preload') r = r.preload();
  if (c.loading === 'eager_load') r = r.eagerLoad();
  return r;
}

/** `User.where(active: true).joins(:posts).eager_load(:posts)`, in the order the figure applies them. */
export function chainRuby(c: Chain): string {
  const parts = [
    WHERES.find((x) => x.value === c.where)?.ruby ?? '',
    c.joins ? 'joins(:posts)' : '',
    c.order ? 'order(:name)' : '',
    c.limit ? `limit(${OWNERS})` : '',
    c.loading === 'none' ? '' : `${c.loading}(:posts)`,
  ].filter(Boolean);
  return parts.length ? `User.${parts.join('.')}` : 'User.all';
}
