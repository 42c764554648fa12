/**
 * A retry storm, second by second: many jobs call one API that is down for a while and then serves a
 * fixed number of requests per second. Every failed call schedules a retry by the chosen strategy; a
 * job that has used up its retries is parked in the dead-letter queue. Optional: a fleet-wide circuit
 * breaker and a rate cap in front of the API.
 *
 * Jobs sit in buckets by the second they are due (a linked list per second over typed arrays), so a
 * second's work is a walk over the jobs due then and 100,000 jobs simulate in tens of milliseconds.
 */
import { seeded, type Random } from '../../../lib/random';

export type Strategy = 'fixed' | 'exponential' | 'sidekiq' | 'full-jitter' | 'decorrelated';

export const STRATEGIES: readonly { value: Strategy; label: string }[] = [
  { value: 'fixed', label: 'Fixed, every 30 s' },
  { value: 'exponential', label: 'Exponential, no jitter' },
  { value: 'sidekiq', label: "Sidekiq's default" },
  { value: 'full-jitter', label: 'Full jitter' },
  { value: 'decorrelated', label: 'Decorrelated jitter' },
];

/** The exponential strategies start at BASE seconds and never wait longer than CAP. */
export const BASE = 5;
export const CAP = 300;
export const FIXED = 30;

/**
 * Seconds until the next attempt, after `retry` retries so far (0 before the first retry, as
 * Sidekiq counts) and a previous wait of `prev` (only decorrelated jitter looks at it).
 */
export function retryDelay(strategy: Strategy, retry: number, prev: number, random: Random): number {
  switch (strategy) {
    case 'fixed':
      return FIXED;
    case 'exponential':
      return Math.min(CAP, BASE * 2 ** retry);
    case 'sidekiq':
      // Sidekiq 8: (count**4) + 15, plus jitter rand(10 * (count + 1)).
      return retry ** 4 + 15 + Math.floor(random() * 10 * (retry + 1));
    case 'full-jitter':
      return Math.floor(random() * (Math.min(CAP, BASE * 2 ** retry) + 1));
    case 'decorrelated':
      return Math.min(CAP, BASE + Math.floor(random() * (prev * 3 - BASE + 1)));
  }
}

export interface StormParams {
  /** Jobs enqueued at t = 0. */
  jobs: number;
  /** Requests per second the API serves once it is back; every request above that fails. */
  capacity: number;
  /** Requests per second the workers can fire when calls fail fast. */
  fleet: number;
  /** Seconds the API is down from t = 0. */
  outage: number;
  strategy: Strategy;
  /** Retries after the first attempt; a job whose 1 + retries attempts all failed goes to the DLQ. */
  retries: number;
  /** A fleet-wide breaker: opens when over half of 20+ calls in 10 s failed, for 30 s. */
  breaker: boolean;
  /** At most this many requests per second leave the fleet (0: no cap); the rest wait their turn, retries kept. */
  cap: number;
  seed: number;
  /** Give up simulating after this many seconds (the rest is reported as pending). */
  horizon?: number;
  /** Keep each job's attempts and outcome (for tests; costs two arrays). */
  perJob?: boolean;
}

/** What the breaker was doing in a second. */
export const CLOSED = 0;
export const OPEN = 1;
export const HALF_OPEN = 2;

export interface StormResult {
  /** Requests that reached the API, per second. */
  sent: Int32Array;
  /** Requests the API served, per second. */
  served: Int32Array;
  /** Jobs parked in the dead-letter queue, per second. */
  parked: Int32Array;
  /** Breaker state per second: CLOSED, OPEN or HALF_OPEN. */
  breaker: Uint8Array;
  /** Seconds simulated: when the last job finished or was parked, or the horizon. */
  seconds: number;
  /** The second the last job succeeded or was parked; null if work was still pending at the horizon. */
  drainedAt: number | null;
  /** The busiest second after the API came back. */
  peak: number;
  /** Seconds after recovery with more requests than the API could serve. */
  secondsOver: number;
  calls: number;
  done: number;
  dead: number;
  pending: number;
  /** Times the breaker opened from closed (re-opening after a failed probe is not a new trip). */
  trips: number;
  /** Per job, with `perJob`: attempts made, and 1 done, 2 dead, 0 pending. */
  attempts?: Uint8Array;
  outcome?: Uint8Array;
}

const WINDOW = 10;
const MIN_CALLS = 20;
const COOL_OFF = 30;
const PROBES = 10;

export const DEFAULTS: StormParams = {
  jobs: 100_000,
  capacity: 500,
  fleet: 5_000,
  outage: 600,
  strategy: 'fixed',
  retries: 25,
  breaker: false,
  cap: 0,
  seed: 42,
};

/**
 * Singly linked FIFOs of job ids over one shared `next` array: a job sits in exactly one list at a
 * time (a second's bucket, the ready queue or the breaker's parking lot), so moving a whole list is
 * O(1) and a waiting job costs nothing until a worker takes it.
 */
class JobList {
  head = -1;
  tail = -1;
  length = 0;
  constructor(private readonly next: Int32Array) {}
  push(job: number): void {
    this.next[job] = -1;
    if (this.tail === -1) this.head = job;
    else this.next[this.tail] = job;
    this.tail = job;
    this.length++;
  }
  shift(): number {
    const job = this.head;
    this.head = this.next[job]!;
    if (this.head === -1) this.tail = -1;
    this.length--;
    return job;
  }
  /** Moves every job of `other` to the end of this list. */
  take(other: JobList): void {
    if (other.length === 0) return;
    if (this.tail === -1) this.head = other.head;
    else this.next[this.tail] = other.head;
    this.tail = other.tail;
    this.length += other.length;
    other.head = other.tail = -1;
    other.length = 0;
  }
}

