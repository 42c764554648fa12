/**
 * A small model of ActiveRecord's query pipeline for `User has_many :posts`: an immutable Relation
 * collects method calls, `arel` turns them into a tree of nodes, and a visitor writes PostgreSQL the
 * way Rails 8's adapter does (double-quoted identifiers, `$n` binds numbered in visiting order).
 * `plan` says which queries loading the relation issues, which is where preload, eager_load,
 * includes and the N+1 differ. Pure: no database, no DOM.
 */

export type Scalar = string | number | boolean;
/** A hash-condition value: scalar, list, nil or an inclusive range, as in `where(id: 1..10)`. */
export type Value = Scalar | Scalar[] | null | { from: number; to: number };
export type Loading = 'none' | 'includes' | 'preload' | 'eager_load';

/** The two tables of the example and their columns, in table order (what t0_r0, t0_r1 count). */
export const SCHEMA = {
  users: ['id', 'name', 'active'],
  posts: ['id', 'user_id', 'title', 'published'],
} as const;
type Table = keyof typeof SCHEMA;

interface Condition {
  table: Table;
  column: string;
  value: Value;
}

interface State {
  wheres: Condition[];
  joins: boolean;
  order: string | null;
  limit: number | null;
  loading: Loading;
}

// ---- The tree ---------------------------------------------------------------------------------

/** An Arel-like node: a class name, an optional text payload, children. */
export interface Node {
  type: string;
  text?: string;
  children: Node[];
}
const node = (type: string, children: Node[] = [], text?: string): Node => (text === undefined ? { type, children } : { type, text, children });
const attr = (table: string, column: string) => node('Attribute', [], `${table}.${column}`);
const bind = (name: string, value: Scalar) => node('BindParam', [], `${name} = ${show(value)}`);

function show(v: Scalar): string {
  return typeof v === 'string' ? `'${v.replace(/'/g, "''")}'` : String(v);
}

function predicate(c: Condition): Node {
  const left = attr(c.table, c.column);
  const v = c.value;
  if (v === null) return node('Equality', [left, node('Quoted', [], 'NULL')]);
  if (Array.isArray(v)) return node('HomogeneousIn', [left, ...v.map((x) => bind(c.column, x))]);
  if (typeof v === 'object') return node('Between', [left, node('And', [bind(c.column, v.from), bind(c.column, v.to)])]);
  return node('Equality', [left, bind(c.column, v)]);
}

// ---- The relation ------------------------------------------------------------------------------

/** `User.all`: each method returns a new Relation and leaves this one as it was. */
export class Relation {
  private constructor(private readonly state: State) {}

  static all(): Relation {
    return new Relation({ wheres: [], joins: false, order: null, limit: null, loading: 'none' });
  }

  private with(change: Partial<State>): Relation {
    return new Relation({ ...this.state, ...change });
  }

  /** `where(active: true)`, or `where(posts: { published: true })` for the association's table. */
  where(conditions: Record<string, Value | Record<string, Value>>): Relation {
    const added: Condition[] = [];
    for (const [key, value] of Object.entries(conditions)) {
      if (key in SCHEMA && value !== null && typeof value === 'object' && !Array.isArray(value) && !('from' in value)) {
        for (const [column, v] of Object.entries(value)) added.push({ table: key as Table, column, value: v as Value });
      } else {
        added.push({ table: 'users', column: key, value: value as Value });
      }
    }
    return this.with({ wheres: [...this.state.wheres, ...added] });
  }
  joins(): Relation {
    return this.with({ joins: true });
  }
  order(column: string): Relation {
    return this.with({ order: column });
  }
  limit(n: number): Relation {
    return this.with({ limit: n });
  }
  includes(): Relation {
    return this.with({ loading: 'includes' });
  }
  preload(): Relation {
    return this.with({ loading: 'preload' });
  }
  eagerLoad(): Relation {
    return this.with({ loading: 'eager_load' });
  }

  /** Tables other than users that conditions name: what `references` would record. */
  get references(): Table[] {
    return [...new Set(this.state.wheres.map((w) => w.table).filter((t) => t !== 'users'))];
  }

  /**
   * What loading the posts will do. `includes` joins when the query references posts (a hash
   * condition on them) or when posts are also in `joins`; otherwise it preloads.
   */
  get strategy(): Loading {
    const { loading, joins } = this.state;
    if (loading !== 'includes') return loading;
    return this.references.includes('posts') || joins ? 'eager_load' : 'preload';
  }

