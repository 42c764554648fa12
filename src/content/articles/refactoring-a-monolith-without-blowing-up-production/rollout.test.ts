import { describe, expect, it } from 'vitest';
import { BASELINE_ERROR_RATE, MINUTES, MINUTES_PER_STAGE, rate, simulateRollout, STAGES, type Build, type Tally } from './rollout';

const run = (build: Build, rollback = true, threshold = 0.05, seed = 7) => simulateRollout({ build, rollback, threshold, seed });
const sum = (tallies: Tally[]): Tally => tallies.reduce((s, t) => ({ requests: s.requests + t.requests, errors: s.errors + t.errors }), { requests: 0, errors: 0 });
const stageOf = (percent: number) => STAGES.indexOf(percent as (typeof STAGES)[number]);

describe('rollout', () => {
  it('is deterministic for a seed', () => {
    expect(run('credit-notes')).toEqual(run('credit-notes'));
    expect(run('overload', false, 0.05, 1)).not.toEqual(run('overload', false, 0.05, 2));
  });

  it('follows the plan and reaches 100% with a healthy build, on every seed', () => {
    for (let seed = 1; seed <= 10; seed++) {
      const r = run('healthy', true, 0.03, seed);
      expect(r.rollback).toBeNull();
      expect(r.minutes.map((m) => m.percent)).toEqual(r.minutes.map((m) => STAGES[Math.floor(m.minute / MINUTES_PER_STAGE)]));
      expect(r.peakPercent).toBe(100);
    }
  });

  it('routes about the flagged share of requests to the new app', () => {
    for (const m of run('healthy').minutes) {
      const share = m.newApp.requests / (m.newApp.requests + m.legacy.requests);
      expect(Math.abs(share - m.percent / 100)).toBeLessThan(0.06);
    }
  });

  it("keeps legacy's error rate at its baseline whatever the new app does", () => {
    for (const build of ['credit-notes', 'overload', 'healthy'] as const) {
      const legacy = sum(run(build, false).minutes.map((m) => m.legacy));
      expect(rate(legacy)).toBeLessThan(BASELINE_ERROR_RATE * 2);
    }
  });

  it("lets the new app's errors reach users only in proportion to its share", () => {
    const minutes = run('credit-notes', false).minutes;
    const byStage = STAGES.map((p) => sum(minutes.filter((m) => m.percent === p).map((m) => ({ requests: m.newApp.requests + m.legacy.requests, errors: m.newApp.errors + m.legacy.errors }))));
    const overall = byStage.map(rate);
    // The new app fails about the same share of its own requests at every stage...
    const newRates = STAGES.slice(1).map((p) => rate(sum(minutes.filter((m) => m.percent === p).map((m) => m.newApp))));
    for (const r of newRates) expect(r).toBeGreaterThan(0.08);
    // ...but what all users see grows with the share routed to it.
    for (let i = 1; i < overall.length; i++) expect(overall[i]).toBeGreaterThan(overall[i - 1] ?? 0);
    expect(overall[0]).toBeLessThan(0.01);
  });

  it('rolls a broken build back to 0% and the errors stop', () => {
    const r = run('credit-notes');
    expect(r.rollback).not.toBeNull();
    const after = r.minutes.filter((m) => m.minute > (r.rollback?.minute ?? MINUTES));
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((m) => m.percent === 0 && m.newApp.requests === 0)).toBe(true);
    expect(rate(sum(after.map((m) => m.legacy)))).toBeLessThan(BASELINE_ERROR_RATE * 3);
    expect(r.rollback?.rate).toBeGreaterThan(0.05);
  });

  it('without the watchdog, a broken build rides the plan to 100%', () => {
    const r = run('credit-notes', false);
    expect(r.rollback).toBeNull();
    expect(r.peakPercent).toBe(100);
    expect(r.usersHurt).toBeGreaterThan(run('credit-notes').usersHurt * 5);
  });

  it('does not judge the new app at 1%: too few requests', () => {
    const r = run('credit-notes', true, 0.03);
    const firstStage = r.minutes.filter((m) => m.percent === 1);
    expect(firstStage.every((m) => m.windowRate === null)).toBe(true);
    expect(r.rollback?.percent).toBe(5);
  });

  it('catches a bug that only shows under load at the stage that brings the load', () => {
    const r = run('overload');
    const quiet = r.minutes.filter((m) => m.percent > 0 && m.percent <= 25);
    expect(rate(sum(quiet.map((m) => m.newApp)))).toBeLessThan(0.01);
    expect(r.rollback?.percent).toBe(50);
    expect(stageOf(r.peakPercent)).toBe(stageOf(50));
  });

  it('never rolls back when the threshold is above the build\'s error rate', () => {
    expect(run('credit-notes', true, 0.2).rollback).toBeNull();
  });
});
