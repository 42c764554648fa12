/**
 * PostgreSQL's eight table-level lock modes and which pairs conflict, as the documentation's
 * "Conflicting Lock Modes" table states it (and src/backend/storage/lmgr/lock.c encodes it). The
 * matrix figure and the lock-queue model both ask `conflicts`; the tests check the table against the
 * real engine, pair by pair.
 */

/** The modes from weakest to strongest, named as `pg_locks.mode` prints them. */
export const LOCK_MODES = [
  'AccessShareLock',
  'RowShareLock',
  'RowExclusiveLock',
  'ShareUpdateExclusiveLock',
  'ShareLock',
  'ShareRowExclusiveLock',
  'ExclusiveLock',
  'AccessExclusiveLock',
] as const;

export type LockMode = (typeof LOCK_MODES)[number];

/** The name `LOCK TABLE … IN <name> MODE` takes. */
export const MODE_SQL: Record<LockMode, string> = {
  AccessShareLock: 'ACCESS SHARE',
  RowShareLock: 'ROW SHARE',
  RowExclusiveLock: 'ROW EXCLUSIVE',
  ShareUpdateExclusiveLock: 'SHARE UPDATE EXCLUSIVE',
  ShareLock: 'SHARE',
  ShareRowExclusiveLock: 'SHARE ROW EXCLUSIVE',
  ExclusiveLock: 'EXCLUSIVE',
  AccessExclusiveLock: 'ACCESS EXCLUSIVE',
};

/** Row by row, the modes each mode conflicts with (the documented table, not derived from a rule). */
const CONFLICTS: Record<LockMode, readonly LockMode[]> = {
  AccessShareLock: ['AccessExclusiveLock'],
  RowShareLock: ['ExclusiveLock', 'AccessExclusiveLock'],
  RowExclusiveLock: ['ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ShareUpdateExclusiveLock: ['ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ShareLock: ['RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ShareRowExclusiveLock: ['RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  ExclusiveLock: ['RowShareLock', 'RowExclusiveLock', 'ShareUpdateExclusiveLock', 'ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock'],
  AccessExclusiveLock: LOCK_MODES,
};

/** True when a request for `requested` must wait while another transaction holds `held`. */
export function conflicts(held: LockMode, requested: LockMode): boolean {
  return CONFLICTS[held].includes(requested);
}

/** Everything a mode would wait for, in order of strength. */
export function conflictsWith(mode: LockMode): LockMode[] {
  return LOCK_MODES.filter((other) => conflicts(mode, other));
}

/** Statements readers meet, each with the table lock it takes on its target table. */
export interface Statement {
  id: string;
  /** The statements, in full, for sentences. */
  label: string;
  /** A few words for a select on a phone. */
  short: string;
  mode: LockMode;
}

export const STATEMENTS: readonly Statement[] = [
  { id: 'select', label: 'SELECT', short: 'SELECT', mode: 'AccessShareLock' },
  { id: 'for-update', label: 'SELECT … FOR UPDATE', short: 'SELECT … FOR UPDATE', mode: 'RowShareLock' },
  { id: 'update', label: 'INSERT / UPDATE / DELETE', short: 'INSERT / UPDATE / DELETE', mode: 'RowExclusiveLock' },
  { id: 'vacuum', label: 'VACUUM / ANALYZE / CREATE INDEX CONCURRENTLY', short: 'VACUUM, ANALYZE', mode: 'ShareUpdateExclusiveLock' },
  { id: 'create-index', label: 'CREATE INDEX', short: 'CREATE INDEX', mode: 'ShareLock' },
  { id: 'trigger', label: 'CREATE TRIGGER / ADD FOREIGN KEY', short: 'ADD FOREIGN KEY', mode: 'ShareRowExclusiveLock' },
  { id: 'refresh', label: 'REFRESH MATERIALIZED VIEW CONCURRENTLY', short: 'REFRESH … CONCURRENTLY', mode: 'ExclusiveLock' },
  { id: 'alter', label: 'ALTER TABLE / DROP / TRUNCATE / VACUUM FULL', short: 'ALTER TABLE, DROP', mode: 'AccessExclusiveLock' },
];

/** "ShareRowExclusiveLock" → "SHARE ROW EXCLUSIVE": the spelling prose and LOCK TABLE use. */
export const modeName = (mode: LockMode): string => MODE_SQL[mode];
