/**
 * A waterfall of one GET request to a show page: the sequence of things a Puma thread does from the
 * moment the request is accepted to the moment the response is written. The costs are representative
 * of a warm production server (they are not a capture) and are built from a few parameters, so the
 * figure can show how queueing, query count and page size move the total.
 */

export type SegmentKind = 'queue' | 'puma' | 'middleware' | 'rails' | 'sql' | 'models' | 'view' | 'gc';

export interface Segment {
  label: string;
  kind: SegmentKind;
  /** Milliseconds from acceptance to the start of this segment. */
  start: number;
  /** Milliseconds spent in it. */
  ms: number;
}

export interface Scenario {
  /** Time the request waits for a free Puma thread. */
  queueMs: number;
  /** Queries the page runs besides the N+1 ones. */
  queries: number;
  /** Time PostgreSQL spends executing one query. */
  queryExecMs: number;
  /** One query per listed row (`post.author` in the loop). */
  nPlusOne: boolean;
  /** Extra execution time of one query that cannot use an index. */
  slowMs: number;
}

/** The presets the figure offers: the same page under different conditions. */
export const SCENARIOS = {
  quiet: { queueMs: 0, queries: 2, queryExecMs: 0.3, nPlusOne: false, slowMs: 0 },
  saturated: { queueMs: 180, queries: 2, queryExecMs: 0.3, nPlusOne: false, slowMs: 0 },
  nPlusOne: { queueMs: 0, queries: 2, queryExecMs: 0.3, nPlusOne: true, slowMs: 0 },
  slowQuery: { queueMs: 0, queries: 2, queryExecMs: 0.3, nPlusOne: false, slowMs: 70 },
} as const satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof SCENARIOS;

/** Costs that do not depend on the scenario: a warm process, a small app, PostgreSQL on the same network. */
const COST = {
  parseMs: 0.15,
  middlewareInMs: 0.6,
  routingMs: 0.05,
  controllerMs: 0.8,
  roundTripMs: 0.25, // network and driver per query, on top of execution
  instantiatePerRowMs: 0.015,
  viewBaseMs: 9,
  viewPerRowMs: 0.12,
  allocationsBase: 45_000,
  allocationsPerRow: 600,
  allocationsPerQuery: 300,
  /** One minor GC for every so many objects allocated, each pausing this long. */
  objectsPerMinorGc: 40_000,
  minorGcMs: 1.6,
  middlewareOutMs: 0.5,
  etagMsPerKb: 0.004,
  bytesPerRow: 420,
  writeMs: 0.15,
};

/** Objects the request allocates: the number that decides how often the collector runs. */
export function allocations(s: Scenario, rows: number): number {
  return COST.allocationsBase + rows * COST.allocationsPerRow + queryCount(s, rows) * COST.allocationsPerQuery;
}

export function queryCount(s: Scenario, rows: number): number {
  return s.queries + (s.nPlusOne ? rows : 0);
}

/**
 * The request as contiguous segments: each starts where the previous ended, so the last one ends at
 * the total. The GC pause lands in the middle of rendering, where the allocations that trigger it are.
 */
export function waterfall(s: Scenario, rows: number): Segment[] {
  const perQuery = COST.roundTripMs + s.queryExecMs;
  // The N+1 queries fire from inside the template, when the loop touches each row's association.
  const lazy = s.nPlusOne ? rows : 0;
  const gcMs = Math.floor(allocations(s, rows) / COST.objectsPerMinorGc) * COST.minorGcMs;
  const viewMs = COST.viewBaseMs + rows * COST.viewPerRowMs;
  const bodyKb = (2_000 + rows * COST.bytesPerRow) / 1024;
  const parts: [string, SegmentKind, number][] = [
    ['Wait for a free thread', 'queue', s.queueMs],
    ['Read and parse', 'puma', COST.parseMs],
    ['Middleware, inbound', 'middleware', COST.middlewareInMs],
    ['Routing', 'rails', COST.routingMs],
    ['Callbacks and params', 'rails', COST.controllerMs],
    [s.queries === 1 ? 'SQL, 1 query' : `SQL, ${s.queries} queries`, 'sql', s.queries * perQuery + s.slowMs],
    ['Rows into models', 'models', rows * COST.instantiatePerRowMs],
    ['Render view', 'view', viewMs / 2],
    [`SQL from the view, ${lazy} queries`, 'sql', lazy * perQuery],
    ['GC pause', 'gc', gcMs],
    ['Render view (cont.)', 'view', viewMs / 2],
    ['Middleware, outbound', 'middleware', COST.middlewareOutMs + bodyKb * COST.etagMsPerKb],
    ['Write to socket', 'puma', COST.writeMs],
  ];
  let start = 0;
  // A segment that costs nothing in this scenario (no lazy queries) is left out rather than drawn empty.
  return parts.filter(([, kind, ms]) => ms > 0 || kind === 'queue').map(([label, kind, ms]) => {
    const segment = { label, kind, start, ms };
    start += ms;
    return segment;
  });
}

/** The request's total: where the last segment ends. */
export function total(segments: readonly Segment[]): number {
  const last = segments.at(-1);
  return last ? last.start + last.ms : 0;
}

/** Milliseconds per kind, for the readout ("view 13 ms, SQL 1 ms"). */
export function byKind(segments: readonly Segment[]): Record<SegmentKind, number> {
  const out: Record<SegmentKind, number> = { queue: 0, puma: 0, middleware: 0, rails: 0, sql: 0, models: 0, view: 0, gc: 0 };
  for (const s of segments) out[s.kind] += s.ms;
  return out;
}

/** What the "Completed" line in the Rails log would say about the same request. */
export interface LogLine {
  /** The controller's own clock: from the start of processing to the end of rendering. */
  totalMs: number;
  viewsMs: number;
  activeRecordMs: number;
  queries: number;
  gcMs: number;
}

/**
 * The controller measures only what happens inside `process_action`: callbacks, SQL, models, rendering
 * and any GC in between. The wait for a thread, parsing, middleware and the socket write are outside
 * its clock. Views excludes the SQL that the template triggered, as Active Record subtracts it.
 */
export function completedLine(segments: readonly Segment[], s: Scenario, rows: number): LogLine {
  const inside = segments.filter((seg) => seg.label === 'Callbacks and params' || ['sql', 'models', 'view', 'gc'].includes(seg.kind));
  const k = byKind(segments);
  return {
    totalMs: inside.reduce((a, seg) => a + seg.ms, 0),
    viewsMs: k.view + k.gc,
    activeRecordMs: k.sql,
    queries: queryCount(s, rows),
    gcMs: k.gc,
  };
}

/** The line itself, formatted the way Rails 7.2 and later print it. */
export function formatCompleted(line: LogLine): string {
  const ms = (v: number) => `${v.toFixed(1)}ms`;
  return `Completed 200 OK in ${Math.round(line.totalMs)}ms (Views: ${ms(line.viewsMs)} | ActiveRecord: ${ms(line.activeRecordMs)} (${line.queries} ${line.queries === 1 ? 'query' : 'queries'}, 0 cached) | GC: ${ms(line.gcMs)})`;
}