/** Runs the whole storm once. Pure: the same params give the same result. */
export function simulateStorm(p: StormParams): StormResult {
  const random = seeded(p.seed);
  const horizon = p.horizon ?? 6 * 3600;
  const n = p.jobs;
  const next = new Int32Array(n).fill(-1);
  // Jobs due in each second, as lists over flat arrays; a wait that ends past the horizon ends in
  // the extra last bucket.
  const dueHead = new Int32Array(horizon + 2).fill(-1);
  const dueTail = new Int32Array(horizon + 2).fill(-1);
  const dueLength = new Int32Array(horizon + 2);
  const schedule = (job: number, t: number) => {
    const at = t > horizon ? horizon + 1 : t;
    next[job] = -1;
    if (dueTail[at] === -1) dueHead[at] = job;
    else next[dueTail[at]!] = job;
    dueTail[at] = job;
    dueLength[at]!++;
  };
  const arriving = new JobList(next);
  const ready = new JobList(next); // due jobs waiting for a worker, like a Redis list
  const parked = new JobList(next); // jobs the open breaker turned away
  for (let j = 0; j < n; j++) ready.push(j);

  const retried = new Uint8Array(n);
  const prev = new Uint16Array(n).fill(BASE);
  const outcome = new Uint8Array(n);
  const sent = new Int32Array(horizon + 1);
  const served = new Int32Array(horizon + 1);
  const deadAt = new Int32Array(horizon + 1);
  const state = new Uint8Array(horizon + 1);
  const limit = p.cap > 0 ? p.cap : Infinity;

  let done = 0, dead = 0, calls = 0, trips = 0, drainedAt: number | null = null;
  let breaker = CLOSED, openUntil = 0, release = 0;
  // Calls and failures per second in the breaker's sliding window (a ring of WINDOW + 1 seconds).
  const winTries = new Int32Array(WINDOW + 1), winFails = new Int32Array(WINDOW + 1);
  const winTime = new Int32Array(WINDOW + 1).fill(-WINDOW - 2);

  let t = 0;
  for (; t <= horizon; t++) {
    arriving.head = dueHead[t]!;
    arriving.tail = dueTail[t]!;
    arriving.length = dueLength[t]!;
    if (breaker === OPEN && t >= openUntil) {
      breaker = HALF_OPEN;
      // Turned-away jobs come back spread over the next COOL_OFF seconds, as if each had been
      // rescheduled to a random second after the cool-off: jitter, so they do not return as a herd.
      release = Math.ceil(parked.length / (COOL_OFF + 1));
    }
    if (breaker === OPEN) {
      parked.take(arriving);
    } else {
      ready.take(arriving);
      for (let k = Math.min(release, parked.length); k > 0; k--) ready.push(parked.shift());
    }

    const allowed = breaker === HALF_OPEN ? Math.min(limit, PROBES) : breaker === OPEN ? 0 : limit;
    let out = 0, ok = 0;
    // The fleet fires at most `fleet` calls a second; the cap and a half-open breaker allow fewer.
    while (out < p.fleet && out < allowed && ready.length > 0) {
      const job = ready.shift();
      out++;
      if (t >= p.outage && ok < p.capacity) {
        ok++;
        done++;
        outcome[job] = 1;
      } else if (retried[job]! >= p.retries) {
        dead++;
        deadAt[t]!++;
        outcome[job] = 2;
      } else {
        const d = Math.max(1, retryDelay(p.strategy, retried[job]!, prev[job]!, random));
        prev[job] = Math.min(d, 65_535);
        retried[job]!++;
        schedule(job, t + d);
      }
    }
    sent[t] = out;
    served[t] = ok;
    calls += out;
    state[t] = breaker;
    if (p.breaker && out > 0) breaker = nextBreakerState(t, out, ok);
    if (breaker === OPEN) parked.take(ready);
    if (done + dead === n) {
      drainedAt = t;
      break;
    }
  }
  const seconds = Math.min(t, horizon);

  function nextBreakerState(now: number, out: number, ok: number): number {
    if (breaker === HALF_OPEN) {
      if (ok === out) {
        winTime.fill(-WINDOW - 2);
        return CLOSED;
      }
      openUntil = now + COOL_OFF;
      return OPEN;
    }
    const slot = now % (WINDOW + 1);
    winTime[slot] = now;
    winTries[slot] = out;
    winFails[slot] = out - ok;
    let tries = 0, fails = 0;
    for (let s = 0; s <= WINDOW; s++) {
      // A slot last written more than WINDOW seconds ago belongs to an older window.
      if (winTime[s]! < now - WINDOW) continue;
      tries += winTries[s]!;
      fails += winFails[s]!;
    }
    if (tries >= MIN_CALLS && fails * 2 > tries) {
      trips++;
      openUntil = now + COOL_OFF;
      winTime.fill(-WINDOW - 2);
      return OPEN;
    }
    return breaker;
  }

  let peak = 0, secondsOver = 0;
  for (let s = p.outage; s <= seconds; s++) {
    if (sent[s]! > peak) peak = sent[s]!;
    if (sent[s]! > p.capacity) secondsOver++;
  }
  const result: StormResult = {
    sent: sent.subarray(0, seconds + 1),
    served: served.subarray(0, seconds + 1),
    parked: deadAt.subarray(0, seconds + 1),
    breaker: state.subarray(0, seconds + 1),
    seconds,
    drainedAt,
    peak,
    secondsOver,
    calls,
    done,
    dead,
    pending: n - done - dead,
    trips,
  };
  if (p.perJob) {
    // Attempts made = retries spent, plus the last attempt for a finished job.
    result.attempts = retried.map((r, j) => r + (outcome[j] ? 1 : 0));
    result.outcome = outcome;
  }
  return result;
}
