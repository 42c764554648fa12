/**
 * The suspect hierarchy as a decision path. A request's time is split into the slices the hierarchy
 * names; the path checks them in the order they are most often guilty in a Rails app and stops at the
 * first slice large enough to matter. Splits come from a profile (by what is on each sample's stack)
 * or from an APM's numbers when the time is spent before the app runs at all.
 */
import type { Profile } from './flame-graph';

export type Slice = 'database' | 'external' | 'queue' | 'gc' | 'ruby';

/** Milliseconds (or samples) per slice; only the proportions matter. */
export type Split = Record<Slice, number>;

export interface Suspect {
  slice: Slice | 'machine';
  name: string;
  /** The cheap measurement that settles it. */
  check: string;
  /** What to reach for once it is convicted. */
  tool: string;
}

/** In the order a Rails app is most often guilty of them. */
export const HIERARCHY: readonly Suspect[] = [
  { slice: 'database', name: 'Database', check: 'ActiveRecord time in the log line, query count, pg_stat_statements', tool: 'EXPLAIN (ANALYZE, BUFFERS), includes or preload, an index' },
  { slice: 'external', name: 'External calls', check: 'HTTP spans in the trace; wall time far above CPU time', tool: 'timeouts, a background job, a cache in front of the service' },
  { slice: 'queue', name: 'Queueing for threads', check: 'request queue time from X-Request-Start; Puma backlog', tool: 'more processes, fewer slow requests per thread, Little\'s law' },
  { slice: 'gc', name: 'GC and allocation', check: 'GC time in the log line; GC.stat before and after', tool: 'allocate less: fewer intermediate arrays, hashes and strings' },
  { slice: 'ruby', name: 'CPU in Ruby code', check: 'a sampling profile in cpu mode', tool: 'the flame graph: the widest top edges' },
  { slice: 'machine', name: 'The kernel and the machine', check: 'vmstat r column, strace -c, perf stat', tool: 'more CPU, or the system call that blocks' },
];

/** Classifies every sample by what is on its stack: GC, a PostgreSQL call, an HTTP call, or Ruby. */
export function splitProfile(p: Profile): Split {
  const split: Split = { database: 0, external: 0, queue: 0, gc: 0, ruby: 0 };
  for (const node of p.nodes) {
    if (!node.self) continue;
    const names: string[] = [];
    for (let at = node.id; at > 0; at = p.nodes[at]!.parent) names.push(p.nodes[at]!.name);
    const slice: Slice = names.includes('(garbage collection)')
      ? 'gc'
      : names.some((n) => n.startsWith('PG::'))
        ? 'database'
        : names.some((n) => n.startsWith('Net::HTTP'))
          ? 'external'
          : 'ruby';
    split[slice] += node.self;
  }
  return split;
}

export function shares(split: Split): Split {
  const sum = Object.values(split).reduce((a, b) => a + b, 0) || 1;
  return {
    database: split.database / sum,
    external: split.external / sum,
    queue: split.queue / sum,
    gc: split.gc / sum,
    ruby: split.ruby / sum,
  };
}

export type StepStatus = 'cleared' | 'convicted' | 'not reached';

export interface Step extends Suspect {
  /** The slice's share of the request; undefined for the machine, which a split cannot see. */
  share?: number;
  status: StepStatus;
}

export interface Verdict {
  steps: Step[];
  /** The convicted suspect. */
  culprit: Suspect;
  /** The largest slice, whatever the path concluded. */
  largest: Slice;
}

/**
 * Walks the hierarchy: each slice whose share reaches `threshold` is convicted and the walk stops;
 * below it the slice is cleared. When every slice is cleared, the last suspect, the machine, is what
 * is left to check.
 */
export function walk(split: Split, threshold: number): Verdict {
  const s = shares(split);
  let found: Suspect | undefined;
  const steps: Step[] = HIERARCHY.map((suspect) => {
    if (found) return { ...suspect, status: 'not reached', ...(suspect.slice === 'machine' ? {} : { share: s[suspect.slice] }) };
    if (suspect.slice === 'machine') {
      found = suspect;
      return { ...suspect, status: 'convicted' };
    }
    const share = s[suspect.slice];
    if (share >= threshold) found = suspect;
    return { ...suspect, share, status: share >= threshold ? 'convicted' : 'cleared' };
  });
  const largest = (Object.keys(s) as Slice[]).reduce((a, b) => (s[b] > s[a] ? b : a));
  return { steps, culprit: found ?? HIERARCHY.at(-1)!, largest };
}
