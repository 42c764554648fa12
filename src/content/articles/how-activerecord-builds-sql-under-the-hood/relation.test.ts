import { describe, expect, it } from 'vitest';
import { compile, inline, plan, pretty, Relation, treeLines } from './relation';

const User = Relation.all();
const sql = (r: Relation) => compile(r.arel()).sql;

describe('where with a hash', () => {
  it('turns a scalar into = with a bind, a list into IN, nil into IS NULL and a range into BETWEEN', () => {
    expect(sql(User.where({ active: true }))).toBe('SELECT "users".* FROM "users" WHERE "users"."active" = $1');
    expect(sql(User.where({ id: [1, 2, 3] }))).toBe('SELECT "users".* FROM "users" WHERE "users"."id" IN ($1, $2, $3)');
    expect(sql(User.where({ name: null }))).toBe('SELECT "users".* FROM "users" WHERE "users"."name" IS NULL');
    expect(sql(User.where({ id: { from: 1, to: 10 } }))).toBe('SELECT "users".* FROM "users" WHERE "users"."id" BETWEEN $1 AND $2');
  });

  it('keeps the values beside the SQL, and to_sql quotes them in', () => {
    const c = compile(User.where({ active: true, name: "O'Brien" }).limit(10).arel());
    expect(c.binds).toEqual([['active', true], ['name', "O'Brien"], ['LIMIT', 10]]);
    expect(inline(c)).toBe(`SELECT "users".* FROM "users" WHERE "users"."active" = TRUE AND "users"."name" = 'O''Brien' LIMIT 10`);
  });

  it('two conditions share one And node; one goes in alone', () => {
    expect(treeLines(User.where({ active: true }).arel()).some((l) => l.trim() === 'And')).toBe(false);
    expect(treeLines(User.where({ active: true }).where({ name: 'Ada' }).arel()).some((l) => l.trim() === 'And')).toBe(true);
  });
});

describe('the rest of the chain', () => {
  it('joins adds an INNER JOIN on the foreign key, order an ORDER BY, limit a LIMIT bind', () => {
    expect(sql(User.joins().order('name').limit(10))).toBe(
      'SELECT "users".* FROM "users" INNER JOIN "posts" ON "posts"."user_id" = "users"."id" ORDER BY "users"."name" ASC LIMIT $1',
    );
  });

  it('every method returns a new relation and leaves the old one alone', () => {
    const base = User.where({ active: true });
    base.limit(5);
    expect(sql(base)).not.toMatch(/LIMIT/);
  });

  it('binds are numbered in the order the visitor meets them', () => {
    const c = compile(User.where({ id: [4, 5] }).where({ active: true }).limit(3).arel());
    expect(c.sql).toMatch(/IN \(\$1, \$2\) AND "users"."active" = \$3 LIMIT \$4$/);
  });
});

describe('loading posts for 10 users', () => {
  it('without preloading, touching user.posts runs one query per user: 1 + N', () => {
    const p = plan(User, 10);
    expect(p.queries).toHaveLength(11);
    expect(p.queries[1]?.compiled.sql).toBe('SELECT "posts".* FROM "posts" WHERE "posts"."user_id" = $1');
  });

  it('preload runs two queries whatever N is, the second with IN over the loaded ids', () => {
    for (const n of [3, 10, 100]) expect(plan(User.preload(), n).queries).toHaveLength(2);
    expect(plan(User.preload(), 3).queries[1]?.compiled.sql).toBe('SELECT "posts".* FROM "posts" WHERE "posts"."user_id" IN ($1, $2, $3)');
  });

  it('eager_load runs one LEFT OUTER JOIN with t0_r0 aliases', () => {
    const p = plan(User.where({ active: true }).eagerLoad(), 10);
    expect(p.queries).toHaveLength(1);
    expect(inline(p.queries[0]!.compiled)).toBe(
      'SELECT "users"."id" AS t0_r0, "users"."name" AS t0_r1, "users"."active" AS t0_r2, "posts"."id" AS t1_r0, "posts"."user_id" AS t1_r1, "posts"."title" AS t1_r2, "posts"."published" AS t1_r3 FROM "users" LEFT OUTER JOIN "posts" ON "posts"."user_id" = "users"."id" WHERE "users"."active" = TRUE',
    );
  });

  it('includes preloads, unless a condition references posts or posts are joined: then it eager loads', () => {
    expect(User.includes().strategy).toBe('preload');
    expect(User.includes().where({ active: true }).strategy).toBe('preload');
    expect(User.includes().where({ posts: { published: true } }).strategy).toBe('eager_load');
    expect(User.includes().joins().strategy).toBe('eager_load');
  });

  it('a condition on posts fails without a join: preload cannot see the table', () => {
    expect(plan(User.preload().where({ posts: { published: true } }), 10).error).toMatch(/missing FROM-clause entry for table "posts"/);
    expect(plan(User.where({ posts: { published: true } }), 10).error).toBeDefined();
    expect(plan(User.includes().where({ posts: { published: true } }), 10).error).toBeUndefined();
  });

  it('eager_load with a limit first picks the distinct user ids, then joins for them', () => {
    const p = plan(User.eagerLoad().where({ posts: { published: true } }).limit(2), 2);
    expect(p.queries).toHaveLength(2);
    expect(inline(p.queries[0]!.compiled)).toBe(
      'SELECT DISTINCT "users"."id" FROM "users" LEFT OUTER JOIN "posts" ON "posts"."user_id" = "users"."id" WHERE "posts"."published" = TRUE LIMIT 2',
    );
    expect(p.queries[1]!.compiled.sql).toMatch(/WHERE "posts"."published" = \$1 AND "users"."id" IN \(\$2, \$3\)$/);
  });

  it('with an order, the distinct ids query carries the order column so PostgreSQL accepts DISTINCT with ORDER BY', () => {
    const first = plan(User.eagerLoad().order('name').limit(10), 10).queries[0]!.compiled.sql;
    expect(first).toBe('SELECT DISTINCT "users"."name" AS alias_0, "users"."id" FROM "users" LEFT OUTER JOIN "posts" ON "posts"."user_id" = "users"."id" ORDER BY "users"."name" ASC LIMIT $1');
  });
});

describe('the figure and the article agree', () => {
  it("the figure's first state prints the same SQL as the article's runnable eager_load block", async () => {
    const { readFileSync } = await import('node:fs');
    const mdx = readFileSync(new URL('./index.mdx', import.meta.url), 'utf8');
    const { DEFAULT_CHAIN, chainRelation } = await import('./chain');
    const text = pretty(inline(plan(chainRelation(DEFAULT_CHAIN), 10).queries[0]!.compiled));
    expect(mdx).toContain('```sql run\n-- User.where(active: true).eager_load(:posts)\n' + text + ';\n```');
  });
});
