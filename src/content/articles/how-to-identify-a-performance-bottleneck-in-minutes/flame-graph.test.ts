import { describe, expect, it } from 'vitest';
import database from './profiles/database.folded?raw';
import external from './profiles/external-call.folded?raw';
import gc from './profiles/gc-allocation.folded?raw';
import { ancestors, frameKind, functionCosts, isWithin, layout, navigate, parseFolded, search } from './flame-graph';

const profiles = { database: parseFolded(database), external: parseFolded(external), gc: parseFolded(gc) };
const all = Object.values(profiles);

describe('a flame graph from folded stacks', () => {
  it("has self times that sum to the profile's total, and every frame's total is its self plus its children's", () => {
    for (const p of all) {
      expect(p.nodes.reduce((sum, n) => sum + n.self, 0)).toBe(p.total);
      for (const n of p.nodes) expect(n.total).toBe(n.self + n.children.reduce((s, c) => s + p.nodes[c]!.total, 0));
    }
  });

  it('merges identical prefixes: one Puma root frame however many stacks start there', () => {
    for (const p of all) {
      expect(p.nodes.filter((n) => n.name === 'Puma::ThreadPool#spawn_thread')).toHaveLength(1);
    }
  });

  it('lays frames out with width proportional to total, children inside their parent', () => {
    const p = profiles.database;
    const rects = new Map(layout(p).map((r) => [r.id, r]));
    for (const n of p.nodes) {
      const r = rects.get(n.id)!;
      expect(r.x1 - r.x0).toBeCloseTo(n.total / p.total, 9);
      if (n.parent >= 0) {
        const parent = rects.get(n.parent)!;
        expect(r.x0).toBeGreaterThanOrEqual(parent.x0 - 1e-9);
        expect(r.x1).toBeLessThanOrEqual(parent.x1 + 1e-9);
      }
    }
  });

  it("zooms to a frame: it fills the width, its ancestors stay as full-width context, nothing else is drawn", () => {
    const p = profiles.database;
    const deep = p.nodes.find((n) => n.name === 'ActiveRecord::StatementCache#execute')!;
    const rects = layout(p, deep.id);
    const focus = rects.find((r) => r.id === deep.id)!;
    expect([focus.x0, focus.x1]).toEqual([0, 1]);
    const context = rects.filter((r) => r.context).map((r) => r.id);
    expect(context).toEqual(ancestors(p, deep.id));
    expect(rects.filter((r) => r.context).every((r) => r.x0 === 0 && r.x1 === 1)).toBe(true);
    for (const r of rects.filter((x) => !x.context)) expect(isWithin(p, r.id, deep.id)).toBe(true);
    expect(rects.length).toBe(ancestors(p, deep.id).length + p.nodes.filter((n) => isWithin(p, n.id, deep.id)).length);
  });

  it('finds frames by name and reports their share without counting nested matches twice', () => {
    const p = profiles.database;
    const ar = search(p, 'activerecord');
    expect(ar.matches.length).toBeGreaterThan(5);
    expect(ar.matches.every((id) => p.nodes[id]!.name.toLowerCase().includes('activerecord'))).toBe(true);
    const naive = ar.matches.reduce((s, id) => s + p.nodes[id]!.total, 0);
    expect(ar.samples).toBeLessThan(naive);
    expect(ar.share).toBeLessThanOrEqual(1);
    const puma = search(p, 'Puma::');
    expect(puma.share).toBeLessThan(1); // GC samples have no Puma frame on their stack
    expect(search(p, 'no such frame').share).toBe(0);
    expect(search(p, '   ').matches).toEqual([]);
  });

  it('tells the three endpoints apart: database, external call, GC at the widest top edge', () => {
    const top = (p: (typeof all)[number]) => functionCosts(p)[0]!.name;
    expect(top(profiles.database)).toBe('PG::Connection#exec_prepared');
    expect(top(profiles.external)).toBe('IO#wait_readable');
    expect(top(profiles.gc)).toBe('(marking)');
    expect(search(profiles.database, 'PG::').share).toBeGreaterThan(0.5);
    expect(search(profiles.external, 'Net::HTTP').share).toBeGreaterThan(0.5);
    expect(search(profiles.gc, '(garbage collection)').share).toBeGreaterThan(0.3);
  });

  it('merges a function across the places it appears, self adding up to the total', () => {
    for (const p of all) {
      const costs = functionCosts(p);
      expect(costs.reduce((s, c) => s + c.self, 0)).toBe(p.total);
      for (const c of costs) expect(c.self).toBeLessThanOrEqual(c.total);
    }
  });

  it('moves by keyboard to the widest callee, back to the caller and along the row, within what is drawn', () => {
    const p = profiles.external;
    const rects = layout(p);
    let at = 0;
    for (let i = 0; i < 40; i++) at = navigate(p, rects, at, 'callee');
    expect(p.nodes[at]!.name).toBe('IO#wait_readable');
    expect(p.nodes[at]!.children).toEqual([]);
    const up = navigate(p, rects, at, 'caller');
    expect(p.nodes[at]!.parent).toBe(up);
    const row = rects.filter((r) => r.depth === 1);
    expect(row.length).toBe(2); // Puma and the garbage collector
    const first = [...row].sort((a, b) => a.x0 - b.x0)[0]!.id;
    expect(navigate(p, rects, first, 'previous')).toBe(first);
    expect(navigate(p, rects, first, 'next')).not.toBe(first);
    // Zoomed, the caller of the zoomed frame is still reachable: it is drawn as context.
    const zoomed = layout(p, at);
    expect(navigate(p, zoomed, at, 'caller')).toBe(up);
    expect(navigate(p, zoomed, 0, 'callee')).toBe(p.nodes[0]!.children.find((c) => isWithin(p, at, c)));
  });

  it('sorts frames into kinds for the legend', () => {
    expect(frameKind('PG::Connection#exec_prepared')).toBe('database');
    expect(frameKind('IO#wait_readable')).toBe('network');
    expect(frameKind('(marking)')).toBe('gc');
    expect(frameKind('OrdersController#index')).toBe('app');
    expect(frameKind('Puma::Server#process_client')).toBe('framework');
  });
});
