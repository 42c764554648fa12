/**
 * PostgreSQL's text form of a plan, generated from the JSON: node names as explain.c builds them,
 * detail lines in the same order and words, and the whole `EXPLAIN (ANALYZE, BUFFERS)` output.
 * The JSON lists a node's properties in the order explain.c emits them for every format, so
 * walking its keys in order and printing each the way the text format does gives the text form;
 * only the properties the text form prints together on one line need handling as groups.
 */
import type { ExplainResult, PlanNode } from './plan';
import { BUFFER_KEYS, isObject, num, str, type Json } from './plan-json';

// ---------------------------------------------------------------------------------------------
// Names, as PostgreSQL's text form prints them

const JOIN_BASE: Record<string, string> = { 'Nested Loop': 'Nested Loop', 'Merge Join': 'Merge', 'Hash Join': 'Hash' };
const AGG_NAME: Record<string, string> = { Plain: 'Aggregate', Sorted: 'GroupAggregate', Hashed: 'HashAggregate', Mixed: 'MixedAggregate' };

/** The node's name as the text form prints it: `Parallel Seq Scan`, `Hash Left Join`, `Partial HashAggregate`. */
export function nodeName(raw: Json): string {
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

/** What the node reads, as the text form prints it after the name: `using orders_pkey on orders o`. */
export function nodeTarget(raw: Json): string | null {
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
/** What the text form prints differently by version and options. */
export interface Format {
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

/** A node's detail lines (conditions, sort and hash figures, per-worker lines), without buffers and I/O timings. */
export function detailLines(raw: Json, format: Format): string[] {
  return detailItems(raw, format)
    .filter((item) => item.kind === 'detail')
    .map((item) => item.text);
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
