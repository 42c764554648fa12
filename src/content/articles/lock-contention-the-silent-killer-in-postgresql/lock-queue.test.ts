import { describe, expect, it } from 'vitest';
import { cancel, DEFAULT_OPTIONS, emptyLock, release, request, RETRY, simulate, type Kind, type Request } from './lock-queue';
import { KIND_MODE } from './lock-queue';

let nextId = 100;
const req = (kind: Kind, mode = KIND_MODE[kind]): Request => ({ id: nextId++, kind, mode, since: 0 });

describe('the queue rules', () => {
  it('grants compatible requests at once when nobody waits', () => {
    const lock = emptyLock();
    expect(request(lock, req('report'))).toBe(true);
    expect(request(lock, req('select'))).toBe(true);
    expect(request(lock, req('update'))).toBe(true);
    expect(lock.waiting).toHaveLength(0);
  });

  it('queues a SELECT behind a waiting ALTER TABLE, although the SELECT fits every granted lock', () => {
    const lock = emptyLock();
    request(lock, req('report'));
    expect(request(lock, req('alter'))).toBe(false);
    expect(request(lock, req('select'))).toBe(false);
    expect(request(lock, req('update'))).toBe(false);
    expect(lock.waiting.map((w) => w.kind)).toEqual(['alter', 'select', 'update']);
  });

  it('lets reads pass a waiting CREATE INDEX but not writes: only conflicts with a waiter hold a request back', () => {
    const lock = emptyLock();
    request(lock, req('update'));
    expect(request(lock, { ...req('alter'), mode: 'ShareLock' })).toBe(false); // CREATE INDEX waits for the UPDATE
    expect(request(lock, req('select'))).toBe(true);
    expect(request(lock, req('update'))).toBe(false);
  });

  it('serves the queue first come, first served: the ALTER first, then everyone behind it together', () => {
    const lock = emptyLock();
    const report = req('report');
    const alter = req('alter');
    request(lock, report);
    request(lock, alter);
    const behind = [req('select'), req('update'), req('select')];
    for (const r of behind) request(lock, r);
    expect(release(lock, report.id).map((r) => r.id)).toEqual([alter.id]);
    expect(release(lock, alter.id).map((r) => r.id)).toEqual(behind.map((r) => r.id));
    expect(lock.waiting).toHaveLength(0);
  });

  it('frees the queue behind a waiter that gives up', () => {
    const lock = emptyLock();
    request(lock, req('report'));
    const alter = req('alter');
    request(lock, alter);
    const select = req('select');
    request(lock, select);
    expect(cancel(lock, alter.id).map((r) => r.id)).toEqual([select.id]);
  });
});

describe('a long report, a migration and steady traffic', () => {
  const waiting = simulate(DEFAULT_OPTIONS);
  const retrying = simulate({ ...DEFAULT_OPTIONS, policy: RETRY });

  it('without the migration, application queries never wait', () => {
    const run = simulate({ ...DEFAULT_OPTIONS, alterAtMs: DEFAULT_OPTIONS.horizonMs + 1 });
    expect(run.queries).toBeGreaterThan(100);
    expect(run.peakWaiting).toBe(0);
  });

  it('with a migration that waits forever, every query queues until the report ends', () => {
    const { reportMs, alterAtMs, alterMs } = DEFAULT_OPTIONS;
    expect(waiting.attempts).toHaveLength(1);
    expect(waiting.attempts[0]).toMatchObject({ start: alterAtMs, end: reportMs, outcome: 'granted' });
    expect(waiting.alterDoneAt).toBe(reportMs + alterMs);
    // The queue grows for the whole wait: about the traffic of those seconds.
    const perSecond = DEFAULT_OPTIONS.queriesPerSecond;
    expect(waiting.peakWaiting).toBeGreaterThan(((reportMs - alterAtMs) / 1000) * perSecond * 0.6);
    expect(waiting.worstQueryWaitMs).toBeGreaterThan((reportMs - alterAtMs) * 0.9);
    // Growing all along: never shorter than a frame before.
    const during = waiting.frames.filter((f) => f.t > alterAtMs && f.t < reportMs).map((f) => f.waitingCount);
    for (let i = 1; i < during.length; i++) expect(during[i]).toBeGreaterThanOrEqual(during[i - 1]!);
    // And drains at once when the report ends.
    expect(waiting.frames.find((f) => f.t >= reportMs + 1000)?.waitingCount).toBe(0);
  });

  it('with lock_timeout and retries, no query waits much longer than the timeout, and the migration still lands', () => {
    const { lockTimeoutMs } = RETRY as Extract<typeof RETRY, { kind: 'retry' }>;
    expect(retrying.worstQueryWaitMs).toBeLessThanOrEqual(lockTimeoutMs + DEFAULT_OPTIONS.queryMs * 5);
    expect(retrying.peakWaiting).toBeLessThan(waiting.peakWaiting / 3);
    expect(retrying.attempts.length).toBeGreaterThan(1);
    expect(retrying.attempts.slice(0, -1).every((a) => a.outcome === 'timeout')).toBe(true);
    expect(retrying.attempts.at(-1)?.outcome).toBe('granted');
    expect(retrying.alterDoneAt).toBeGreaterThanOrEqual(DEFAULT_OPTIONS.reportMs);
  });

  it('backs off: the pauses between attempts grow', () => {
    const gaps = retrying.attempts.slice(1).map((a, i) => a.start - retrying.attempts[i]!.end!);
    expect(gaps.length).toBeGreaterThan(2);
    expect(gaps.at(-1)!).toBeGreaterThan(gaps[0]!);
  });

  it('gives the same run for the same seed, and different traffic for another', () => {
    expect(simulate(DEFAULT_OPTIONS)).toEqual(waiting);
    expect(simulate({ ...DEFAULT_OPTIONS, seed: 8 }).queries).not.toBe(waiting.queries);
  });
});
