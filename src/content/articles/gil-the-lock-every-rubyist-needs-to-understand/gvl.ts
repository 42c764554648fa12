/**
 * A model of CRuby's Global VM Lock, for the GVL timeline figure. Threads repeat one job: a burst of
 * Ruby work (needs the lock), then a wait on IO (releases it). One lock per Ractor: in `gvl` mode
 * every thread shares one, so at most one runs Ruby at a time; in `ractors` mode each thread is its
 * own Ractor and only the machine's cores limit how many run at once.
 *
 * The rules are CRuby's: a thread keeps the lock until it blocks on IO or has held it for the time
 * quantum (100 ms) while another thread is waiting, and then goes to the back of the queue; a
 * waiting thread gets the lock in the order it asked. The engine cannot show this (ruby.wasm has no
 * Thread.new), so the figure runs this model instead, and the tests pin its behaviour.
 */

export type Mode = 'gvl' | 'ractors';
export type State = 'running' | 'waiting' | 'io';

export interface Workload {
  /** Ruby work per job, holding the lock. */
  cpuMs: number;
  /** Waiting per job (database, HTTP), lock released. */
  ioMs: number;
}

export interface SimOptions {
  threads: number;
  workload: Workload;
  mode: Mode;
  /** Cores the machine has: the limit in `ractors` mode. */
  cores: number;
  /** How long a thread may hold the lock while others wait (CRuby: 100 ms). */
  quantumMs: number;
  horizonMs: number;
}

export interface Segment {
  thread: number;
  state: State;
  start: number;
  end: number;
}

export interface SimResult {
  segments: Segment[];
  jobsDone: number;
  /** Jobs finished per second of simulated time. */
  throughput: number;
  /** Share of the time some thread was running Ruby (in `gvl` mode: the lock was held). */
  busy: number;
  /** How often a thread was made to give the lock up at the quantum. */
  preemptions: number;
  /**
   * Mean time from a job's start to its end, over the jobs finished in the window: the work itself
   * plus every wait for the lock. What a request's latency is made of in a threaded server.
   */
  latencyMs: number;
}

export const QUANTUM_MS = 100;

export const WORKLOADS = {
  cpu: { cpuMs: 20, ioMs: 0 },
  io: { cpuMs: 2, ioMs: 18 },
  mixed: { cpuMs: 8, ioMs: 12 },
} as const satisfies Record<string, Workload>;

interface Thread {
  state: State;
  cpuLeft: number;
  ioLeft: number;
  slice: number;
  /** When the job in hand started: its latency is measured from here. */
  jobStart: number;
}

const EPS = 1e-9;

export function simulate(o: SimOptions): SimResult {
  const capacity = o.mode === 'gvl' ? 1 : o.cores;
  const threads: Thread[] = Array.from({ length: o.threads }, () => ({ state: 'waiting', cpuLeft: o.workload.cpuMs, ioLeft: 0, slice: 0, jobStart: 0 }));
  const queue: number[] = threads.map((_, i) => i);
  const open: (Segment | undefined)[] = [];
  const segments: Segment[] = [];
  let t = 0;
  let jobsDone = 0;
  let busyMs = 0;
  let preemptions = 0;
  let latencySum = 0;
  const finish = (th: Thread) => {
    jobsDone++;
    latencySum += t - th.jobStart;
    th.jobStart = t;
    th.cpuLeft = o.workload.cpuMs;
  };

  const mark = (i: number, state: State) => {
    const current = open[i];
    if (current?.state === state) return;
    if (current) {
      current.end = t;
      if (current.end > current.start) segments.push(current);
    }
    open[i] = { thread: i, state, start: t, end: t };
  };
  const set = (i: number, state: State) => {
    threads[i]!.state = state;
    mark(i, state);
  };
  const running = () => threads.flatMap((th, i) => (th.state === 'running' ? [i] : []));
  const fill = () => {
    while (running().length < capacity && queue.length) {
      const i = queue.shift()!;
      threads[i]!.slice = 0;
      set(i, 'running');
    }
  };

  threads.forEach((_, i) => mark(i, 'waiting'));
  fill();
  while (t < o.horizonMs - EPS) {
    let dt = o.horizonMs - t;
    for (const th of threads) {
      if (th.state === 'running') dt = Math.min(dt, th.cpuLeft, queue.length ? o.quantumMs - th.slice : Infinity);
      if (th.state === 'io') dt = Math.min(dt, th.ioLeft);
    }
    dt = Math.max(dt, 0);
    const nowRunning = running().length;
    if (nowRunning) busyMs += dt;
    for (const th of threads) {
      if (th.state === 'running') {
        th.cpuLeft -= dt;
        th.slice += dt;
      } else if (th.state === 'io') th.ioLeft -= dt;
    }
    t += dt;
    // IO finished: the job is done; the next one starts with Ruby work, so the thread asks for the lock.
    threads.forEach((th, i) => {
      if (th.state === 'io' && th.ioLeft <= EPS) {
        finish(th);
        queue.push(i);
        set(i, 'waiting');
      }
    });
    threads.forEach((th, i) => {
      if (th.state !== 'running') return;
      if (th.cpuLeft <= EPS) {
        if (o.workload.ioMs > 0) {
          th.ioLeft = o.workload.ioMs;
          set(i, 'io');
          return;
        }
        finish(th);
      }
      if (th.slice >= o.quantumMs - EPS) {
        if (queue.length) {
          preemptions++;
          queue.push(i);
          set(i, 'waiting');
        } else th.slice = 0;
      }
    });
    fill();
  }
  open.forEach((s) => {
    if (s && t > s.start) segments.push({ ...s, end: t });
  });
  segments.sort((a, b) => a.start - b.start || a.thread - b.thread);
  return {
    segments,
    jobsDone,
    throughput: (jobsDone * 1000) / o.horizonMs,
    busy: busyMs / o.horizonMs,
    preemptions,
    latencyMs: jobsDone ? latencySum / jobsDone : 0,
  };
}

/** Throughput for 1…maxThreads threads, for the "as threads grow" chart. */
export function throughputCurve(base: Omit<SimOptions, 'threads'>, maxThreads: number): { threads: number; throughput: number }[] {
  return Array.from({ length: maxThreads }, (_, k) => ({ threads: k + 1, throughput: simulate({ ...base, threads: k + 1 }).throughput }));
}

/** The ceiling the lock puts on throughput: with one lock, Ruby work is done one job at a time. */
export function gvlCeiling(w: Workload): number {
  return 1000 / w.cpuMs;
}

/** How long one job takes with nobody else around: its Ruby work plus its wait. */
export function aloneMs(w: Workload): number {
  return w.cpuMs + w.ioMs;
}
