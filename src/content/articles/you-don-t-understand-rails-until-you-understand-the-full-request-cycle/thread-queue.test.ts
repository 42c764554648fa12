import { describe, expect, it } from 'vitest';
import { simulateQueue } from './thread-queue';

const fleet = { threads: 48, serviceMs: 120, seed: 11 };

describe('requests queueing for Puma threads', () => {
  it("obeys Little's law: time-average requests in the system equal arrival rate × mean time in it", () => {
    for (const arrivalRate of [150, 300, 370]) {
      const run = simulateQueue({ ...fleet, arrivalRate, seconds: 600 });
      const littles = run.lambda * run.meanResponse;
      expect(Math.abs(run.inSystem - littles) / littles, `λ = ${arrivalRate}`).toBeLessThan(0.02);
    }
  });

  it('keeps the queue bounded below capacity: a run four times longer builds no longer queue', () => {
    const short = simulateQueue({ ...fleet, arrivalRate: 300, seconds: 500 });
    const long = simulateQueue({ ...fleet, arrivalRate: 300, seconds: 2_000 });
    expect(long.utilisation).toBeLessThan(1);
    expect(long.maxWaiting).toBeLessThan(3 * Math.max(10, short.maxWaiting));
    expect(long.meanWait).toBeLessThan(0.05);
  });

  it('grows the queue without bound when requests arrive faster than threads free up', () => {
    const arrivalRate = 440; // capacity is 48 / 0.12 s = 400 per second
    const a = simulateQueue({ ...fleet, arrivalRate, seconds: 200 });
    const b = simulateQueue({ ...fleet, arrivalRate, seconds: 400 });
    expect(a.utilisation).toBeGreaterThan(1);
    expect(b.waitingAtEnd).toBeGreaterThan(1.6 * a.waitingAtEnd);
    // The backlog grows at roughly the excess rate: 40 requests a second.
    expect(b.waitingAtEnd).toBeGreaterThan(0.7 * (arrivalRate - a.capacity) * 400);
  });

  it('splits the time in the system into waiting and being served, and serving averages the service time', () => {
    const run = simulateQueue({ ...fleet, arrivalRate: 380, seconds: 500 });
    expect(run.meanResponse).toBeCloseTo(run.meanWait + run.meanService, 9);
    expect(Math.abs(run.meanService - 0.12) / 0.12).toBeLessThan(0.03);
    expect(run.p99Wait).toBeGreaterThan(run.meanWait);
  });

  it('gives the same run for the same seed', () => {
    const p = { ...fleet, arrivalRate: 300, seconds: 60 };
    expect(simulateQueue(p)).toEqual(simulateQueue(p));
  });
});
