/**
 * One table's lock queue, the way PostgreSQL's lock manager serves it (lock.c, proc.c), for the
 * lock-queue figure. PGlite is a single backend and a blocking wait hangs it, so sessions that wait
 * are shown by this model, not by the engine.
 *
 * The rules:
 * - A request is granted at once only if its mode conflicts with no lock another session holds
 *   **and** with no request already waiting. Otherwise it joins the tail of the queue. That second
 *   condition is the whole outage: a SELECT compatible with every granted lock still waits behind
 *   a waiting ALTER TABLE (LockAcquire checks the queue's wait mask first).
 * - When a lock is released or a waiter leaves, the queue is scanned from the head; a waiter is
 *   granted if it conflicts neither with the granted locks nor with any waiter still ahead of it
 *   (ProcLockWakeup's `aheadRequests`). So several compatible waiters wake together.
 * - `lock_timeout` removes a waiter when it has waited that long (it gets "canceling statement due
 *   to lock timeout"); a migration that retries asks again after a backoff, at the tail.
 * The deadlock detector's reordering of the queue is left out: nothing here deadlocks.
 */
import { seeded } from '../../../lib/random';
import { conflicts, type LockMode } from './lock-modes';

export type Kind = 'report' | 'alter' | 'select' | 'update';

export const KIND_MODE: Record<Kind, LockMode> = {
  report: 'AccessShareLock',
  alter: 'AccessExclusiveLock',
  select: 'AccessShareLock',
  update: 'RowExclusiveLock',
};

/** A session asking for the table lock. */
export interface Request {
  id: number;
  kind: Kind;
  mode: LockMode;
  /** When this request (this attempt, for a retry) joined. */
  since: number;
}

/** The lock on one table: who holds it and who waits, in arrival order. */
export interface LockState {
  granted: Request[];
  waiting: Request[];
}

export const emptyLock = (): LockState => ({ granted: [], waiting: [] });

/** PostgreSQL's test for a new request: no conflict with a granted lock nor with any waiter. */
export function grantableNow(lock: LockState, mode: LockMode): boolean {
  return !lock.granted.some((g) => conflicts(g.mode, mode)) && !lock.waiting.some((w) => conflicts(w.mode, mode));
}

/** Asks for the lock; returns true when granted at once, false when queued at the tail. */
export function request(lock: LockState, req: Request): boolean {
  if (grantableNow(lock, req.mode)) {
    lock.granted.push(req);
    return true;
  }
  lock.waiting.push(req);
  return false;
}

/**
 * Scans the queue from the head after a release or a cancelled wait, and grants every waiter that
 * conflicts neither with what is granted nor with a waiter still ahead of it. Returns those granted.
 */
export function wakeUp(lock: LockState): Request[] {
  const woken: Request[] = [];
  const ahead: LockMode[] = [];
  const still: Request[] = [];
  for (const w of lock.waiting) {
    const free = !lock.granted.some((g) => conflicts(g.mode, w.mode)) && !ahead.some((m) => conflicts(m, w.mode));
    if (free) {
      lock.granted.push(w);
      woken.push(w);
    } else {
      ahead.push(w.mode);
      still.push(w);
    }
  }
  lock.waiting = still;
  return woken;
}

export function release(lock: LockState, id: number): Request[] {
  lock.granted = lock.granted.filter((g) => g.id !== id);
  return wakeUp(lock);
}

/** A waiter gives up (lock_timeout); the ones behind it may now go. */
export function cancel(lock: LockState, id: number): Request[] {
  lock.waiting = lock.waiting.filter((w) => w.id !== id);
  return wakeUp(lock);
}

/** How the migration waits for ACCESS EXCLUSIVE. */
export type Policy =
  | { kind: 'wait' }
  | {
      kind: 'retry';
      /** `SET lock_timeout`: the longest one attempt may sit in the queue. */
      lockTimeoutMs: number;
      /** Pause before the second attempt; doubles each time, up to `maxBackoffMs`. */
      backoffMs: number;
      maxBackoffMs: number;
    };

export interface QueueOptions {
  /** How long the long report (a SELECT in an open transaction) holds ACCESS SHARE from 0 ms. */
  reportMs: number;
  /** When the migration asks for ACCESS EXCLUSIVE. */
  alterAtMs: number;
  /** Its work once the lock is granted. */
  alterMs: number;
  policy: Policy;
  /** The application's steady traffic on the table. */
  queriesPerSecond: number;
  /** Share of that traffic that writes (UPDATE, ROW EXCLUSIVE); the rest reads (SELECT). */
  writeShare: number;
  /** Each application query's time once it has its lock. */
  queryMs: number;
  horizonMs: number;
  /** Time between two frames of the figure. */
  stepMs: number;
  seed: number;
}

export const DEFAULT_OPTIONS: QueueOptions = {
  reportMs: 30_000,
  alterAtMs: 5_000,
  alterMs: 10,
  policy: { kind: 'wait' },
  queriesPerSecond: 4,
  writeShare: 0.3,
  queryMs: 20,
  horizonMs: 60_000,
  stepMs: 500,
  seed: 7,
};

export const RETRY: Policy = { kind: 'retry', lockTimeoutMs: 2_000, backoffMs: 1_000, maxBackoffMs: 8_000 };

export interface Frame {
  t: number;
  granted: Request[];
  /** The head of the queue, in order (the figure draws a few). */
  head: Request[];
  waitingCount: number;
}

export interface Attempt {
  start: number;
  /** When it stopped waiting: granted or timed out; undefined if still waiting at the horizon. */
  end?: number;
  outcome: 'granted' | 'timeout' | 'waiting';
}

