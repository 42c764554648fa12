import { describe, expect, it } from 'vitest';
import { bucket, fnv1a32, hasCreditNotes, onNewApp, RELEASES, ROUTES, routeTraffic, type Route } from './routing';

const users = Array.from({ length: 10_000 }, (_, i) => i + 1);
const share = (flag: string, percent: number) => users.filter((id) => onNewApp(flag, id, percent));

const [broken, fixed] = RELEASES;
if (!broken || !fixed) throw new Error('two releases expected');
const shares = (invoices: number): Record<Route, number> => ({ '/products': 100, '/search': 50, '/invoices': invoices, '/checkout': 0 });

describe('bucketing', () => {
  it('puts a user in the same bucket every time', () => {
    for (const id of [1, 42, 9_999]) expect(bucket('/invoices', id)).toBe(bucket('/invoices', id));
  });

  it("agrees with the article's Ruby FNV-1a listing", () => {
    // The Ruby flag listing prints "user 42, /checkout bucket: 6014".
    expect(bucket('/checkout', 42)).toBe(6014);
  });

  it('sends about the flagged share of users to the new app', () => {
    for (const percent of [1, 10, 25, 50]) {
      expect(share('/invoices', percent).length / users.length).toBeCloseTo(percent / 100, 1);
    }
    expect(share('/invoices', 0)).toHaveLength(0);
    expect(share('/invoices', 100)).toHaveLength(users.length);
  });

  it('only adds users as the percentage grows: whoever is in at 10% is in at 20%', () => {
    const steps = [1, 5, 10, 20, 50, 100];
    for (let i = 1; i < steps.length; i++) {
      const before = share('/invoices', steps[i - 1] ?? 0);
      const after = new Set(share('/invoices', steps[i] ?? 0));
      expect(before.every((id) => after.has(id))).toBe(true);
    }
  });

  it('gives each route its own slice of users', () => {
    const overlap = (a: string, b: string, percent: number, hash?: (t: string) => number) => {
      const inA = (id: number) => bucket(a, id, hash) < percent * 100;
      const inB = (id: number) => bucket(b, id, hash) < percent * 100;
      return users.filter((id) => inA(id) && inB(id)).length / users.length;
    };
    // Independent 10% slices overlap on about 1% of users, not on 10% (the same users) or 0% (disjoint).
    for (const [a, b] of [['/invoices', '/checkout'], ['/products', '/search'], ['/search', '/invoices']] as const) {
      expect(overlap(a, b, 10)).toBeGreaterThan(0.007);
      expect(overlap(a, b, 10)).toBeLessThan(0.013);
    }
    // Plain FNV-1a, without the finalizer, makes these two slices nearly disjoint.
    expect(overlap('/invoices', '/checkout', 10, fnv1a32)).toBeLessThan(0.002);
  });
});

describe('the facade', () => {
  it('sends each route its own flagged share', () => {
    const traffic = routeTraffic(shares(10), broken, users);
    expect(traffic.map((t) => t.route)).toEqual([...ROUTES]);
    const byRoute = Object.fromEntries(traffic.map((t) => [t.route, t.onNew / users.length]));
    expect(byRoute['/products']).toBe(1);
    expect(byRoute['/search']).toBeCloseTo(0.5, 1);
    expect(byRoute['/invoices']).toBeCloseTo(0.1, 1);
    expect(byRoute['/checkout']).toBe(0);
  });

  it("shows the new app's errors only among the users routed to it", () => {
    for (const percent of [5, 25, 60]) {
      const invoices = routeTraffic(shares(percent), broken, users).find((t) => t.route === '/invoices');
      const errors = invoices?.requests.filter((r) => r.error) ?? [];
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((r) => r.app === 'new')).toBe(true);
    }
  });

  it('has no errors at 0% however broken the release, and none once it is fixed', () => {
    const errorsAt = (percent: number, release = broken) => routeTraffic(shares(percent), release, users).reduce((s, t) => s + t.errors, 0);
    expect(errorsAt(0)).toBe(0);
    expect(errorsAt(100, fixed)).toBe(0);
  });

  it('fails the same users each time: the ones with credit notes who landed on the new app', () => {
    const invoices = routeTraffic(shares(100), broken, users).find((t) => t.route === '/invoices');
    const failed = invoices?.requests.filter((r) => r.error).map((r) => r.userId) ?? [];
    expect(failed).toEqual(users.filter(hasCreditNotes));
    expect(failed.length / users.length).toBeCloseTo(0.12, 1);
  });
});
