import { describe, expect, it } from 'vitest';
import database from './profiles/database.folded?raw';
import external from './profiles/external-call.folded?raw';
import gc from './profiles/gc-allocation.folded?raw';
import { parseFolded } from './flame-graph';
import { HIERARCHY, shares, splitProfile, walk, type Split } from './suspects';

const split = (text: string) => splitProfile(parseFolded(text));

describe('the suspect hierarchy as a decision path', () => {
  it('splits every sample of a profile into exactly one slice', () => {
    for (const text of [database, external, gc]) {
      const p = parseFolded(text);
      expect(Object.values(splitProfile(p)).reduce((a, b) => a + b, 0)).toBe(p.total);
    }
  });

  it('convicts the database for the orders profile, at the first step', () => {
    const v = walk(split(database), 0.3);
    expect(v.culprit.slice).toBe('database');
    expect(v.steps[0]!.status).toBe('convicted');
    expect(v.steps.slice(1).every((s) => s.status === 'not reached')).toBe(true);
  });

  it('clears the database and convicts the external call for the cart profile', () => {
    const v = walk(split(external), 0.3);
    expect(v.steps.map((s) => s.status).slice(0, 3)).toEqual(['cleared', 'convicted', 'not reached']);
    expect(v.culprit.slice).toBe('external');
  });

  it('walks past database, external and queueing to GC for the export profile', () => {
    const v = walk(split(gc), 0.3);
    expect(v.culprit.slice).toBe('gc');
    expect(v.steps.filter((s) => s.status === 'cleared').map((s) => s.slice)).toEqual(['database', 'external', 'queue']);
  });

  it('stops at the first slice in hierarchy order that reaches the threshold, even if a later one is larger', () => {
    const s: Split = { database: 35, external: 0, queue: 0, gc: 5, ruby: 60 };
    expect(walk(s, 0.3).culprit.slice).toBe('database');
    expect(walk(s, 0.3).largest).toBe('ruby');
    expect(walk(s, 0.5).culprit.slice).toBe('ruby');
  });

  it('ends at the machine when no slice reaches the threshold', () => {
    const v = walk({ database: 25, external: 20, queue: 15, gc: 15, ruby: 25 }, 0.3);
    expect(v.culprit.slice).toBe('machine');
    expect(v.steps.slice(0, 5).every((s) => s.status === 'cleared')).toBe(true);
    expect(v.steps.at(-1)!.status).toBe('convicted');
  });

  it('has shares that sum to one and checks six suspects in a fixed order', () => {
    const s = shares(split(external));
    expect(Object.values(s).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(HIERARCHY.map((h) => h.slice)).toEqual(['database', 'external', 'queue', 'gc', 'ruby', 'machine']);
  });
});
