import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgSession, type PgSession } from '../../../labs/postgres/node-runner';
import { conflicts, conflictsWith, LOCK_MODES, MODE_SQL, STATEMENTS } from './lock-modes';

describe('the documented conflict table', () => {
  it('is symmetric: if A waits for B, B waits for A', () => {
    for (const a of LOCK_MODES) for (const b of LOCK_MODES) expect(conflicts(a, b)).toBe(conflicts(b, a));
  });

  it('lets plain reads meet only ACCESS EXCLUSIVE, which meets everything', () => {
    expect(conflictsWith('AccessShareLock')).toEqual(['AccessExclusiveLock']);
    expect(conflictsWith('AccessExclusiveLock')).toEqual([...LOCK_MODES]);
  });

  it('never makes writers wait for each other at table level, but CREATE INDEX stops them', () => {
    expect(conflicts('RowExclusiveLock', 'RowExclusiveLock')).toBe(false);
    expect(conflicts('ShareLock', 'RowExclusiveLock')).toBe(true);
    expect(conflicts('ShareLock', 'AccessShareLock')).toBe(false);
    // Two plain CREATE INDEX builds can run at once; two VACUUMs of one table cannot.
    expect(conflicts('ShareLock', 'ShareLock')).toBe(false);
    expect(conflicts('ShareUpdateExclusiveLock', 'ShareUpdateExclusiveLock')).toBe(true);
  });

  it('grows stronger down the list: each mode conflicts with at least what the one before it does', () => {
    for (let i = 1; i < LOCK_MODES.length; i++) {
      expect(conflictsWith(LOCK_MODES[i]!).length).toBeGreaterThanOrEqual(conflictsWith(LOCK_MODES[i - 1]!).length);
    }
  });

  it('names a statement for every mode', () => {
    expect(new Set(STATEMENTS.map((s) => s.mode))).toEqual(new Set(LOCK_MODES));
  });
});

describe('against PostgreSQL itself', () => {
  // One real PostgreSQL for the file. A second holder exists only as a prepared transaction.
  let pg: PgSession;
  beforeAll(async () => {
    pg = await createPgSession();
    const setup = await pg.run(`CREATE TABLE lockme (id int);
      CREATE FUNCTION can_lock(mode text) RETURNS boolean LANGUAGE plpgsql AS $$
      BEGIN
        BEGIN
          EXECUTE format('LOCK TABLE lockme IN %s MODE NOWAIT', mode);
          RAISE EXCEPTION 'undo';
        EXCEPTION
          WHEN lock_not_available THEN RETURN false;
          WHEN raise_exception THEN RETURN true;
        END;
      END $$;`);
    expect(setup.error).toBeUndefined();
  }, 60_000);
  afterAll(() => pg.close());

  it('answers every one of the 64 pairs the way the table says', async () => {
    for (const held of LOCK_MODES) {
      const hold = await pg.run(`BEGIN; LOCK TABLE lockme IN ${MODE_SQL[held]} MODE; PREPARE TRANSACTION 'holder';`);
      expect(hold.error).toBeUndefined();
      const list = LOCK_MODES.map((m) => `('${MODE_SQL[m]}')`).join(', ');
      const tried = await pg.run(`SELECT m, can_lock(m) FROM (VALUES ${list}) AS v(m);`);
      await pg.run(`ROLLBACK PREPARED 'holder';`);
      const rows = tried.items.find((i) => i.kind === 'rows');
      expect(rows?.kind).toBe('rows');
      const granted = rows?.kind === 'rows' ? rows.rows.map((r) => r[1] === 't') : [];
      expect(granted, `holding ${held}`).toEqual(LOCK_MODES.map((requested) => !conflicts(held, requested)));
    }
  }, 60_000);
});