export interface QueueRun {
  frames: Frame[];
  attempts: Attempt[];
  /** When the ALTER TABLE finished its work, if it did within the horizon. */
  alterDoneAt?: number;
  /** Application queries that arrived, and how long the worst of them waited for its lock. */
  queries: number;
  delayedQueries: number;
  worstQueryWaitMs: number;
  /** The most sessions waiting at once. */
  peakWaiting: number;
}

interface Event {
  t: number;
  seq: number;
  type: 'arrive' | 'finish' | 'timeout' | 'retry';
  id: number;
  /** For timeouts: which attempt they belong to, so a granted attempt ignores its stale timer. */
  attempt?: number;
}

const HEAD = 12;
/** Requests served within this much of their arrival did not "wait" in any way a user notices. */
const NOTICEABLE_MS = 100;

/** Runs the model and samples the lock every `stepMs`. Same options and seed, same run. */
export function simulate(o: QueueOptions): QueueRun {
  const random = seeded(o.seed);
  const lock = emptyLock();
  const events: Event[] = [];
  let seq = 0;
  const at = (t: number, type: Event['type'], id: number, attempt?: number) => {
    const e: Event = { t, seq: seq++, type, id };
    if (attempt !== undefined) e.attempt = attempt;
    events.push(e);
  };
  const kinds = new Map<number, Kind>();
  const hold = new Map<number, number>();
  const arrived = new Map<number, number>();

  // The report at 0, the migration later, the application's traffic throughout (Poisson arrivals).
  kinds.set(0, 'report');
  hold.set(0, o.reportMs);
  at(0, 'arrive', 0);
  kinds.set(1, 'alter');
  hold.set(1, o.alterMs);
  at(o.alterAtMs, 'arrive', 1);
  let id = 2;
  for (let t = -Math.log(1 - random()) * (1000 / o.queriesPerSecond); t < o.horizonMs; t += -Math.log(1 - random()) * (1000 / o.queriesPerSecond)) {
    kinds.set(id, random() < o.writeShare ? 'update' : 'select');
    hold.set(id, o.queryMs);
    at(Math.round(t), 'arrive', id++);
  }

  const attempts: Attempt[] = [];
  let alterDoneAt: number | undefined;
  let delayed = 0;
  let worst = 0;
  let peak = 0;

  const granted = (reqs: Request[], t: number) => {
    for (const r of reqs) {
      at(t + (hold.get(r.id) ?? 0), 'finish', r.id);
      if (r.kind === 'alter') {
        const a = attempts[attempts.length - 1];
        if (a) Object.assign(a, { end: t, outcome: 'granted' });
      } else if (r.kind !== 'report') {
        const waited = t - (arrived.get(r.id) ?? t);
        worst = Math.max(worst, waited);
        if (waited > NOTICEABLE_MS) delayed++;
      }
    }
  };
  const ask = (reqId: number, t: number) => {
    const kind = kinds.get(reqId)!;
    const req: Request = { id: reqId, kind, mode: KIND_MODE[kind], since: t };
    if (kind === 'alter') attempts.push({ start: t, outcome: 'waiting' });
    else arrived.set(reqId, t);
    if (request(lock, req)) granted([req], t);
    else if (kind === 'alter' && o.policy.kind === 'retry') at(t + o.policy.lockTimeoutMs, 'timeout', reqId, attempts.length);
    peak = Math.max(peak, lock.waiting.length);
  };

  const frames: Frame[] = [];
  for (let frameT = 0; frameT <= o.horizonMs; frameT += o.stepMs) {
    // Handle every event up to this frame, in time order (ties: in the order they were made).
    for (;;) {
      let best = -1;
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        if (e.t > frameT) continue;
        const b = events[best];
        if (!b || e.t < b.t || (e.t === b.t && e.seq < b.seq)) best = i;
      }
      if (best < 0) break;
      const e = events.splice(best, 1)[0]!;
      if (e.type === 'arrive' || e.type === 'retry') ask(e.id, e.t);
      else if (e.type === 'finish') {
        if (e.id === 1) alterDoneAt = e.t;
        granted(release(lock, e.id), e.t);
      } else if (e.type === 'timeout' && o.policy.kind === 'retry') {
        const a = attempts[attempts.length - 1];
        if (e.attempt !== attempts.length || !a || a.outcome !== 'waiting') continue;
        Object.assign(a, { end: e.t, outcome: 'timeout' });
        granted(cancel(lock, e.id), e.t);
        const { backoffMs, maxBackoffMs } = o.policy;
        // Exponential backoff with jitter, so retries of many migrations do not line up.
        const base = Math.min(maxBackoffMs, backoffMs * 2 ** (attempts.length - 1));
        at(e.t + Math.round(base * (0.5 + random() / 2)), 'retry', e.id);
      }
    }
    frames.push({ t: frameT, granted: [...lock.granted], head: lock.waiting.slice(0, HEAD), waitingCount: lock.waiting.length });
  }

  const run: QueueRun = {
    frames,
    attempts,
    queries: id - 2,
    delayedQueries: delayed,
    worstQueryWaitMs: worst,
    peakWaiting: peak,
  };
  if (alterDoneAt !== undefined) run.alterDoneAt = alterDoneAt;
  // Application queries still queued at the horizon have waited at least this long.
  for (const w of lock.waiting) {
    if (w.kind === 'alter' || w.kind === 'report') continue;
    run.worstQueryWaitMs = Math.max(run.worstQueryWaitMs, o.horizonMs - (arrived.get(w.id) ?? o.horizonMs));
    run.delayedQueries++;
  }
  return run;
}
