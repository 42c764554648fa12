/**
 * Reads the output of `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON)` into a tree the viewer can draw,
 * and prints it back in PostgreSQL's own text form. Pure (no DOM): used at build by the SQL lab,
 * in the reader's browser by the labs and by /tools/explain/.
 *
 * Times. PostgreSQL reports each node's `Actual Total Time` per loop, so a node's inclusive time is
 * total × loops. A node's exclusive time is its inclusive time minus the inclusive time of the plans
 * that ran inside it, clamped at zero (timer overhead can make a child look slower than its parent).
 * What "inside" means: ordinary children run inside their parent; a CTE's plan runs inside the CTE
 * Scans that read it (shared out among them in plan order); an InitPlan runs inside the first node
 * whose expressions use its result (PostgreSQL attaches it higher up, where it is shown). With that,
 * the exclusive times add up to the root's time.
 *
 * Parallel plans. Below a Gather or Gather Merge, each node runs in several processes (the workers
 * and usually the leader) and PostgreSQL reports the average per process: `Actual Loops` counts the
 * processes, and total × loops is the time summed over all of them, more than the wall clock saw.
 * We divide by the number of processes (the Gather's child's loops per Gather loop), which gives the
 * time of the average process: the wall-clock time if the processes shared the work evenly. The
 * Gather's own exclusive time is then its start-up and waiting for the slowest worker.
 */

/** Something about the input makes it unreadable as a plan; `message` says what, in plain words. */
export class PlanError extends Error {
  override name = 'PlanError';
}

/** Buffer counts as PostgreSQL reports them: a node's counts include those of its children. */
export interface Buffers {
  sharedHit: number;
  sharedRead: number;
  sharedDirtied: number;
  sharedWritten: number;
  localHit: number;
  localRead: number;
  localDirtied: number;
  localWritten: number;
  tempRead: number;
  tempWritten: number;
}

/** Estimated against actual rows, both as totals over all loops. */
export interface Misestimate {
  estimated: number;
  actual: number;
  /** max(estimated / actual, actual / estimated), each side counted as at least one row. */
  factor: number;
  /** `under`: more rows came than the planner expected; `over`: fewer. */
  direction: 'under' | 'over' | 'exact';
  /** factor ≥ 10 and not explained by the node being stopped early. */
  flagged: boolean;
  /** Set when the node was stopped before it ran out of rows (under a Limit, or the inner side of a
   * semi or anti nested loop, which stops at the first match): fewer rows than estimated is expected. */
  stoppedEarly: string | null;
}

export interface PlanNode {
  /** Position in pre-order, from 0 at the root. */
  id: number;
  depth: number;
  /** "Node Type" as in the JSON: `Hash Join`, `Aggregate`, `ModifyTable`. */
  nodeType: string;
  /** The name PostgreSQL's text form prints: `Parallel Seq Scan`, `Hash Left Join`, `Partial HashAggregate`. */
  name: string;
  /** What it reads, as the text form prints it after the name: `on orders o`, `using orders_pkey on orders o`. */
  target: string | null;
  relation: string | null;
  alias: string | null;
  index: string | null;
  joinType: string | null;
  /** "Parent Relationship": Outer, Inner, Member, InitPlan, SubPlan, Subquery. */
  relationship: string | null;
  /** `CTE spend`, `InitPlan 1`, `SubPlan 2`. */
  subplanName: string | null;
  parallelAware: boolean;
  /** Runs in parallel worker processes (below a Gather or Gather Merge). */
  inParallel: boolean;
  /** How many processes ran it per loop of its Gather: the workers and usually the leader; 1 outside parallel parts. */
  processes: number;
  startupCost: number | null;
  totalCost: number | null;
  /** The planner's rows per loop. */
  estimatedRows: number | null;
  /** Rows per loop (an average; PostgreSQL 18 keeps two decimals). Null without ANALYZE. */
  actualRows: number | null;
  loops: number | null;
  /** False when ANALYZE says "never executed"; null without ANALYZE. */
  executed: boolean | null;
  /** Milliseconds, this node and everything that ran inside it (see the module comment). */
  inclusiveTime: number | null;
  /** Milliseconds spent in this node itself. */
  exclusiveTime: number | null;
  /** exclusiveTime as a fraction of the result's totalTime. */
  share: number | null;
  misestimate: Misestimate | null;
  buffers: Buffers | null;
  /** The node's detail lines as the text form prints them (conditions, sort method, hash batches,
   * per-worker lines), without buffers and I/O timings. */
  details: string[];
  children: PlanNode[];
  /** The node's JSON object, as given. */
  raw: Readonly<Record<string, unknown>>;
}

export interface Trigger {
  name: string;
  constraint: string | null;
  relation: string | null;
  time: number | null;
  calls: number | null;
}

export interface ExplainResult {
  root: PlanNode;
  /** Every node in pre-order (`nodes[n.id] === n`). */
  nodes: PlanNode[];
  /** The plan has actual rows (EXPLAIN ANALYZE). */
  analyzed: boolean;
  /** The plan has actual times (ANALYZE without TIMING OFF). */
  timed: boolean;
  /** The plan has buffer counts (BUFFERS). */
  hasBuffers: boolean;
  planningTime: number | null;
  executionTime: number | null;
  /** What shares are shares of: the Execution Time, or the root's time when there is none. */
  totalTime: number | null;
  planningBuffers: Buffers | null;
  triggers: Trigger[];
  /** PostgreSQL 18 prints actual rows with two decimals, earlier versions as whole numbers. */
  rowDecimals: 0 | 2;
  /** EXPLAIN VERBOSE (nodes carry "Output"). */
  verbose: boolean;
  /** The query object: `{ "Plan": …, "Planning Time": …, … }`. */
  raw: Readonly<Record<string, unknown>>;
}

