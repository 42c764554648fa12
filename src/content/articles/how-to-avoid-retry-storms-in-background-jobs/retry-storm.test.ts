import { describe, expect, it } from 'vitest';
import { seeded } from '../../../lib/random';
import { DEFAULTS, OPEN, HALF_OPEN, retryDelay, simulateStorm, STRATEGIES, type StormParams } from './retry-storm';

const storm = (over: Partial<StormParams>) => simulateStorm({ ...DEFAULTS, ...over });

/** Requests per second during the outage, when every call fails and only the retry schedule shapes the load. */
const outageLoad = (sent: Int32Array) => [...sent.subarray(0, DEFAULTS.outage)];
const idleShare = (load: number[]) => load.filter((x) => x === 0).length / load.length;

describe('retry delays', () => {
  it("follow Sidekiq's formula: count**4 + 15 plus up to 10 * (count + 1) - 1 seconds of jitter", () => {
    const random = seeded(1);
    for (let count = 0; count < 25; count++) {
      const seen = new Set<number>();
      for (let i = 0; i < 2_000; i++) seen.add(retryDelay('sidekiq', count, 0, random) - (count ** 4 + 15));
      expect(Math.min(...seen)).toBe(0);
      expect(Math.max(...seen)).toBe(10 * (count + 1) - 1);
    }
  });

  it('without jitter, every job that failed at the same retry waits exactly as long', () => {
    const random = seeded(2);
    for (const strategy of ['fixed', 'exponential'] as const) {
      for (let count = 0; count < 10; count++) {
        expect(new Set(Array.from({ length: 100 }, () => retryDelay(strategy, count, 5, random))).size).toBe(1);
      }
    }
  });
});

describe('a storm of 100,000 jobs', () => {
  it('without jitter, retries arrive in synchronised waves whose peak exceeds capacity', () => {
    for (const strategy of ['fixed', 'exponential'] as const) {
      const r = storm({ strategy });
      const load = outageLoad(r.sent);
      // Waves: the whole crowd comes back in bursts as fast as the workers can fire, with silence
      // between them: a third of the outage or more without a single call.
      expect(idleShare(load)).toBeGreaterThan(0.3);
      expect(Math.max(...load)).toBe(DEFAULTS.fleet);
      expect(r.peak).toBeGreaterThan(DEFAULTS.capacity);
    }
  });

  it('with full jitter the peak falls, and the outage load is spread over every second', () => {
    for (const seed of [1, 2, 3]) {
      const plain = storm({ strategy: 'exponential', seed });
      const jittered = storm({ strategy: 'full-jitter', seed });
      expect(jittered.peak).toBeLessThan(plain.peak / 3);
      expect(idleShare(outageLoad(jittered.sent))).toBe(0);
    }
  });

  it('the dead-letter queue parks exactly the jobs that failed all of their 1 + N attempts', () => {
    for (const retries of [0, 3, 8, 25]) {
      const r = storm({ strategy: 'fixed', retries, outage: 300, perJob: true });
      const { attempts, outcome } = r as Required<typeof r>;
      let parked = 0, parkedEarly = 0, overspent = 0;
      for (let j = 0; j < DEFAULTS.jobs; j++) {
        if (outcome[j] === 2) {
          parked++;
          if (attempts[j] !== retries + 1) parkedEarly++;
        }
        if (attempts[j]! > retries + 1) overspent++;
        // A job still waiting has an attempt left: it never holds N + 1 failures outside the DLQ.
        if (outcome[j] === 0 && attempts[j]! > retries) overspent++;
      }
      expect(parked).toBe(r.dead);
      expect(parkedEarly).toBe(0);
      expect(overspent).toBe(0);
      expect(r.done + r.dead + r.pending).toBe(DEFAULTS.jobs);
    }
  });

  it('with few retries and a long outage the DLQ takes jobs; with enough retries it takes none', () => {
    expect(storm({ strategy: 'fixed', retries: 3 }).dead).toBeGreaterThan(0);
    expect(storm({ strategy: 'sidekiq', retries: 25 }).dead).toBe(0);
  });

  it('the circuit breaker stops requests while open and lets only probes through when half-open', () => {
    for (const strategy of STRATEGIES.map((s) => s.value)) {
      const r = storm({ strategy, breaker: true });
      let openSeconds = 0;
      r.breaker.forEach((state, t) => {
        if (state === OPEN) {
          openSeconds++;
          expect(r.sent[t]).toBe(0);
        }
        if (state === HALF_OPEN) expect(r.sent[t]).toBeLessThanOrEqual(10);
      });
      expect(r.trips).toBeGreaterThan(0);
      expect(openSeconds).toBeGreaterThan(DEFAULTS.outage / 2);
    }
  });

  it('a breaker with a cap never sends more than the API serves after recovery, and wastes few calls', () => {
    const r = storm({ strategy: 'full-jitter', breaker: true, cap: 450 });
    expect(r.peak).toBeLessThanOrEqual(DEFAULTS.capacity);
    expect(r.secondsOver).toBe(0);
    expect(r.calls).toBeLessThan(DEFAULTS.jobs * 1.05);
    expect(r.dead).toBe(0);
  });

  it('every job ends done or parked, and no more calls succeed per second than the capacity', () => {
    for (const { value: strategy } of STRATEGIES) {
      const r = storm({ strategy, outage: 900 });
      expect(r.drainedAt).not.toBeNull();
      expect(r.done + r.dead).toBe(DEFAULTS.jobs);
      expect(Math.max(...r.served)).toBeLessThanOrEqual(DEFAULTS.capacity);
      expect(r.served.subarray(0, 900).every((x) => x === 0)).toBe(true);
    }
  });

  it('is seeded: the same parameters give the same storm', () => {
    const a = storm({ strategy: 'decorrelated', seed: 9 });
    const b = storm({ strategy: 'decorrelated', seed: 9 });
    expect(a.sent).toEqual(b.sent);
    expect(a.dead).toBe(b.dead);
  });

  it('simulates fast enough to redraw on every change', () => {
    storm({ strategy: 'full-jitter' });
    const start = performance.now();
    storm({ strategy: 'full-jitter' });
    // Generous for a loaded CI machine; in a browser it takes a few tens of milliseconds.
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});
