/**
 * Requests arriving at a fleet of Puma threads, first come first served: Poisson arrivals, exponential
 * service times, `threads` identical servers (an M/M/c queue). It ignores the GVL, so it is the
 * optimistic case: a thread is as good as a core. Everything the figure and the article quote comes
 * from one seeded run, so the same parameters always tell the same story.
 */
import { seeded } from '../../../lib/random';

export interface QueueParams {
  /** Requests per second arriving (λ). */
  arrivalRate: number;
  /** Threads across all Puma processes (c). */
  threads: number;
  /** Mean time a request holds a thread, in milliseconds (S). */
  serviceMs: number;
  /** Simulated seconds of arrivals. */
  seconds: number;
  seed: number;
  /** Snapshots to keep for drawing, evenly spaced over the run. */
  frames?: number;
}

export interface Snapshot {
  /** Seconds since the start. */
  t: number;
  /** Requests holding a thread. */
  busy: number;
  /** Requests waiting for one. */
  waiting: number;
}

export interface QueueRun {
  requests: number;
  /** Requests per second the threads can serve: threads / service time. */
  capacity: number;
  /** λS/c: above 1 the queue has no steady state. */
  utilisation: number;
  /** Arrivals per second actually generated. */
  lambda: number;
  /** Time-average number of requests in the system over the run, measured by sampling (L). */
  inSystem: number;
  /** Mean time from arrival to completion, in seconds (W). */
  meanResponse: number;
  meanWait: number;
  meanService: number;
  /** 99th percentile of the wait for a thread, in seconds. */
  p99Wait: number;
  /** Requests still waiting when arrivals stop. */
  waitingAtEnd: number;
  maxWaiting: number;
  frames: Snapshot[];
}

/** A binary min-heap of the times at which each thread becomes free. */
class FreeAt {
  private heap: number[];
  constructor(size: number) {
    this.heap = new Array<number>(size).fill(0);
  }
  /** The earliest free time; the thread that frees first serves the next request. */
  peek(): number {
    return this.heap[0] ?? 0;
  }
  /** Replaces the earliest free time with `t` and restores the heap. */
  replaceTop(t: number): void {
    const h = this.heap;
    h[0] = t;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && h[l]! < h[m]!) m = l;
      if (r < h.length && h[r]! < h[m]!) m = r;
      if (m === i) return;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

/** Counts, at each sorted query time, how many intervals [from, to) contain it. */
function countAt(times: readonly number[], from: Float64Array, to: Float64Array): number[] {
  const starts = Float64Array.from(from).sort();
  const ends = Float64Array.from(to).sort();
  let s = 0;
  let e = 0;
  return times.map((t) => {
    while (s < starts.length && starts[s]! <= t) s++;
    while (e < ends.length && ends[e]! <= t) e++;
    return s - e;
  });
}

export function simulateQueue(p: QueueParams): QueueRun {
  const random = seeded(p.seed);
  const exp = (mean: number) => -Math.log(1 - random()) * mean;
  const service = p.serviceMs / 1000;
  const arrive: number[] = [];
  const begin: number[] = [];
  const end: number[] = [];
  const free = new FreeAt(p.threads);
  for (let t = exp(1 / p.arrivalRate); t < p.seconds; t += exp(1 / p.arrivalRate)) {
    const start = Math.max(t, free.peek());
    const done = start + exp(service);
    free.replaceTop(done);
    arrive.push(t);
    begin.push(start);
    end.push(done);
  }
  const n = arrive.length;
  const arrivals = Float64Array.from(arrive);
  const starts = Float64Array.from(begin);
  const ends = Float64Array.from(end);

  let waitSum = 0;
  let serviceSum = 0;
  const waits = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    waits[i] = starts[i]! - arrivals[i]!;
    waitSum += waits[i]!;
    serviceSum += ends[i]! - starts[i]!;
  }
  waits.sort();

  // L is measured the way a monitor would: look at the system many times and average what you see.
  const samples = Array.from({ length: 4000 }, (_, i) => ((i + 0.5) / 4000) * p.seconds);
  const inSystemSamples = countAt(samples, arrivals, ends);
  const count = p.frames ?? 240;
  const frameTimes = Array.from({ length: count }, (_, i) => ((i + 1) / count) * p.seconds);
  const busy = countAt(frameTimes, starts, ends);
  const waiting = countAt(frameTimes, arrivals, starts);
  const waitingAll = countAt(samples, arrivals, starts);

  return {
    requests: n,
    capacity: p.threads / service,
    utilisation: (p.arrivalRate * service) / p.threads,
    lambda: n / p.seconds,
    inSystem: inSystemSamples.reduce((a, b) => a + b, 0) / samples.length,
    meanResponse: n ? (waitSum + serviceSum) / n : 0,
    meanWait: n ? waitSum / n : 0,
    meanService: n ? serviceSum / n : 0,
    p99Wait: n ? waits[Math.min(n - 1, Math.floor(n * 0.99))]! : 0,
    waitingAtEnd: waiting.at(-1) ?? 0,
    maxWaiting: Math.max(0, ...waitingAll),
    frames: frameTimes.map((t, i) => ({ t, busy: busy[i] ?? 0, waiting: waiting[i] ?? 0 })),
  };
}
