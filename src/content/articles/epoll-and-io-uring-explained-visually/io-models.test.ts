import { describe, expect, it } from 'vitest';
import { CONNECTION_STEPS, FD_SETSIZE, IO_MODELS, SHARE_STEPS, highestFd, roundCost, selectCanWatch, syscallsPerRequest } from './io-models';
import { buildRound, pickReadyCells } from './io-round';

describe('select and FD_SETSIZE', () => {
  it('refuses descriptors at or above 1,024 and takes every one below', () => {
    expect(FD_SETSIZE).toBe(1024);
    for (let fd = 0; fd < FD_SETSIZE; fd++) expect(selectCanWatch(fd)).toBe(true);
    for (const fd of [1024, 1025, 4096, 100_000]) expect(selectCanWatch(fd)).toBe(false);
  });

  it('runs a round while the highest client descriptor is 1,023 and refuses one past it', () => {
    const last = FD_SETSIZE - highestFd(1); // clients that still fit
    expect(highestFd(last)).toBe(1023);
    expect(roundCost('select', last, 0.1).refused).toBeUndefined();
    expect(roundCost('select', last + 1, 0.1).refused).toMatch(/1,024/);
    // poll has no bitmap, so no ceiling.
    expect(roundCost('poll', 100_000, 0.1).refused).toBeUndefined();
  });

  it('shows a refusing round as a single frame with no work done', () => {
    const round = buildRound('select', 3000, 0.1);
    expect(round.frames).toHaveLength(1);
    expect(round.frames[0]!.syscalls).toBe(0);
  });
});

describe('how the work grows', () => {
  it('select and poll examine every descriptor; epoll examines only the ready ones', () => {
    // Ten ready connections among 100 and among 1,000.
    const small = { n: 100, share: 0.1 };
    const large = { n: 1000, share: 0.01 };
    for (const model of ['select', 'poll'] as const) {
      const a = roundCost(model, small.n, small.share);
      const b = roundCost(model, large.n, large.share);
      expect(a.ready).toBe(b.ready);
      expect(b.examined).toBeGreaterThan(a.examined * 5); // grows with all descriptors
    }
    const a = roundCost('epoll', small.n, small.share);
    const b = roundCost('epoll', large.n, large.share);
    expect(b.examined).toBe(a.examined); // same ready count, same work
  });

  it("epoll's work follows the ready count at a fixed connection count, select's does not", () => {
    const quiet = roundCost('epoll', 1000, 0.01);
    const busy = roundCost('epoll', 1000, 0.5);
    expect(busy.examined).toBeGreaterThan(quiet.examined * 10);
    expect(roundCost('select', 1000, 0.5).examined).toBe(roundCost('select', 1000, 0.01).examined);
  });

  it('epoll never examines more than select or poll would', () => {
    for (const n of CONNECTION_STEPS) for (const s of SHARE_STEPS) {
      expect(roundCost('epoll', n, s).examined).toBeLessThanOrEqual(roundCost('poll', n, s).examined);
    }
  });
});

describe('io_uring batching', () => {
  it('needs fewer system calls per request than epoll, at every setting the figures offer', () => {
    for (const n of CONNECTION_STEPS) for (const s of SHARE_STEPS) {
      const uring = syscallsPerRequest(roundCost('io_uring', n, s));
      const epoll = syscallsPerRequest(roundCost('epoll', n, s));
      expect(uring).toBeLessThan(epoll);
    }
  });

  it('spends far less than one system call per request once a round has many requests', () => {
    expect(syscallsPerRequest(roundCost('io_uring', 100_000, 0.1))).toBeLessThan(0.01);
    expect(syscallsPerRequest(roundCost('epoll', 100_000, 0.1))).toBeGreaterThanOrEqual(2);
  });
});

describe('thread per connection', () => {
  it('needs more stack memory with every step up in connections', () => {
    const costs = CONNECTION_STEPS.map((n) => roundCost('threads', n, 0.1));
    for (let i = 1; i < costs.length; i++) {
      expect(costs[i]!.residentStackBytes).toBeGreaterThan(costs[i - 1]!.residentStackBytes);
      expect(costs[i]!.reservedStackBytes).toBeGreaterThan(costs[i - 1]!.reservedStackBytes);
    }
  });

  it('is the only model whose memory depends on connections', () => {
    for (const { value } of IO_MODELS.filter((m) => m.value !== 'threads')) {
      expect(roundCost(value, 10, 0.1).residentStackBytes).toBe(roundCost(value, 100_000, 0.1).residentStackBytes);
    }
  });
});

describe('round frames', () => {
  it('end with the totals of the round cost, for every model', () => {
    for (const { value } of IO_MODELS) {
      const round = buildRound(value, 1000, 0.1);
      const last = round.frames.at(-1)!;
      expect(last.syscalls).toBe(round.cost.syscalls);
      expect(last.examined).toBe(round.cost.examined);
    }
  });

  it('never count down as the round plays', () => {
    for (const { value } of IO_MODELS) {
      const { frames } = buildRound(value, 300, 0.25);
      for (let i = 1; i < frames.length; i++) {
        expect(frames[i]!.syscalls).toBeGreaterThanOrEqual(frames[i - 1]!.syscalls);
        expect(frames[i]!.examined).toBeGreaterThanOrEqual(frames[i - 1]!.examined);
      }
    }
  });

  it('draw the same share of ready cells as connections, at least one', () => {
    expect(pickReadyCells(32, 0.001)).toHaveLength(1);
    expect(pickReadyCells(32, 0.25)).toHaveLength(8);
    expect(pickReadyCells(32, 1)).toHaveLength(32);
    expect(pickReadyCells(32, 0.25)).toEqual(pickReadyCells(32, 0.25)); // seeded: same at build and in the browser
  });
});