  /** The tree of the main query, the shape Arel's SelectManager builds. */
  arel(): Node {
    const { wheres, order, limit } = this.state;
    const eager = this.strategy === 'eager_load';
    const projections = eager
      ? node('Projections', columnAliases().map(([t, c, alias]) => node('As', [attr(t, c)], alias)))
      : node('Projections', [], '"users".*');
    const join = this.state.joins ? 'InnerJoin' : eager ? 'OuterJoin' : null;
    const source = node('JoinSource', [
      node('Table', [], 'users'),
      ...(join ? [node(join, [node('Table', [], 'posts'), node('On', [node('Equality', [attr('posts', 'user_id'), attr('users', 'id')])])])] : []),
    ]);
    const core: Node[] = [projections, source];
    if (wheres.length) {
      const preds = wheres.map(predicate);
      core.push(node('Wheres', [preds.length === 1 ? preds[0]! : node('And', preds)]));
    }
    const statement: Node[] = [node('SelectCore', core)];
    if (order) statement.push(node('Orders', [node('Ascending', [attr('users', order)])]));
    if (limit !== null) statement.push(node('Limit', [bind('LIMIT', limit)]));
    return node('SelectStatement', statement);
  }

  /** The state, for the planner. */
  get parts(): Readonly<State> {
    return this.state;
  }
}

/** Every column of users, then of posts, with the t0_r0 aliases eager_load gives them. */
function columnAliases(): [Table, string, string][] {
  return (['users', 'posts'] as const).flatMap((t, ti) => SCHEMA[t].map((c, ci) => [t, c, `t${ti}_r${ci}`] as [Table, string, string]));
}

// ---- The visitor -------------------------------------------------------------------------------

export interface Compiled {
  /** What Rails sends: placeholders `$1`, `$2` … */
  sql: string;
  /** The values that travel beside it, as the log prints them: `[name, value]`. */
  binds: [string, Scalar][];
}

const q = (name: string) => `"${name}"`;
const qattr = (text: string) => text.split('.').map(q).join('.');

/** Walks the tree and writes SQL, numbering binds in the order it meets them. */
export function compile(root: Node): Compiled {
  const binds: [string, Scalar][] = [];
  const visit = (n: Node): string => {
    const c = n.children;
    switch (n.type) {
      case 'SelectStatement':
        return c.map(visit).join(' ');
      case 'SelectCore':
        return `SELECT ${c.map(visit).join(' ')}`;
      case 'Projections':
        return n.text ?? c.map(visit).join(', ');
      case 'As':
        return `${visit(c[0]!)} AS ${n.text}`;
      case 'JoinSource':
        return `FROM ${c.map(visit).join(' ')}`;
      case 'Table':
        return q(n.text!);
      case 'InnerJoin':
        return `INNER JOIN ${visit(c[0]!)} ${visit(c[1]!)}`;
      case 'OuterJoin':
        return `LEFT OUTER JOIN ${visit(c[0]!)} ${visit(c[1]!)}`;
      case 'On':
        return `ON ${visit(c[0]!)}`;
      case 'Wheres':
        return `WHERE ${visit(c[0]!)}`;
      case 'And':
        return c.map(visit).join(' AND ');
      case 'Attribute':
        return qattr(n.text!);
      case 'Quoted':
        return n.text!;
      case 'BindParam': {
        const [name, value] = n.text!.split(' = ') as [string, string];
        binds.push([name, parse(value)]);
        return `$${binds.length}`;
      }
      case 'Equality':
        return c[1]!.type === 'Quoted' && c[1]!.text === 'NULL' ? `${visit(c[0]!)} IS NULL` : `${visit(c[0]!)} = ${visit(c[1]!)}`;
      case 'HomogeneousIn':
        return `${visit(c[0]!)} IN (${c.slice(1).map(visit).join(', ')})`;
      case 'Between':
        return `${visit(c[0]!)} BETWEEN ${visit(c[1]!)}`;
      case 'Orders':
        return `ORDER BY ${c.map(visit).join(', ')}`;
      case 'Ascending':
        return `${visit(c[0]!)} ASC`;
      case 'Limit':
        return `LIMIT ${visit(c[0]!)}`;
      default:
        throw new Error(`no visitor for ${n.type}`);
    }
  };
  return { sql: visit(root), binds };
}

function parse(text: string): Scalar {
  if (text === 'true' || text === 'false') return text === 'true';
  if (text.startsWith("'")) return text.slice(1, -1).replace(/''/g, "'");
  return Number(text);
}

/** Like `Relation#to_sql`: the values quoted into the text, a query you can paste into psql. */
export function inline({ sql, binds }: Compiled): string {
  return sql.replace(/\$(\d+)/g, (_, i: string) => {
    const v = binds[Number(i) - 1]![1];
    return typeof v === 'boolean' ? v.toString().toUpperCase() : show(v);
  });
}

// ---- Loading -----------------------------------------------------------------------------------

export interface Query {
  /** Why it runs: "users", "posts of user 3", "posts of all users"… */
  purpose: string;
  compiled: Compiled;
}

