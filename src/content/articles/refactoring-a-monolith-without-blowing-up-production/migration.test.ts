import { describe, expect, it } from 'vitest';
import { firstBreak, play, type Step } from './migration';
import { PLANS, STEPS, V1, V2, V3, V4 } from './migration-plans';

const planOf = (id: string) => {
  const plan = PLANS.find((p) => p.id === id);
  if (!plan) throw new Error(id);
  return plan.steps;
};
const { start, expand, dualWrite, backfill, enforce, switchReads, relax, stopWriting, contract } = STEPS;

describe('expand and contract', () => {
  it('breaks nothing at any step of the safe plan', () => {
    const states = play(planOf('expand-contract'));
    expect(firstBreak(states)).toBe(-1);
    for (const s of states) expect(s.issues).toEqual([]);
  });

  it('keeps every step compatible with the code of the step before, so each one can be rolled back', () => {
    for (const s of play(planOf('expand-contract'))) {
      expect(s.running).toContain(s.previous);
      expect(s.issues.filter((i) => i.version === s.previous.version)).toEqual([]);
    }
  });

  it('runs two versions side by side during each deploy and one otherwise', () => {
    for (const s of play(planOf('expand-contract'))) {
      expect(s.running.length).toBe(s.step.kind === 'deploy' ? 2 : 1);
    }
  });

  it('reaches the final schema: only amount_cents, NOT NULL, no trigger, v4 running', () => {
    const last = play(planOf('expand-contract')).at(-1);
    expect(last?.schema).toEqual({ amount: 'absent', amount_cents: 'not-null', trigger: false });
    expect(last?.running).toEqual([V4]);
  });

  it('has one point of no return, the contract step at the end', () => {
    const states = play(planOf('expand-contract'));
    const noReturn = states.filter((s) => !s.olderStillWorks).map((s) => s.step);
    expect(noReturn).toEqual([contract]);
  });

  it('flags an out-of-order plan that contracts before reads switch', () => {
    const states = play(planOf('contract-early'));
    const broken = firstBreak(states);
    expect(states[broken]?.step).toBe(contract);
    const kinds = states[broken]?.issues.map((i) => `${i.version}:${i.kind}`);
    expect(kinds).toContain('v2:read-missing');
    expect(kinds).toContain('v2:write-missing');
  });

  it('flags reads switched before the backfill as wrong totals, and passes once backfilled', () => {
    const states = play(planOf('reads-before-backfill'));
    const broken = firstBreak(states);
    expect(states[broken]?.step).toBe(switchReads);
    expect(states[broken]?.issues.map((i) => `${i.version}:${i.kind}`)).toEqual(['v3:read-incomplete']);
    expect(states.slice(broken + 1).every((s) => s.issues.length === 0)).toBe(true);
  });

  it('flags the in-place type change: the running code breaks and the table is locked for a rewrite', () => {
    const states = play(planOf('in-place'));
    expect(firstBreak(states)).toBe(1);
    const kinds = states[1]?.issues.map((i) => i.kind);
    expect(kinds).toContain('rewrite');
    expect(kinds).toContain('read-missing');
  });

  it('flags NOT NULL enforced while old code still inserts without the new column and no trigger fills it', () => {
    const noTrigger: Step = { ...expand, schema: { amount_cents: 'nullable' } };
    // Even right after a backfill: v1 kept inserting NULLs while it ran.
    const states = play([start, noTrigger, backfill, enforce]);
    expect(states[3]?.issues.map((i) => `${i.version}:${i.kind}`)).toEqual(['v1:insert-fails', 'null:constraint-fails']);
  });

  it('flags NOT NULL enforced before the backfill: the constraint cannot validate', () => {
    const states = play([start, expand, dualWrite, enforce]);
    expect(states[3]?.issues.map((i) => i.kind)).toEqual(['constraint-fails']);
  });

  it('treats rows written by code that skipped the column as a gap that only a backfill closes', () => {
    const noTrigger: Step = { ...expand, schema: { amount_cents: 'nullable' } };
    // v1 keeps inserting without amount_cents during and after the backfill: reads of cents are wrong.
    const early = play([start, noTrigger, backfill, dualWrite, switchReads]);
    expect(early.at(-1)?.issues.map((i) => i.kind)).toEqual(['read-incomplete']);
    const late = play([start, noTrigger, dualWrite, backfill, switchReads]);
    expect(firstBreak(late)).toBe(-1);
  });

  it('flags stopping writes to amount while it is still NOT NULL or the trigger still runs', () => {
    const states = play(planOf('stop-before-relax'));
    const broken = firstBreak(states);
    expect(states[broken]?.step).toBe(stopWriting);
    const kinds = states[broken]?.issues.map((i) => `${i.version}:${i.kind}`);
    expect(kinds).toContain('v4:insert-fails');
    expect(kinds).toContain('v4:trigger-nulls');
    // Relaxing afterwards repairs it: the rest of the plan is safe.
    expect(states.slice(broken + 1).every((s) => s.issues.length === 0)).toBe(true);
  });

  it('starts from the code running today and keeps the versions in order', () => {
    const states = play(planOf('expand-contract'));
    expect(states.map((s) => s.code)).toEqual([V1, V1, V2, V2, V2, V3, V3, V4, V4]);
    expect(() => play([relax])).toThrow();
  });
});
