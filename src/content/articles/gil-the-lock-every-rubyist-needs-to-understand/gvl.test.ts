import { describe, expect, it } from 'vitest';
import { aloneMs, gvlCeiling, QUANTUM_MS, simulate, throughputCurve, WORKLOADS, type SimOptions } from './gvl';

const base = (over: Partial<SimOptions> = {}): SimOptions => ({
  threads: 4,
  workload: WORKLOADS.cpu,
  mode: 'gvl',
  cores: 4,
  quantumMs: QUANTUM_MS,
  horizonMs: 4000,
  ...over,
});

/** The most threads running Ruby at one instant. */
function maxConcurrent(segments: { state: string; start: number; end: number }[]): number {
  const edges = segments.filter((s) => s.state === 'running').flatMap((s) => [[s.start, 1] as const, [s.end, -1] as const]);
  edges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of edges) most = Math.max(most, (now += d));
  return most;
}

describe('the GVL model', () => {
  it('never lets two threads run Ruby at once under one lock, whatever the workload', () => {
    for (const workload of Object.values(WORKLOADS)) {
      for (const threads of [1, 2, 5, 8]) expect(maxConcurrent(simulate(base({ workload, threads })).segments)).toBeLessThanOrEqual(1);
    }
  });

  it('gives CPU-bound work no speed-up from threads under the lock', () => {
    const one = simulate(base({ threads: 1 })).throughput;
    for (const threads of [2, 4, 8]) expect(simulate(base({ threads })).throughput).toBeCloseTo(one, 0);
  });

  it('lets CPU-bound work scale with cores when each thread is its own Ractor', () => {
    const one = simulate(base({ threads: 1, mode: 'ractors' })).throughput;
    expect(simulate(base({ threads: 4, mode: 'ractors' })).throughput).toBeCloseTo(4 * one, 0);
    // More Ractors than cores cannot do better than the cores.
    expect(simulate(base({ threads: 8, mode: 'ractors' })).throughput).toBeCloseTo(4 * one, 0);
  });

  it('lets IO-bound work scale with threads until the lock is busy all the time', () => {
    const curve = throughputCurve({ ...base(), workload: WORKLOADS.io }, 16);
    const at = (n: number) => curve[n - 1]!.throughput;
    // 2 ms of Ruby and 18 ms of waiting: up to 10 threads, each one adds a thread's worth.
    expect(at(5) / at(1)).toBeGreaterThan(4.5);
    expect(at(10)).toBeGreaterThan(0.9 * gvlCeiling(WORKLOADS.io));
    // Past that, the lock is the bottleneck: the ceiling holds.
    expect(at(16)).toBeLessThanOrEqual(gvlCeiling(WORKLOADS.io) + 1e-6);
    expect(simulate(base({ workload: WORKLOADS.io, threads: 16 })).busy).toBeGreaterThan(0.99);
  });

  it('takes the lock away at the quantum only when someone is waiting', () => {
    const alone = simulate(base({ threads: 1, horizonMs: 1000 }));
    expect(alone.preemptions).toBe(0);
    expect(alone.segments.filter((s) => s.state === 'running')).toHaveLength(1);

    const two = simulate(base({ threads: 2, horizonMs: 1000 }));
    const runs = two.segments.filter((s) => s.state === 'running');
    for (const r of runs) expect(r.end - r.start).toBeLessThanOrEqual(QUANTUM_MS + 1e-6);
    // The two threads take turns, 100 ms each.
    expect(runs.map((r) => r.thread).slice(0, 4)).toEqual([0, 1, 0, 1]);
    expect(two.preemptions).toBeGreaterThanOrEqual(9);
  });

  it('releases the lock during IO: another thread runs while one waits', () => {
    const r = simulate(base({ threads: 2, workload: WORKLOADS.io, horizonMs: 200 }));
    const io0 = r.segments.find((s) => s.thread === 0 && s.state === 'io')!;
    const run1 = r.segments.find((s) => s.thread === 1 && s.state === 'running')!;
    expect(run1.start).toBeGreaterThanOrEqual(io0.start);
    expect(run1.start).toBeLessThan(io0.end);
  });

  it('takes a job alone exactly its work plus its wait', () => {
    for (const workload of Object.values(WORKLOADS)) expect(simulate(base({ workload, threads: 1 })).latencyMs).toBeCloseTo(aloneMs(workload), 6);
  });

  it('past the lock ceiling, adds latency with every thread and no throughput', () => {
    const at = (threads: number) => simulate(base({ workload: WORKLOADS.io, threads }));
    expect(at(16).throughput).toBeCloseTo(at(10).throughput, 0);
    expect(at(16).latencyMs).toBeGreaterThan(1.5 * at(10).latencyMs);
    // CPU-bound under one lock: four threads, four times the wait per job, same jobs per second.
    const cpu = (threads: number) => simulate(base({ threads }));
    expect(cpu(4).latencyMs / cpu(1).latencyMs).toBeCloseTo(4, 0);
  });

  it('agrees with Little’s law: each thread has one job in flight, so latency is threads over throughput', () => {
    for (const workload of Object.values(WORKLOADS)) {
      for (const threads of [1, 3, 8]) {
        const r = simulate(base({ workload, threads, horizonMs: 20_000 }));
        expect(r.latencyMs / ((threads * 1000) / r.throughput)).toBeCloseTo(1, 1);
      }
    }
  });

  it('accounts for every millisecond of every thread', () => {
    const r = simulate(base({ threads: 3, workload: WORKLOADS.mixed, horizonMs: 777 }));
    for (let i = 0; i < 3; i++) {
      const total = r.segments.filter((s) => s.thread === i).reduce((sum, s) => sum + (s.end - s.start), 0);
      expect(total).toBeCloseTo(777, 6);
    }
  });
});