export interface Plan {
  strategy: Loading;
  queries: Query[];
  /** Set when PostgreSQL would refuse the main query, with its message. */
  error?: string;
}

/**
 * The queries that `relation.each { |u| u.posts.to_a }` issues when the main query returns
 * `owners` users (their ids are 1…owners).
 */
export function plan(relation: Relation, owners: number): Plan {
  const strategy = relation.strategy;
  const { joins, limit } = relation.parts;
  const ids = Array.from({ length: owners }, (_, i) => i + 1);
  const main = compile(relation.arel());
  const postsReferenced = relation.references.includes('posts');
  if (postsReferenced && !joins && strategy !== 'eager_load') {
    return { strategy, queries: [{ purpose: 'users', compiled: main }], error: 'missing FROM-clause entry for table "posts"' };
  }
  const postsOf = (list: number[]) =>
    compile(node('SelectStatement', [node('SelectCore', [
      node('Projections', [], '"posts".*'),
      node('JoinSource', [node('Table', [], 'posts')]),
      node('Wheres', [list.length === 1 ? node('Equality', [attr('posts', 'user_id'), bind('user_id', list[0]!)]) : node('HomogeneousIn', [attr('posts', 'user_id'), ...list.map((id) => bind('user_id', id))])]),
    ])]));

  if (strategy === 'none') {
    return { strategy, queries: [{ purpose: 'users', compiled: main }, ...ids.map((id) => ({ purpose: `posts of user ${id}`, compiled: postsOf([id]) }))] };
  }
  if (strategy === 'preload') {
    return { strategy, queries: [{ purpose: 'users', compiled: main }, { purpose: 'posts of every loaded user', compiled: postsOf(ids) }] };
  }
  if (limit === null) return { strategy, queries: [{ purpose: 'users and posts in one join', compiled: main }] };
  return { strategy, queries: limitedEagerLoad(relation, ids) };
}

/**
 * eager_load with a limit: a LIMIT on the join would count rows, not users, so Rails first picks the
 * distinct user ids (with the order column beside them on PostgreSQL), then joins for those ids.
 */
function limitedEagerLoad(relation: Relation, ids: number[]): Query[] {
  const tree = relation.arel();
  const [core, ...rest] = tree.children as [Node, ...Node[]];
  const [, source, wheres] = core.children as [Node, Node, Node | undefined];
  const order = relation.parts.order;
  // The PostgreSQL adapter's columns_for_distinct puts the order columns first, then the id.
  const distinct = node('Projections', [], `DISTINCT ${order ? `"users"."${order}" AS alias_0, ` : ''}"users"."id"`);
  const first = compile(node('SelectStatement', [node('SelectCore', [distinct, source, ...(wheres ? [wheres] : [])]), ...rest]));
  const idIn = node('HomogeneousIn', [attr('users', 'id'), ...ids.map((id) => bind('id', id))]);
  const oldPreds = wheres ? (wheres.children[0]!.type === 'And' ? wheres.children[0]!.children : [wheres.children[0]!]) : [];
  const second = compile(node('SelectStatement', [
    node('SelectCore', [core.children[0]!, source, node('Wheres', [node('And', [...oldPreds, idIn])])]),
    ...rest.filter((n) => n.type !== 'Limit'),
  ]));
  return [
    { purpose: 'the ids of the users on this page', compiled: first },
    { purpose: 'users and posts for those ids', compiled: second },
  ];
}

/** The tree as indented lines, the way the article prints it. */
export function treeLines(n: Node, depth = 0): string[] {
  // An alias and its one attribute read best on one line: `As t0_r0 ── users.id`.
  if (n.type === 'As' && n.children[0]?.type === 'Attribute') return [`${'  '.repeat(depth)}As ${n.text} ── ${n.children[0].text}`];
  const label = n.text ? `${n.type} ${n.text}` : n.type;
  return [`${'  '.repeat(depth)}${label}`, ...n.children.flatMap((c) => treeLines(c, depth + 1))];
}

/**
 * SQL laid out the way the article's blocks are: a clause per line, eager_load's aliased columns three
 * to a line. The figure prints this, so its first state is the same text as a runnable block.
 */
export function pretty(sql: string): string {
  const from = sql.indexOf(' FROM ');
  const select = sql.slice(0, from);
  const columns = select.replace(/^SELECT /, '').split(', ');
  const head = columns.length > 3
    ? 'SELECT ' + Array.from({ length: Math.ceil(columns.length / 3) }, (_, i) => columns.slice(i * 3, i * 3 + 3).join(', ')).join(',\n       ')
    : select;
  return head + sql.slice(from).replace(/ (FROM|WHERE|ORDER BY|LIMIT) /g, '\n$1 ');
}
