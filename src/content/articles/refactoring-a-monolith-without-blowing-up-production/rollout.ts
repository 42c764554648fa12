/**
 * A percentage rollout of /invoices to the new app, minute by minute, with an optional watchdog
 * that rolls the flag back to 0% when the new app's own error rate crosses a threshold. The whole
 * run is computed at once for a set of options; the figure only draws it.
 */
import { seeded } from '../../../lib/random';
import { bucket, BUCKETS, hasCreditNotes } from './routing';

/** What is wrong with the new app, if anything. */
export type Build = 'credit-notes' | 'overload' | 'healthy';

export const BUILDS: readonly { value: Build; label: string }[] = [
  { value: 'credit-notes', label: 'fails on credit notes' },
  { value: 'overload', label: 'fails under load' },
  { value: 'healthy', label: 'healthy' },
];

/** The rollout plan: the flag's percentage at each stage, one stage every `MINUTES_PER_STAGE`. */
export const STAGES = [1, 5, 25, 50, 100] as const;
export const MINUTES_PER_STAGE = 8;
export const MINUTES = STAGES.length * MINUTES_PER_STAGE;
export const REQUESTS_PER_MINUTE = 600;
/** Users behind those requests; each request comes from one of them at random. */
export const USERS = 20_000;
/** Both apps fail this share of requests for reasons that have nothing to do with the migration. */
export const BASELINE_ERROR_RATE = 0.002;
/** Requests per minute the new app's small first deployment can serve; the rest time out. */
export const NEW_APP_CAPACITY = 250;
/** The watchdog judges the last `WINDOW` minutes of the new app's traffic... */
export const WINDOW = 3;
/** ...and only once they hold this many requests: at 1% there are too few to tell a bug from bad luck. */
export const MIN_SAMPLE = 60;

/** The flag this rollout moves; the facade buckets users by it. */
const FLAG = '/invoices';

export interface RolloutOptions {
  build: Build;
  /** Whether the watchdog may roll the flag back. */
  rollback: boolean;
  /** Error rate of the new app (0–1) above which the watchdog rolls back. */
  threshold: number;
  seed: number;
}

/** Requests and errors on one side of the facade. */
export interface Tally {
  requests: number;
  errors: number;
}

export interface Minute {
  minute: number;
  /** The flag's percentage during this minute (0 after a rollback). */
  percent: number;
  legacy: Tally;
  newApp: Tally;
  /** The new app's error rate over the watchdog's window; null while the window is too thin or the new app idle. */
  windowRate: number | null;
}

export interface RollbackEvent {
  /** The watchdog fired at the end of this minute; the flag is 0% from the next one. */
  minute: number;
  /** The percentage it rolled back from. */
  percent: number;
  rate: number;
  sample: number;
}

export interface Rollout {
  minutes: Minute[];
  rollback: RollbackEvent | null;
  /** Distinct users who got an error from the new app: the blast radius in people. */
  usersHurt: number;
  /** Highest percentage the flag reached. */
  peakPercent: number;
}

/** The plan's percentage in a given minute, before any rollback. */
export function plannedPercent(minute: number): number {
  return STAGES[Math.min(STAGES.length - 1, Math.floor(minute / MINUTES_PER_STAGE))] ?? 0;
}

/** Error rate of a tally, 0 when it is empty. */
export function rate(t: Tally): number {
  return t.requests === 0 ? 0 : t.errors / t.requests;
}

/**
 * Whether one request to the new app fails. Credit notes: the same users fail every time.
 * Overload: the new app is fine until it gets more requests per minute than it can serve, then the
 * excess times out, so the bug hides at small percentages and appears at 50%.
 */
function newAppFails(build: Build, userId: number, newLoad: number, random: () => number): boolean {
  if (random() < BASELINE_ERROR_RATE) return true;
  if (build === 'credit-notes') return users().creditNotes[userId] === 1;
  if (build === 'overload' && newLoad > NEW_APP_CAPACITY) return random() < 1 - NEW_APP_CAPACITY / newLoad;
  return false;
}

/**
 * Each user's bucket for the flag and whether they have credit notes. Both are fixed per user, and
 * hashing them for each of the run's 24,000 requests was most of the cost of a rerun, which the
 * figure does on every change of a control: so they are hashed once, on first use.
 */
let table: { bucket: Uint16Array; creditNotes: Uint8Array } | null = null;
function users(): { bucket: Uint16Array; creditNotes: Uint8Array } {
  if (!table) {
    table = { bucket: new Uint16Array(USERS + 1), creditNotes: new Uint8Array(USERS + 1) };
    for (let id = 1; id <= USERS; id++) {
      table.bucket[id] = bucket(FLAG, id);
      table.creditNotes[id] = hasCreditNotes(id) ? 1 : 0;
    }
  }
  return table;
}

/** Runs the whole rollout for one set of options. Deterministic for a seed. */
export function simulateRollout(options: RolloutOptions): Rollout {
  const random = seeded(options.seed);
  const minutes: Minute[] = [];
  const hurt = new Set<number>();
  let rollback: RollbackEvent | null = null;
  let peakPercent = 0;

  for (let minute = 0; minute < MINUTES; minute++) {
    const percent: number = rollback ? 0 : plannedPercent(minute);
    peakPercent = Math.max(peakPercent, percent);
    const userIds = Array.from({ length: REQUESTS_PER_MINUTE }, () => 1 + Math.floor(random() * USERS));
    // The facade's rule (onNewApp), on the stored bucket.
    const routed = userIds.map((id) => ({ id, fresh: users().bucket[id]! < percent * (BUCKETS / 100) }));
    const newLoad = routed.filter((r) => r.fresh).length;
    const legacy: Tally = { requests: 0, errors: 0 };
    const newApp: Tally = { requests: 0, errors: 0 };
    for (const { id, fresh } of routed) {
      if (fresh) {
        newApp.requests++;
        if (newAppFails(options.build, id, newLoad, random)) {
          newApp.errors++;
          hurt.add(id);
        }
      } else {
        legacy.requests++;
        if (random() < BASELINE_ERROR_RATE) legacy.errors++;
      }
    }

    const window = [...minutes.slice(-(WINDOW - 1)).map((m) => m.newApp), newApp];
    const sample = window.reduce((s, t) => s + t.requests, 0);
    // Nothing to judge in a minute the new app served nothing (after a rollback, say).
    const judged = newApp.requests > 0 && sample >= MIN_SAMPLE;
    const windowRate = judged ? window.reduce((s, t) => s + t.errors, 0) / sample : null;
    minutes.push({ minute, percent, legacy, newApp, windowRate });

    if (options.rollback && !rollback && windowRate !== null && windowRate > options.threshold) {
      rollback = { minute, percent, rate: windowRate, sample };
    }
  }
  return { minutes, rollback, usersHurt: hurt.size, peakPercent };
}