/** A misestimate of this factor or more is flagged. */
export const MISESTIMATE_FLAG = 10;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const HOW_TO = 'paste the output of EXPLAIN (FORMAT JSON)';

// ---------------------------------------------------------------------------------------------
// Reading the input

/**
 * Reads a plan: the array PostgreSQL prints for FORMAT JSON, the object inside it, either as JSON
 * text, psql's table around that text (the `QUERY PLAN` header and `+` continuation marks), or the
 * rows a client returns (`[{ "QUERY PLAN": … }]`). Throws PlanError saying what is wrong.
 */
export function parsePlan(input: unknown): ExplainResult {
  const rowDecimalsHint = typeof input === 'string' && /"Actual Rows":\s*-?\d+\.\d/.test(input);
  const value = typeof input === 'string' ? readText(input) : input;
  const query = findQuery(value, 0);
  return build(query, rowDecimalsHint);
}

function readText(text: string): unknown {
  const trimmed = text.trim();
  if (!trimmed) throw new PlanError(`There is nothing to read: ${HOW_TO}.`);
  try {
    return JSON.parse(trimmed);
  } catch {
    // Fall through to the friendlier diagnoses below.
  }
  if (/^\s*QUERY PLAN\s*$|\+\s*$/m.test(text)) {
    const unwrapped = unwrapPsql(text);
    try {
      return JSON.parse(unwrapped);
    } catch {
      throw notJson(unwrapped, ' (after removing psql’s table borders)');
    }
  }
  if (/^\s*</.test(trimmed)) throw new PlanError(`This looks like EXPLAIN (FORMAT XML): ${HOW_TO} instead.`);
  if (/^\s*-\s+Plan:/m.test(trimmed)) throw new PlanError(`This looks like EXPLAIN (FORMAT YAML): ${HOW_TO} instead.`);
  if (!/^[[{]/.test(trimmed) && /\(cost=|\(actual |\bloops=|->  /.test(trimmed)) {
    throw new PlanError(
      'This is the text form of a plan, which does not keep every number: run EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) and paste its output.',
    );
  }
  throw notJson(trimmed, '');
}

/** psql's aligned output: a header, a rule of dashes, rows led by a space and ended by `+`, a row count. */
function unwrapPsql(text: string): string {
  const lines = text.split(/\r?\n/);
  const rule = lines.findIndex((l) => /^-{3,}\+?-*\s*$/.test(l.trim()));
  const body = rule >= 0 ? lines.slice(rule + 1) : lines.filter((l) => !/^\s*QUERY PLAN\s*$/.test(l));
  return body
    .filter((l) => !/^\s*\(\d+ rows?\)\s*$/.test(l))
    .map((l) => l.replace(/^\s*QUERY PLAN\s*\|/, '').replace(/\s*\+\s*$/, ''))
    .join('\n')
    .trim();
}

function notJson(text: string, where: string): PlanError {
  const { reason, line, column } = jsonError(text);
  return new PlanError(`This is not JSON${where}: ${reason} at line ${line}, column ${column}.`);
}

/**
 * Where and why JSON text fails to parse. JSON.parse's own messages differ between browsers and
 * some give no position, so a small scanner finds the first error itself.
 */
export function jsonError(text: string): { reason: string; line: number; column: number } {
  let i = 0;
  const fail = (reason: string): never => {
    throw Object.assign(new Error(reason), { at: i });
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const shown = () => (i >= text.length ? 'the end of the text' : `“${text[i]}”`);
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a "quoted" key, found ${shown()}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected “:” after a key, found ${shown()}`);
        i++;
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') return void i++;
        fail(`expected “,” or “}” after a value, found ${shown()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') return void i++;
        fail(`expected “,” or “]” after a value, found ${shown()}`);
      }
    }
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (m) return void (i += m[0].length);
    fail(`unexpected ${shown()}`);
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') fail('a string runs past the end of its line');
      if (text[i] === '\\') i++;
      i++;
    }
    if (i >= text.length) fail('a string is never closed');
    i++;
  };
  let reason = 'it cannot be read';
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${shown()} after the end of the JSON value`);
  } catch (e) {
    reason = (e as Error).message;
  }
  const before = text.slice(0, i).split('\n');
  return { reason, line: before.length, column: before[before.length - 1]!.length + 1 };
}

const kindOf = (v: unknown) => (Array.isArray(v) ? 'an array' : v === null ? 'null' : typeof v === 'object' ? 'an object' : `a ${typeof v}`);

function findQuery(value: unknown, depth: number): Json {
  if (depth > 6) throw new PlanError(`No "Plan" key: ${HOW_TO}.`);
  if (typeof value === 'string') return findQuery(readText(value), depth + 1);
  if (Array.isArray(value)) {
    if (value.length === 0) throw new PlanError(`The array is empty: ${HOW_TO}.`);
    return findQuery(value[0], depth + 1);
  }
  if (!isObject(value)) throw new PlanError(`Expected a JSON array or object, found ${kindOf(value)}: ${HOW_TO}.`);
  if ('QUERY PLAN' in value) return findQuery(value['QUERY PLAN'], depth + 1);
  if ('Plan' in value) {
    if (!isObject(value['Plan'])) throw new PlanError(`"Plan" is ${kindOf(value['Plan'])}, not an object: ${HOW_TO}.`);
    return value;
  }
  // A node on its own (someone copied the inside of "Plan").
  if (typeof value['Node Type'] === 'string') return { Plan: value };
  throw new PlanError(`No "Plan" key: ${HOW_TO}.`);
}

// ---------------------------------------------------------------------------------------------
// Building the tree

function build(query: Json, rowDecimalsHint: boolean): ExplainResult {
  const nodes: PlanNode[] = [];
  const parents = new Map<PlanNode, PlanNode | null>();

  const visit = (raw: unknown, depth: number, parent: PlanNode | null, procs: number, stopped: string | null): PlanNode => {
    if (!isObject(raw) || typeof raw['Node Type'] !== 'string') {
      const where = parent ? `under “${parent.name}”` : 'in "Plan"';
      throw new PlanError(`A plan node ${where} has no "Node Type": ${HOW_TO}.`);
    }
    const loops = num(raw['Actual Loops']);
    const node: PlanNode = {
      id: nodes.length,
      depth,
      nodeType: raw['Node Type'],
      name: nodeName(raw),
      target: nodeTarget(raw),
      relation: str(raw['Relation Name']) ?? str(raw['Function Name']) ?? str(raw['CTE Name']),
      alias: str(raw['Alias']),
      index: str(raw['Index Name']),
      joinType: str(raw['Join Type']),
      relationship: str(raw['Parent Relationship']),
      subplanName: str(raw['Subplan Name']),
      parallelAware: raw['Parallel Aware'] === true,
      inParallel: procs > 1,
      processes: procs,
      startupCost: num(raw['Startup Cost']),
      totalCost: num(raw['Total Cost']),
      estimatedRows: num(raw['Plan Rows']),
      actualRows: num(raw['Actual Rows']),
      loops,
      executed: loops === null ? null : loops > 0,
      inclusiveTime: null,
      exclusiveTime: null,
      share: null,
      misestimate: null,
      buffers: readBuffers(raw),
      details: [],
      children: [],
      raw,
    };
    nodes.push(node);
    parents.set(node, parent);
    node.misestimate = misestimate(node, stopped);

    const kids = Array.isArray(raw['Plans']) ? raw['Plans'] : [];
    const gather = node.nodeType === 'Gather' || node.nodeType === 'Gather Merge';
    for (const kid of kids) {
      let kidProcs = procs;
      if (gather && isObject(kid)) {
        const kidLoops = num(kid['Actual Loops']);
        const launched = num(raw['Workers Launched']) ?? num(raw['Workers Planned']) ?? 0;
        kidProcs = loops && kidLoops ? Math.max(1, kidLoops / loops) : launched + 1;
      }
      node.children.push(visit(kid, depth + 1, node, kidProcs, stoppedBelow(node, kid, stopped)));
    }
    return node;
  };

  const root = visit(query['Plan'], 0, null, 1, null);
  const analyzed = nodes.some((n) => n.loops !== null);
  const timed = nodes.some((n) => num(n.raw['Actual Total Time']) !== null);
  const verbose = nodes.some((n) => 'Output' in n.raw);
  const rowDecimals: 0 | 2 = rowDecimalsHint || nodes.some((n) => 'Disabled' in n.raw || (n.actualRows !== null && !Number.isInteger(n.actualRows))) ? 2 : 0;

  if (timed) {
    for (const n of nodes) {
      const t = num(n.raw['Actual Total Time']);
      n.inclusiveTime = n.loops === 0 ? 0 : t !== null && n.loops !== null ? (t * n.loops) / n.processes : null;
    }
    exclusiveTimes(nodes, parents);
  }
  const executionTime = num(query['Execution Time']);
  const totalTime = executionTime ?? root.inclusiveTime;
  if (totalTime !== null && totalTime > 0) {
    for (const n of nodes) n.share = n.exclusiveTime === null ? null : n.exclusiveTime / totalTime;
  }
  const format = { rowDecimals, verbose };
  for (const n of nodes) n.details = detailItems(n.raw, format).filter((d) => d.kind === 'detail').map((d) => d.text);

  const planning = query['Planning'];
  return {
    root,
    nodes,
    analyzed,
    timed,
    hasBuffers: nodes.some((n) => n.buffers !== null),
    planningTime: num(query['Planning Time']),
    executionTime,
    totalTime,
    planningBuffers: isObject(planning) ? readBuffers(planning) : null,
    triggers: (Array.isArray(query['Triggers']) ? query['Triggers'] : []).filter(isObject).map((t) => ({
      name: str(t['Trigger Name']) ?? '',
      constraint: str(t['Constraint Name']),
      relation: str(t['Relation']),
      time: num(t['Time']),
      calls: num(t['Calls']),
    })),
    rowDecimals,
    verbose,
    raw: query,
  };
}

const BUFFER_KEYS: [keyof Buffers, string][] = [
  ['sharedHit', 'Shared Hit Blocks'],
  ['sharedRead', 'Shared Read Blocks'],
  ['sharedDirtied', 'Shared Dirtied Blocks'],
  ['sharedWritten', 'Shared Written Blocks'],
  ['localHit', 'Local Hit Blocks'],
  ['localRead', 'Local Read Blocks'],
  ['localDirtied', 'Local Dirtied Blocks'],
  ['localWritten', 'Local Written Blocks'],
  ['tempRead', 'Temp Read Blocks'],
  ['tempWritten', 'Temp Written Blocks'],
];

function readBuffers(raw: Json): Buffers | null {
  if (!BUFFER_KEYS.some(([, key]) => key in raw)) return null;
  const b = {} as Buffers;
  for (const [field, key] of BUFFER_KEYS) b[field] = num(raw[key]) ?? 0;
  return b;
}

// Nodes that read all their input before returning a row: a Limit above them does not cut their input short.
function consumesAllInput(raw: Json): boolean {
  const type = raw['Node Type'];
  if (type === 'Sort' || type === 'Hash' || type === 'Incremental Sort') return true;
  if (type === 'Aggregate') return raw['Strategy'] !== 'Sorted';
  if (type === 'SetOp') return raw['Strategy'] === 'Hashed';
  return false;
}

function stoppedBelow(node: PlanNode, kid: unknown, stopped: string | null): string | null {
  const rel = isObject(kid) ? kid['Parent Relationship'] : null;
  // Subplans run on their own terms; only the ordinary children inherit the parent's early stop.
  if (rel === 'InitPlan' || rel === 'SubPlan') return null;
  if (node.nodeType === 'Limit') return 'Limit';
  if (consumesAllInput(node.raw)) return null;
  if (node.nodeType === 'Nested Loop' && rel === 'Inner' && /Semi|Anti/.test(node.joinType ?? '')) return `${node.joinType} Join`;
  return stopped;
}

function misestimate(node: PlanNode, stopped: string | null): Misestimate | null {
  const { estimatedRows: est, actualRows: act, loops } = node;
  // BitmapAnd/BitmapOr build bitmaps and report no rows; a node that never ran has nothing to compare.
  if (est === null || act === null || !loops || node.nodeType === 'BitmapAnd' || node.nodeType === 'BitmapOr') return null;
  // Estimates are per loop; compare totals over the loops, so an inner side run 1,000 times for
  // one row each is not taken for a 1,000× surprise.
  const estimated = est * loops;
  const actual = act * loops;
  const factor = Math.max(estimated, actual) / Math.max(Math.min(estimated, actual), 1);
  const direction = actual > estimated ? 'under' : actual < estimated ? 'over' : 'exact';
  const stoppedEarly = direction === 'over' ? stopped : null;
  return { estimated, actual, factor, direction, flagged: factor >= MISESTIMATE_FLAG && !stoppedEarly, stoppedEarly };
}

/** The references other nodes' expressions use for an InitPlan's result. */
function initPlanPattern(name: string): RegExp | null {
  const n = /^InitPlan (\d+)/.exec(name)?.[1];
  if (!n) return null;
  // PostgreSQL 17 and later: (InitPlan 1).col1. Earlier: "InitPlan 1 (returns $0,$1)" and $0.
  const params = /returns (\$\d+(?:,\$\d+)*)/.exec(name)?.[1]?.split(',') ?? [];
  const alternatives = [`\\(InitPlan ${n}\\)`, ...params.map((p) => `\\${p}(?!\\d)`)];
  return new RegExp(alternatives.join('|'));
}

function mentions(raw: Json, pattern: RegExp): boolean {
  for (const [key, v] of Object.entries(raw)) {
    if (key === 'Plans' || key === 'Subplan Name') continue;
    if (typeof v === 'string' && pattern.test(v)) return true;
    if (Array.isArray(v) && v.some((x) => typeof x === 'string' && pattern.test(x))) return true;
  }
  return false;
}

function exclusiveTimes(nodes: PlanNode[], parents: Map<PlanNode, PlanNode | null>): void {
  // How much of each node's inclusive time belongs to plans that ran inside it.
  const inside = new Map<PlanNode, number>(nodes.map((n) => [n, 0]));
  const add = (n: PlanNode, t: number) => inside.set(n, inside.get(n)! + t);
  const ctes: PlanNode[] = [];
  const subtree = (n: PlanNode): PlanNode[] => [n, ...n.children.flatMap(subtree)];

  for (const n of nodes) {
    const parent = parents.get(n);
    if (!parent || n.inclusiveTime === null) continue;
    const name = n.subplanName ?? '';
    if (n.relationship === 'InitPlan' && name.startsWith('CTE ')) {
      ctes.push(n);
      continue;
    }
    let host = parent;
    const pattern = n.relationship === 'InitPlan' ? initPlanPattern(name) : null;
    if (pattern) {
      const own = new Set(subtree(n));
      host = subtree(parent).find((m) => !own.has(m) && mentions(m.raw, pattern)) ?? parent;
    }
    add(host, n.inclusiveTime);
  }
  // A CTE's plan runs as its scans pull rows: share its time out among them in plan order.
  for (const cte of ctes) {
    const cteName = cte.subplanName!.slice(4);
    let left = cte.inclusiveTime!;
    for (const scan of nodes) {
      if (left <= 0) break;
      if (scan.nodeType !== 'CTE Scan' || scan.raw['CTE Name'] !== cteName || scan.inclusiveTime === null) continue;
      const room = Math.max(0, scan.inclusiveTime - inside.get(scan)!);
      const take = Math.min(room, left);
      add(scan, take);
      left -= take;
    }
    if (left > 0) add(parents.get(cte)!, left);
  }
  for (const n of nodes) {
    if (n.inclusiveTime !== null) n.exclusiveTime = Math.max(0, n.inclusiveTime - inside.get(n)!);
  }
}

// ---------------------------------------------------------------------------------------------
// Names, as PostgreSQL's text form prints them

const JOIN_BASE: Record<string, string> = { 'Nested Loop': 'Nested Loop', 'Merge Join': 'Merge', 'Hash Join': 'Hash' };
const AGG_NAME: Record<string, string> = { Plain: 'Aggregate', Sorted: 'GroupAggregate', Hashed: 'HashAggregate', Mixed: 'MixedAggregate' };

function nodeName(raw: Json): string {
  const type = String(raw['Node Type']);
  let name = type;
  if (type in JOIN_BASE) {
    const join = str(raw['Join Type']) ?? 'Inner';
    name = join !== 'Inner' ? `${JOIN_BASE[type]} ${join} Join` : type;
  } else if (type === 'Aggregate') {
    name = AGG_NAME[str(raw['Strategy']) ?? 'Plain'] ?? 'Aggregate';
    const mode = str(raw['Partial Mode']);
    if (mode === 'Partial' || mode === 'Finalize') name = `${mode} ${name}`;
  } else if (type === 'SetOp') {
    name = raw['Strategy'] === 'Hashed' ? 'HashSetOp' : 'SetOp';
    if (str(raw['Command'])) name += ` ${raw['Command']}`;
  } else if (type === 'ModifyTable') {
    name = str(raw['Operation']) ?? type;
  } else if (type === 'Foreign Scan') {
    const op = str(raw['Operation']);
    name = op && op !== 'Select' ? `Foreign ${op}` : type;
  } else if (type === 'Custom Scan' && str(raw['Custom Plan Provider'])) {
    name = `Custom Scan (${raw['Custom Plan Provider']})`;
  }
  if (raw['Async Capable'] === true) name = `Async ${name}`;
  if (raw['Parallel Aware'] === true) name = `Parallel ${name}`;
  return name;
}

// Keywords quote_identifier() quotes (reserved and type/function-name keywords); others are left bare.
const KEYWORDS = new Set(
  ('all analyse analyze and any array as asc asymmetric authorization between bigint binary bit boolean both case cast char ' +
    'character check coalesce collate collation column concurrently constraint create cross current_catalog current_date ' +
    'current_role current_schema current_time current_timestamp current_user dec decimal default deferrable desc distinct do ' +
    'else end except exists extract false fetch float for foreign freeze from full grant greatest group grouping having ilike ' +
    'in initially inner inout int integer intersect interval into is isnull join json lateral leading least left like limit ' +
    'localtime localtimestamp national natural nchar none normalize not notnull null nullif numeric offset on only or order ' +
    'out outer overlaps overlay placing position precision primary real references returning right row select session_user ' +
    'setof similar smallint some substring symmetric system_user table tablesample then time timestamp to trailing treat ' +
    'trim true union unique user using values varchar variadic verbose when where window with xmlattributes xmlconcat ' +
    'xmlelement xmlexists xmlforest xmlnamespaces xmlparse xmlpi xmlroot xmlserialize xmltable').split(' '),
);

/** An identifier as PostgreSQL's quote_identifier() prints it: bare when it can be, else in double quotes. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !KEYWORDS.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

function nodeTarget(raw: Json): string | null {
  const parts: string[] = [];
  const index = str(raw['Index Name']);
  if (index !== null) {
    if (raw['Node Type'] === 'Bitmap Index Scan') return `on ${quoteIdent(index)}`;
    if (raw['Scan Direction'] === 'Backward') parts.push('Backward');
    parts.push(`using ${quoteIdent(index)}`);
  }
  const alias = str(raw['Alias']);
  if (alias !== null) {
    const object =
      str(raw['Relation Name']) ?? str(raw['Function Name']) ?? str(raw['CTE Name']) ?? str(raw['Table Function Name']) ?? str(raw['Tuplestore Name']);
    const schema = str(raw['Schema']);
    let on = 'on';
    if (object !== null) on += schema ? ` ${quoteIdent(schema)}.${quoteIdent(object)}` : ` ${quoteIdent(object)}`;
    if (object === null || object !== alias) on += ` ${quoteIdent(alias)}`;
    parts.push(on);
  }
  return parts.length ? parts.join(' ') : null;
}

// ---------------------------------------------------------------------------------------------
// Detail lines, in the order and the words of PostgreSQL's text form

interface Item {
  kind: 'detail' | 'buffers';
  text: string;
  /** Lines under a "Worker N:" line are indented one step further. */
  indent?: number;
}
interface Format {
  rowDecimals: 0 | 2;
  verbose: boolean;
}

// Keys the header line shows, or that only exist in the structured formats.
const HEADER_KEYS = new Set([
  'Node Type', 'Strategy', 'Partial Mode', 'Parent Relationship', 'Subplan Name', 'Parallel Aware', 'Async Capable',
  'Relation Name', 'Schema', 'Alias', 'Function Name', 'CTE Name', 'Table Function Name', 'Tuplestore Name', 'Index Name',
  'Scan Direction', 'Join Type', 'Operation', 'Command', 'Custom Plan Provider', 'Startup Cost', 'Total Cost', 'Plan Rows',
  'Plan Width', 'Actual Startup Time', 'Actual Total Time', 'Actual Rows', 'Actual Loops', 'Plans', 'Worker Number',
]);
// Booleans the text form prints only when true.
const ONLY_WHEN_TRUE = new Set(['Disabled', 'Single Copy']);
// Shown in text only under VERBOSE.
const ONLY_VERBOSE = new Set(['Inner Unique']);

const kb = (v: unknown) => `${num(v) ?? 0}kB`;
const positive = (pairs: [string, unknown][], f: (n: number) => string = String) =>
  pairs.filter(([, v]) => (num(v) ?? 0) > 0).map(([label, v]) => `${label}=${f(num(v)!)}`);

function buffersLine(raw: Json): string | null {
  const group = (label: string, pairs: [string, string][]) => {
    const parts = positive(pairs.map(([l, k]) => [l, raw[k]] as [string, unknown]));
    return parts.length ? `${label} ${parts.join(' ')}` : null;
  };
  const groups = [
    group('shared', [['hit', 'Shared Hit Blocks'], ['read', 'Shared Read Blocks'], ['dirtied', 'Shared Dirtied Blocks'], ['written', 'Shared Written Blocks']]),
    group('local', [['hit', 'Local Hit Blocks'], ['read', 'Local Read Blocks'], ['dirtied', 'Local Dirtied Blocks'], ['written', 'Local Written Blocks']]),
    group('temp', [['read', 'Temp Read Blocks'], ['written', 'Temp Written Blocks']]),
  ].filter(Boolean);
  return groups.length ? `Buffers: ${groups.join(', ')}` : null;
}

function ioTimingsLine(raw: Json): string | null {
  const f = (n: number) => n.toFixed(3);
  const group = (label: string, read: string, write: string) => {
    const parts = positive([['read', raw[read]], ['write', raw[write]]], f);
    return parts.length ? `${label} ${parts.join(' ')}` : null;
  };
  const groups = [
    group('shared', 'Shared I/O Read Time', 'Shared I/O Write Time'),
    group('shared/local', 'I/O Read Time', 'I/O Write Time'),
    group('local', 'Local I/O Read Time', 'Local I/O Write Time'),
    group('temp', 'Temp I/O Read Time', 'Temp I/O Write Time'),
  ].filter(Boolean);
  return groups.length ? `I/O Timings: ${groups.join(', ')}` : null;
}

function sortGroupLine(label: string, g: Json): string {
  const methods = Array.isArray(g['Sort Methods Used']) ? g['Sort Methods Used'].map(String) : [];
  let line = `${label} Groups: ${num(g['Group Count']) ?? 0}  Sort Method${methods.length > 1 ? 's' : ''}: ${methods.join(', ')}`;
  for (const [type, key] of [['Memory', 'Sort Space Memory'], ['Disk', 'Sort Space Disk']] as const) {
    const space = g[key];
    if (isObject(space) && (num(space['Peak Sort Space Used']) ?? 0) > 0) {
      line += `  Average ${type}: ${kb(space['Average Sort Space Used'])}  Peak ${type}: ${kb(space['Peak Sort Space Used'])}`;
    }
  }
  return line;
}

interface Group {
  keys: string[];
  lines: (raw: Json, format: Format) => Item[];
}

const detail = (text: string | null): Item[] => (text === null ? [] : [{ kind: 'detail', text }]);

// Properties the text form prints together on one line; the group starts at its first key present.
const GROUPS: Group[] = [
  {
    keys: ['Sort Method', 'Sort Space Used', 'Sort Space Type'],
    lines: (r) => detail(`Sort Method: ${r['Sort Method']}  ${r['Sort Space Type'] ?? 'Memory'}: ${kb(r['Sort Space Used'])}`),
  },
  {
    keys: ['Full-sort Groups', 'Pre-sorted Groups'],
    lines: (r) => [
      ...(isObject(r['Full-sort Groups']) ? detail(sortGroupLine('Full-sort', r['Full-sort Groups'])) : []),
      ...(isObject(r['Pre-sorted Groups']) ? detail(sortGroupLine('Pre-sorted', r['Pre-sorted Groups'])) : []),
    ],
  },
  {
    keys: ['Hash Buckets', 'Original Hash Buckets', 'Hash Batches', 'Original Hash Batches', 'Peak Memory Usage'],
    lines: (r) => {
      const [b, ob, n, on] = [r['Hash Buckets'], r['Original Hash Buckets'], r['Hash Batches'], r['Original Hash Batches']].map((v) => num(v) ?? 0);
      const changed = b !== ob || n !== on;
      return detail(
        changed
          ? `Buckets: ${b} (originally ${ob})  Batches: ${n} (originally ${on})  Memory Usage: ${kb(r['Peak Memory Usage'])}`
          : `Buckets: ${b}  Batches: ${n}  Memory Usage: ${kb(r['Peak Memory Usage'])}`,
      );
    },
  },
  {
    keys: ['Planned Partitions', 'HashAgg Batches', 'Peak Memory Usage', 'Disk Usage'],
    lines: (r) => {
      const parts: string[] = [];
      if ((num(r['Planned Partitions']) ?? 0) > 0) parts.push(`Planned Partitions: ${r['Planned Partitions']}`);
      if ('HashAgg Batches' in r) {
        parts.push(`Batches: ${r['HashAgg Batches']}  Memory Usage: ${kb(r['Peak Memory Usage'])}`);
        if ((num(r['Disk Usage']) ?? 0) > 0) parts.push(`Disk Usage: ${kb(r['Disk Usage'])}`);
      }
      return parts.length ? detail(parts.join('  ')) : [];
    },
  },
  {
    keys: ['Estimated Capacity', 'Estimated Distinct Lookup Keys', 'Estimated Lookups', 'Estimated Hit Percent'],
    lines: (r) =>
      detail(
        `Estimates: capacity=${r['Estimated Capacity']} distinct keys=${(num(r['Estimated Distinct Lookup Keys']) ?? 0).toFixed(0)}` +
          ` lookups=${(num(r['Estimated Lookups']) ?? 0).toFixed(0)} hit percent=${(num(r['Estimated Hit Percent']) ?? 0).toFixed(2)}%`,
      ),
  },
  {
    keys: ['Cache Hits', 'Cache Misses', 'Cache Evictions', 'Cache Overflows', 'Peak Memory Usage'],
    lines: (r) =>
      detail(
        `Hits: ${r['Cache Hits']}  Misses: ${r['Cache Misses']}  Evictions: ${r['Cache Evictions']}  Overflows: ${r['Cache Overflows']}` +
          `  Memory Usage: ${kb(r['Peak Memory Usage'])}`,
      ),
  },
  {
    keys: ['Storage', 'Maximum Storage'],
    lines: (r) => detail(`Storage: ${r['Storage']}  Maximum Storage: ${kb(r['Maximum Storage'])}`),
  },
  {
    keys: ['Exact Heap Blocks', 'Lossy Heap Blocks'],
    lines: (r) => {
      const parts = positive([['exact', r['Exact Heap Blocks']], ['lossy', r['Lossy Heap Blocks']]]);
      return parts.length ? detail(`Heap Blocks: ${parts.join(' ')}`) : [];
    },
  },
  {
    keys: BUFFER_KEYS.map(([, key]) => key),
    lines: (r) => (buffersLine(r) ? [{ kind: 'buffers', text: buffersLine(r)! }] : []),
  },
  {
    keys: ['Shared I/O Read Time', 'Shared I/O Write Time', 'Local I/O Read Time', 'Local I/O Write Time', 'I/O Read Time', 'I/O Write Time', 'Temp I/O Read Time', 'Temp I/O Write Time'],
    lines: (r) => (ioTimingsLine(r) ? [{ kind: 'buffers', text: ioTimingsLine(r)! }] : []),
  },
  {
    keys: ['WAL Records', 'WAL FPI', 'WAL Bytes', 'WAL Buffers Full'],
    lines: (r) => {
      const parts = positive([['records', r['WAL Records']], ['fpi', r['WAL FPI']], ['bytes', r['WAL Bytes']], ['buffers full', r['WAL Buffers Full']]]);
      return parts.length ? [{ kind: 'buffers', text: `WAL: ${parts.join(' ')}` }] : [];
    },
  },
];

function groupAt(key: string, raw: Json): Group | undefined {
  // "Peak Memory Usage" is in three groups (Hash, HashAggregate, Memoize): the node's other keys say which.
  return GROUPS.find((g) => g.keys.includes(key) && g.keys.some((k) => k !== 'Peak Memory Usage' && k in raw));
}

function generic(key: string, v: unknown, format: Format): string | null {
  if (typeof v === 'boolean') {
    if (ONLY_WHEN_TRUE.has(key) && !v) return null;
    if (ONLY_VERBOSE.has(key) && !format.verbose) return null;
    return `${key}: ${v}`;
  }
  if (key.startsWith('Rows Removed by ')) return (num(v) ?? 0) > 0 ? `${key}: ${v}` : null;
  if (typeof v === 'string' || typeof v === 'number') return `${key}: ${v}`;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return `${key}: ${v.join(', ')}`;
  return null;
}

function actualText(r: Json, format: Format): string | null {
  const loops = num(r['Actual Loops']);
  if (loops === null) return null;
  if (loops === 0) return 'never executed';
  const start = num(r['Actual Startup Time']);
  const total = num(r['Actual Total Time']);
  const time = start !== null && total !== null ? `time=${start.toFixed(3)}..${total.toFixed(3)} ` : '';
  return `actual ${time}rows=${(num(r['Actual Rows']) ?? 0).toFixed(format.rowDecimals)} loops=${loops.toFixed(0)}`;
}

function detailItems(raw: Json, format: Format): Item[] {
  const items: Item[] = [];
  const used = new Set<string>();
  for (const [key, v] of Object.entries(raw)) {
    if (used.has(key) || HEADER_KEYS.has(key)) continue;
    if (key === 'Workers') {
      if (Array.isArray(v)) items.push(...v.filter(isObject).flatMap((w) => workerItems(w, format)));
      continue;
    }
    const group = groupAt(key, raw);
    if (group) {
      group.keys.forEach((k) => used.add(k));
      items.push(...group.lines(raw, format));
      continue;
    }
    if (key === 'Peak Memory Usage') continue;
    items.push(...detail(generic(key, v, format)));
  }
  return items;
}

/** "Worker 0:  Sort Method: quicksort  Memory: 25kB", further lines of the same worker indented. */
function workerItems(w: Json, format: Format): Item[] {
  const actual = actualText(w, format);
  const items = [...(actual ? detail(actual) : []), ...detailItems(w, format)];
  return items.map((item, i) => ({
    kind: item.kind,
    text: i === 0 ? `Worker ${w['Worker Number']}:  ${item.text}` : item.text,
    indent: i === 0 ? 0 : 1,
  }));
}

// ---------------------------------------------------------------------------------------------
// The text form

/** The header line of a node as the text form prints it, without the leading arrow. */
export function nodeHeader(node: PlanNode, rowDecimals: 0 | 2): string {
  const r = node.raw;
  let line = node.target ? `${node.name} ${node.target}` : node.name;
  if (node.startupCost !== null && node.totalCost !== null) {
    line += `  (cost=${node.startupCost.toFixed(2)}..${node.totalCost.toFixed(2)} rows=${(node.estimatedRows ?? 0).toFixed(0)} width=${r['Plan Width'] ?? 0})`;
  }
  const actual = actualText(r, { rowDecimals, verbose: false });
  if (actual) line += ` (${actual})`;
  return line;
}

/**
 * The plan in PostgreSQL's text format, as `EXPLAIN (ANALYZE, BUFFERS)` prints it, generated from
 * the JSON. Volatile numbers (times) are the JSON run's, so they differ from a separate text run.
 */
export function planText(result: ExplainResult): string {
  const format: Format = { rowDecimals: result.rowDecimals, verbose: result.verbose };
  const lines: string[] = [];
  const pad = (indent: number) => ' '.repeat(indent * 2);

  // Mirrors explain.c: a child's arrow sits one step in from its parent's details, and the
  // child's own details two steps further in than its arrow.
  const emit = (node: PlanNode, indent: number) => {
    let level = indent;
    if (node.subplanName) {
      lines.push(pad(level) + node.subplanName);
      level++;
    }
    let prefix = '';
    if (level > 0) {
      prefix = `${pad(level)}->  `;
      level += 2;
    }
    lines.push(prefix + nodeHeader(node, result.rowDecimals));
    level++;
    for (const item of detailItems(node.raw, format)) lines.push(pad(level + (item.indent ?? 0)) + item.text);
    for (const child of node.children) emit(child, level);
  };
  emit(result.root, 0);

  const q = result.raw;
  const settings = q['Settings'];
  if (isObject(settings) && Object.keys(settings).length) {
    lines.push(`Settings: ${Object.entries(settings).map(([k, v]) => `${k} = '${v}'`).join(', ')}`);
  }
  const planning = q['Planning'];
  if (isObject(planning)) {
    const inner = [buffersLine(planning), ioTimingsLine(planning)].filter((l): l is string => l !== null);
    if ('Memory Used' in planning) inner.push(`Memory: used=${kb(planning['Memory Used'])}  allocated=${kb(planning['Memory Allocated'])}`);
    if (inner.length) lines.push('Planning:', ...inner.map((l) => `  ${l}`));
  }
  if (result.planningTime !== null) lines.push(`Planning Time: ${result.planningTime.toFixed(3)} ms`);
  // The JSON always names the trigger's table; the text form only when VERBOSE or when the
  // statement touched more than one table (our best reading of "more than one result relation").
  const showRelation = result.verbose || new Set(result.triggers.map((t) => t.relation)).size > 1;
  for (const t of result.triggers) {
    let line = result.verbose || t.constraint === null ? `Trigger ${t.name}` : 'Trigger';
    if (t.constraint !== null) line += ` for constraint ${t.constraint}`;
    if (showRelation && t.relation !== null) line += ` on ${t.relation}`;
    line += t.time !== null ? `: time=${t.time.toFixed(3)} calls=${(t.calls ?? 0).toFixed(0)}` : `: calls=${(t.calls ?? 0).toFixed(0)}`;
    lines.push(line);
  }
  lines.push(...jitLines(q['JIT']));
  const ser = q['Serialization'];
  if (isObject(ser)) {
    const time = num(ser['Time']);
    lines.push(`Serialization: ${time !== null ? `time=${time.toFixed(3)} ms  ` : ''}output=${kb(ser['Output Volume'])}  format=${ser['Format']}`);
  }
  if (result.executionTime !== null) lines.push(`Execution Time: ${result.executionTime.toFixed(3)} ms`);
  return lines.join('\n');
}

function jitLines(jit: unknown): string[] {
  if (!isObject(jit)) return [];
  const lines = ['JIT:', `  Functions: ${jit['Functions']}`];
  const options = jit['Options'];
  if (isObject(options)) lines.push(`  Options: ${Object.entries(options).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  const timing = jit['Timing'];
  if (isObject(timing)) {
    const ms = (v: unknown) => `${(num(v) ?? 0).toFixed(3)} ms`;
    const parts = Object.entries(timing).map(([k, v]) =>
      // PostgreSQL 17 and later split Generation into its total and the part spent on deforming.
      isObject(v) ? `${k} ${ms(v['Total'])}${'Deform' in v ? ` (Deform ${ms(v['Deform'])})` : ''}` : `${k} ${ms(v)}`,
    );
    lines.push(`  Timing: ${parts.join(', ')}`);
  }
  return lines;
}
