/**
 * A flame graph from a profile in folded-stack form (`frame;frame;frame count`, one line per distinct
 * stack, as stackprof, rbspy and Brendan Gregg's scripts write it). Identical prefixes merge into one
 * tree; a frame's total is every sample with it on the stack, its self is the samples where it was on
 * top. The layout is d3-hierarchy's partition: width is total, and left to right means nothing.
 */
import { hierarchy, partition } from 'd3-hierarchy';

export interface FlameNode {
  id: number;
  name: string;
  /** Samples with this frame anywhere on the stack below the top. */
  total: number;
  /** Samples with this frame on top of the stack. */
  self: number;
  depth: number;
  /** -1 for the root. */
  parent: number;
  children: number[];
}

export interface Profile {
  /** `nodes[0]` is the root, a synthetic frame holding every sample. */
  nodes: FlameNode[];
  total: number;
}

/** Parses folded stacks into a tree. Lines that are blank or lack a count are ignored. */
export function parseFolded(text: string, rootName = 'all samples'): Profile {
  const nodes: FlameNode[] = [{ id: 0, name: rootName, total: 0, self: 0, depth: 0, parent: -1, children: [] }];
  const childByName = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^(.*\S)\s+(\d+)\s*$/.exec(line);
    if (!match) continue;
    const count = Number(match[2]);
    let at = 0;
    nodes[0]!.total += count;
    for (const name of match[1]!.split(';')) {
      const key = `${at}\u0000${name}`;
      let id = childByName.get(key);
      if (id === undefined) {
        id = nodes.length;
        nodes.push({ id, name, total: 0, self: 0, depth: nodes[at]!.depth + 1, parent: at, children: [] });
        nodes[at]!.children.push(id);
        childByName.set(key, id);
      }
      nodes[id]!.total += count;
      at = id;
    }
    nodes[at]!.self += count;
  }
  return { nodes, total: nodes[0]!.total };
}

/** The frames from the root down to the parent of `id`. */
export function ancestors(p: Profile, id: number): number[] {
  const out: number[] = [];
  for (let at = p.nodes[id]?.parent ?? -1; at >= 0; at = p.nodes[at]!.parent) out.unshift(at);
  return out;
}

export function isWithin(p: Profile, id: number, of: number): boolean {
  for (let at = id; at >= 0; at = p.nodes[at]!.parent) if (at === of) return true;
  return false;
}

export interface Rect {
  id: number;
  depth: number;
  /** Left and right edge, as fractions of the graph's width. */
  x0: number;
  x1: number;
  /** An ancestor of the zoomed frame: drawn full width for context, not to scale. */
  context: boolean;
}

/**
 * The rectangles to draw when `focus` is zoomed: its ancestors span the full width, and its subtree
 * is stretched so that the focused frame fills it. Frames outside the subtree are not drawn.
 */
export function layout(p: Profile, focus = 0): Rect[] {
  const root = hierarchy(p.nodes[0]!, (n) => n.children.map((id) => p.nodes[id]!))
    .sum((n) => n.self)
    // Alphabetical, as flame graphs sort: the order says nothing about time.
    .sort((a, b) => a.data.name.localeCompare(b.data.name));
  const laid = partition<FlameNode>().size([1, 1])(root);
  const f = laid.descendants().find((d) => d.data.id === focus) ?? laid;
  const span = f.x1 - f.x0 || 1;
  const rects: Rect[] = ancestors(p, f.data.id).map((id) => ({ id, depth: p.nodes[id]!.depth, x0: 0, x1: 1, context: true }));
  for (const d of f.descendants()) {
    rects.push({ id: d.data.id, depth: d.data.depth, x0: (d.x0 - f.x0) / span, x1: (d.x1 - f.x0) / span, context: false });
  }
  return rects;
}

export interface SearchResult {
  /** Every frame whose name contains the query. */
  matches: number[];
  /** Samples with at least one matching frame on the stack, each counted once. */
  samples: number;
  /** `samples` as a fraction of the profile. */
  share: number;
}

/** Case-insensitive substring search over frame names; nested matches are not counted twice. */
export function search(p: Profile, query: string): SearchResult {
  const q = query.trim().toLowerCase();
  if (!q) return { matches: [], samples: 0, share: 0 };
  const matches = p.nodes.filter((n) => n.id > 0 && n.name.toLowerCase().includes(q)).map((n) => n.id);
  const matched = new Set(matches);
  const samples = matches
    .filter((id) => !ancestors(p, id).some((a) => matched.has(a)))
    .reduce((sum, id) => sum + p.nodes[id]!.total, 0);
  return { matches, samples, share: p.total ? samples / p.total : 0 };
}

export interface FunctionCost {
  name: string;
  self: number;
  total: number;
}

/**
 * Self and total per function, merged across every place it appears: the table next to a flame
 * graph. A function that calls itself is counted once in its total.
 */
export function functionCosts(p: Profile): FunctionCost[] {
  const byName = new Map<string, FunctionCost>();
  for (const n of p.nodes.slice(1)) {
    const cost = byName.get(n.name) ?? { name: n.name, self: 0, total: 0 };
    cost.self += n.self;
    if (!ancestors(p, n.id).some((a) => p.nodes[a]!.name === n.name)) cost.total += n.total;
    byName.set(n.name, cost);
  }
  return [...byName.values()].sort((a, b) => b.self - a.self || b.total - a.total);
}

export type Direction = 'callee' | 'caller' | 'previous' | 'next';

/**
 * Keyboard movement among the drawn frames: to the widest callee (up, since callers sit below), to
 * the caller (down), or to the neighbouring frame on the same row. Returns `from` when there is
 * nowhere to go.
 */
export function navigate(p: Profile, rects: readonly Rect[], from: number, direction: Direction): number {
  const here = rects.find((r) => r.id === from);
  if (!here) return rects[0]?.id ?? 0;
  if (direction === 'caller') return rects.some((r) => r.id === p.nodes[from]!.parent) ? p.nodes[from]!.parent : from;
  if (direction === 'callee') {
    const drawn = new Set(rects.map((r) => r.id));
    const children = p.nodes[from]!.children.filter((c) => drawn.has(c));
    return children.reduce((best, c) => (p.nodes[c]!.total > p.nodes[best]!.total ? c : best), children[0] ?? from);
  }
  const row = rects.filter((r) => r.depth === here.depth).sort((a, b) => a.x0 - b.x0);
  const i = row.findIndex((r) => r.id === from) + (direction === 'next' ? 1 : -1);
  return row[i]?.id ?? from;
}

/** What kind of code a frame is, for colour and the legend. */
export type FrameKind = 'root' | 'framework' | 'app' | 'database' | 'network' | 'gc';

export function frameKind(name: string): FrameKind {
  if (name === 'all samples') return 'root';
  if (name.startsWith('(')) return 'gc';
  if (/^(PG::|ActiveRecord::|ActiveModel::)/.test(name)) return 'database';
  if (/^(Net::|OpenSSL::|IO#|Socket\.|JSON::Ext::Parser)/.test(name)) return 'network';
  if (/^(\w+Controller#|PricingClient|ReportRow|ActionView::Base#_app_)/.test(name)) return 'app';
  return 'framework';
}
