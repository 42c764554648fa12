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
import { detailLines, nodeName, nodeTarget } from './plan-text';
import { isObject, jsonError, num, readBuffers, str, type Json } from './plan-json';

export { jsonError } from './plan-json';
export { nodeHeader, planText, quoteIdent } from './plan-text';

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
  for (const n of nodes) n.details = detailLines(n.raw, format);

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
