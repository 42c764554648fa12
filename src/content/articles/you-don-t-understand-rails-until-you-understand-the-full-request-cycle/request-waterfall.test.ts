import { describe, expect, it } from 'vitest';
import { SCENARIOS, byKind, completedLine, queryCount, total, waterfall, type ScenarioName } from './request-waterfall';

const names = Object.keys(SCENARIOS) as ScenarioName[];

describe('the waterfall of one request', () => {
  it('has segments that follow each other without gaps and sum to the total', () => {
    for (const name of names) {
      for (const rows of [10, 20, 137, 500]) {
        const segments = waterfall(SCENARIOS[name], rows);
        const sum = segments.reduce((a, s) => a + s.ms, 0);
        expect(sum).toBeCloseTo(total(segments), 9);
        segments.slice(1).forEach((s, i) => expect(s.start).toBeCloseTo(segments[i]!.start + segments[i]!.ms, 9));
        expect(Object.values(byKind(segments)).reduce((a, b) => a + b, 0)).toBeCloseTo(total(segments), 9);
      }
    }
  });

  it('on a quiet server spends more in the view than in SQL, and nothing waiting', () => {
    const k = byKind(waterfall(SCENARIOS.quiet, 20));
    expect(k.view).toBeGreaterThan(k.sql);
    expect(k.queue).toBe(0);
  });

  it('on a saturated server is dominated by the wait for a thread, which the app itself never sees', () => {
    const segments = waterfall(SCENARIOS.saturated, 20);
    const k = byKind(segments);
    expect(k.queue).toBeGreaterThan(total(segments) / 2);
    expect(total(segments) - k.queue).toBeCloseTo(total(waterfall(SCENARIOS.quiet, 20)), 9);
  });

  it('with an N+1 grows SQL with every row, and the extra queries run inside rendering', () => {
    const few = byKind(waterfall(SCENARIOS.nPlusOne, 20)).sql;
    const many = byKind(waterfall(SCENARIOS.nPlusOne, 200)).sql;
    expect(many).toBeGreaterThan(few * 5);
    expect(queryCount(SCENARIOS.nPlusOne, 200)).toBe(202);
    const labels = waterfall(SCENARIOS.nPlusOne, 20).map((s) => s.kind);
    expect(labels.indexOf('view')).toBeLessThan(labels.lastIndexOf('sql'));
  });

  it('pauses for GC more often as the page allocates more', () => {
    expect(byKind(waterfall(SCENARIOS.quiet, 500)).gc).toBeGreaterThan(byKind(waterfall(SCENARIOS.quiet, 20)).gc);
  });

  it("reports less in the log's Completed line than the request took, and the gap is the time outside the controller", () => {
    for (const name of names) {
      const segments = waterfall(SCENARIOS[name], 50);
      const line = completedLine(segments, SCENARIOS[name], 50);
      const outside = segments.filter((s) => ['queue', 'puma', 'middleware'].includes(s.kind) || s.label === 'Routing');
      expect(line.totalMs).toBeLessThan(total(segments));
      expect(line.totalMs + outside.reduce((a, s) => a + s.ms, 0)).toBeCloseTo(total(segments), 9);
    }
  });
});
