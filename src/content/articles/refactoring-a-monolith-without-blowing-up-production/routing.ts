/**
 * The strangler fig's facade: a percentage flag per route decides whether a user's request goes to
 * the legacy monolith or to the new app. Pure functions, no randomness: the same user gets the same
 * answer on every request, every server and every deploy, which is the whole point of bucketing.
 */

/** The routes the facade knows, in the order the figure draws them. */
export const ROUTES = ['/products', '/search', '/invoices', '/checkout'] as const;
export type Route = (typeof ROUTES)[number];

/** 10,000 buckets: a flag can be set in steps of 0.01%. */
export const BUCKETS = 10_000;

const utf8 = new TextEncoder();

/**
 * FNV-1a, 32-bit, over the UTF-8 bytes of `text`. Stable everywhere, unlike Ruby's `String#hash`,
 * which is seeded per process; but on its own it mixes the last bytes poorly (see `bucket`).
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of utf8.encode(text)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

/** MurmurHash3's 32-bit finalizer: every input bit flips about half the output bits. */
export function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** The hash the facade buckets with: FNV-1a, then the finalizer. Same as the article's Ruby listing. */
export function hash32(text: string): number {
  return fmix32(fnv1a32(text));
}

/**
 * The bucket of a user for one flag. Hashing the flag name with the user id gives each flag its own
 * slice of users; hashing the id alone would send the same users into every experiment. Without the
 * finalizer, FNV-1a of `/invoices:id` and `/checkout:id` lands in nearly disjoint slices: the slices
 * depend on each other, which is as wrong as being the same.
 */
export function bucket(flag: string, userId: number, hash: (text: string) => number = hash32): number {
  return hash(`${flag}:${userId}`) % BUCKETS;
}

/**
 * Whether the facade sends this user to the new app at `percent` (0–100). A fixed bucket compared
 * with a growing threshold is why a rollout only ever adds users: whoever is in at 10% is in at 20%.
 */
export function onNewApp(flag: string, userId: number, percent: number): boolean {
  return bucket(flag, userId) < percent * (BUCKETS / 100);
}

/**
 * Accounts with credit notes: about one user in eight. The legacy code handles them; the new
 * /invoices code in the buggy release does not. A property of the user, not of the request, so the
 * same people fail every time they land on the new app.
 */
export function hasCreditNotes(userId: number): boolean {
  return hash32(`credit-notes:${userId}`) % 100 < 12;
}

/** A release of the new app: which route it breaks, and for whom. */
export interface Release {
  id: string;
  label: string;
  /** The route whose new code fails, or null when the release is healthy. */
  broken: Route | null;
}

export const RELEASES: readonly Release[] = [
  { id: 'r41', label: 'release 41: credit-note bug', broken: '/invoices' },
  { id: 'r42', label: 'release 42: fixed', broken: null },
];

/** One user's request to one route, as the facade routed it. */
export interface RoutedRequest {
  userId: number;
  app: 'legacy' | 'new';
  creditNotes: boolean;
  error: boolean;
}

/** One route in the facade: its flag, and where each user's request went. */
export interface RouteTraffic {
  route: Route;
  percent: number;
  requests: RoutedRequest[];
  onNew: number;
  errors: number;
}

/**
 * One request per user per route, routed by each route's own flag. The legacy monolith serves
 * every user correctly (it has had years to learn about credit notes); the new app fails only where
 * the release is broken, so errors can only appear among the users the flag sent to it.
 */
export function routeTraffic(shares: Readonly<Record<Route, number>>, release: Release, users: readonly number[]): RouteTraffic[] {
  return ROUTES.map((route) => {
    const percent = shares[route];
    const requests = users.map((userId): RoutedRequest => {
      const app = onNewApp(route, userId, percent) ? 'new' : 'legacy';
      const creditNotes = hasCreditNotes(userId);
      const error = app === 'new' && release.broken === route && creditNotes;
      return { userId, app, creditNotes, error };
    });
    return {
      route,
      percent,
      requests,
      onNew: requests.filter((r) => r.app === 'new').length,
      errors: requests.filter((r) => r.error).length,
    };
  });
}
