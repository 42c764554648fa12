import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, limits, peak, simulate, type ListenerSettings, type QueueName } from './listen-queues';

const run = (over: Partial<ListenerSettings>) => simulate({ ...DEFAULT_SETTINGS, ...over });

/** Settings that push every queue: overload, a flood, a small somaxconn, both cookie modes. */
const STRESS: Partial<ListenerSettings>[] = [
  { connectionsPerSecond: 3000 },
  { connectionsPerSecond: 100_000 },
  { connectionsPerSecond: 3000, floodPerSecond: 100_000 },
  { connectionsPerSecond: 3000, floodPerSecond: 100_000, syncookies: false },
  { connectionsPerSecond: 10_000, floodPerSecond: 1_000_000 },
  { connectionsPerSecond: 5000, somaxconn: 128 },
  { connectionsPerSecond: 5000, somaxconn: 128, syncookies: false, floodPerSecond: 10_000 },
  { connectionsPerSecond: 5000, backlog: 4096, somaxconn: 4096, syncookies: false, floodPerSecond: 100_000 },
];

describe('drops happen exactly when a queue is full', () => {
  it('every drop and every cookie happens at the queue’s capacity, never below it', () => {
    for (const over of STRESS) {
      const sim = run(over);
      expect(sim.overflows.length).toBeGreaterThan(0);
      for (const o of sim.overflows) expect(o.length, `${o.queue} ${o.action} at t=${o.t}`).toBe(sim.limits.capacity[o.queue]);
    }
  });

  it('no queue ever holds more than its capacity', () => {
    for (const over of STRESS) {
      const sim = run(over);
      for (const q of ['backlog', 'syn', 'accept'] as QueueName[]) expect(peak(sim.series[q])).toBeLessThanOrEqual(sim.limits.capacity[q]);
    }
  });

  it('drops nothing while load stays under what the softirq and the application can take', () => {
    const sim = run({ connectionsPerSecond: 1500 });
    expect(sim.overflows).toEqual([]);
    const c = sim.counters;
    expect(c.backlogDropped + c.listenDrops + c.listenOverflows + c.reqQFullDrop + c.syncookiesSent).toBe(0);
    expect(peak(sim.series.accept)).toBeLessThan(sim.limits.capacity.accept);
  });

  it('drops at the accept queue once the application falls behind, and only after it filled', () => {
    const sim = run({ connectionsPerSecond: 3000 });
    const firstDrop = sim.overflows.find((o) => o.queue === 'accept')!;
    expect(firstDrop).toBeDefined();
    const firstFull = sim.series.accept.findIndex((v) => v === sim.limits.capacity.accept);
    expect(firstFull).toBeGreaterThanOrEqual(0);
    expect(firstDrop.t).toBeGreaterThanOrEqual(firstFull);
    expect(sim.counters.listenOverflows).toBeGreaterThan(0);
  });

  it('drops at the per-CPU backlog only when packets outrun the softirq', () => {
    expect(run({ connectionsPerSecond: 3000 }).counters.backlogDropped).toBe(0);
    const flooded = run({ floodPerSecond: 1_000_000 });
    expect(flooded.counters.backlogDropped).toBeGreaterThan(0);
    expect(peak(flooded.series.backlog)).toBe(flooded.limits.capacity.backlog);
  });
});

describe('SYN cookies', () => {
  it('engage when the SYN queue is full and tcp_syncookies = 1', () => {
    const sim = run({ connectionsPerSecond: 1500, floodPerSecond: 100_000 });
    expect(sim.counters.syncookiesSent).toBeGreaterThan(0);
    const firstCookie = sim.overflows.find((o) => o.action === 'cookie')!;
    expect(firstCookie.length).toBe(sim.limits.capacity.syn);
    expect(sim.series.syn[firstCookie.t]).toBe(sim.limits.capacity.syn);
    // Real clients still get in: cookies keep the listener open under a flood.
    expect(sim.counters.accepted).toBeGreaterThan(1500 * 3);
    expect(sim.counters.reqQFullDrop).toBe(0);
  });

  it('are never sent while the SYN queue has room', () => {
    const sim = run({ connectionsPerSecond: 1500 });
    expect(peak(sim.series.syn)).toBeLessThan(sim.limits.capacity.syn);
    expect(sim.counters.syncookiesSent).toBe(0);
  });

  it('are never sent with tcp_syncookies = 0: the same flood drops SYNs instead', () => {
    const on = run({ connectionsPerSecond: 1500, floodPerSecond: 100_000 });
    const off = run({ connectionsPerSecond: 1500, floodPerSecond: 100_000, syncookies: false });
    expect(off.counters.syncookiesSent).toBe(0);
    expect(off.overflows.some((o) => o.action === 'cookie')).toBe(false);
    expect(off.counters.reqQFullDrop).toBeGreaterThan(0);
    expect(off.counters.accepted).toBeLessThan(on.counters.accepted / 2);
  });

  it('without cookies, tcp_max_syn_backlog stops the SYN queue at three quarters', () => {
    const sim = run({ backlog: 4096, somaxconn: 4096, maxSynBacklog: 2048, syncookies: false, floodPerSecond: 100_000 });
    expect(sim.limits.capacity.syn).toBe(2048 - 512 + 1);
    expect(peak(sim.series.syn)).toBe(sim.limits.capacity.syn);
    expect(sim.counters.synBacklogDrop).toBeGreaterThan(0);
  });
});

describe('the accept queue', () => {
  it('never holds more than min(backlog, somaxconn) + 1, and reaches it under overload', () => {
    for (const [backlog, somaxconn] of [
      [1024, 4096],
      [1024, 128],
      [4, 4096],
      [4096, 4096],
    ] as const) {
      const sim = run({ backlog, somaxconn, connectionsPerSecond: 8000 });
      const limit = Math.min(backlog, somaxconn);
      expect(sim.limits.maxAckBacklog).toBe(limit);
      expect(peak(sim.series.accept)).toBe(limit + 1); // Linux's "full" is length > limit
    }
  });

  it('somaxconn silently caps a bigger backlog', () => {
    expect(limits({ ...DEFAULT_SETTINGS, backlog: 100_000, somaxconn: 4096 }).maxAckBacklog).toBe(4096);
  });
});

describe('the simulation', () => {
  it('is reproducible from its seed', () => {
    const a = run({ connectionsPerSecond: 5000, floodPerSecond: 10_000 });
    const b = run({ connectionsPerSecond: 5000, floodPerSecond: 10_000 });
    expect(a.counters).toEqual(b.counters);
  });

  it('turns dropped SYNs into retries a second later', () => {
    const sim = run({ connectionsPerSecond: 5000 });
    expect(sim.counters.clientRetries).toBeGreaterThan(0);
  });
});
