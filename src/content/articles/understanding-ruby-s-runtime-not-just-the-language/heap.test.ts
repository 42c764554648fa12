import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRubySession, type RubySession } from '../../../labs/ruby/node-runner';
import { PAGE_SIZE, pagesPerCell, parseHeap, summarise, type Heap } from './heap';

/** The article's heap block, as the page runs it. */
const BLOCK = /```ruby run id=heap\n([\s\S]*?)```/.exec(readFileSync(new URL('./index.mdx', import.meta.url), 'utf8'))?.[1] ?? '';

let ruby: RubySession;
beforeAll(async () => {
  ruby = await createRubySession();
}, 30_000);
afterAll(() => ruby?.close());

/** Runs the article's block with its first line (what the program keeps) replaced, emptied before the GC if `clear`. */
function heapKeeping(keep: string, clear = false): Heap {
  const code = BLOCK.replace(/^keep = .*$/m, `keep = ${keep}${clear ? '\nkeep.clear' : ''}`);
  const result = ruby.run(code);
  expect(result.error).toBeUndefined();
  return parseHeap(result.stdout);
}

const fullest = (heap: Heap) => heap.pools.reduce((a, b) => ((b.live ?? 0) > (a.live ?? 0) ? b : a));

describe('the heap block, read', () => {
  it('finds five size pools whose slot sizes double from one to the next', () => {
    expect(BLOCK).toContain('GC.stat_heap');
    const { pools } = heapKeeping('nil');
    expect(pools).toHaveLength(5);
    pools.slice(1).forEach((p, i) => expect(p.slotSize).toBe(2 * pools[i]!.slotSize));
  });

  it('puts kept strings in the pool their length fits, and moves them up a pool when they grow', () => {
    const short = heapKeeping('Array.new(10_000) { |i| "order #{i}" * 3 }');
    const longer = heapKeeping('Array.new(10_000) { |i| "order #{i}" * 10 }');
    expect(fullest(longer).slotSize).toBe(2 * fullest(short).slotSize);
    expect(fullest(short).live).toBeGreaterThan(9_000);
  });

  it('adds up, after a full GC, to the live slots GC.stat reports for the whole heap', () => {
    const heap = heapKeeping('Array.new(5_000) { Object.new }');
    // The block prints the pools before it reads GC.stat; those strings are the only difference.
    expect(Math.abs(heap.pools.reduce((sum, p) => sum + (p.live ?? 0), 0) - heap.total['live']!)).toBeLessThan(100);
    expect(heap.pools.reduce((sum, p) => sum + p.pages, 0)).toBe(heap.total['pages']);
  });

  it('keeps the pages when the objects go: dropping what was kept empties slots, not pages', () => {
    const kept = heapKeeping('Array.new(20_000) { Object.new }');
    const dropped = heapKeeping('Array.new(20_000) { Object.new }', true);
    const smallest = (h: Heap) => h.pools[0]!;
    expect(smallest(dropped).live!).toBeLessThan(smallest(kept).live! - 15_000);
    expect(smallest(dropped).pages).toBeGreaterThan(0.5 * smallest(kept).pages);
  });
});

describe('the heap model', () => {
  const text = [
    'something else the reader printed',
    'heap 0: slot_size=20 pages=4 slots=13103 live=4774',
    'heap 1: slot_size=40 pages=2',
    'heap 2: slot_size=80 pages=12 slots=9827 live=99999',
    'total: pages=16 live=14000 free=9000',
  ].join('\n');

  it('ignores other output and incomplete pool lines', () => {
    const heap = parseHeap(text);
    expect(heap.pools.map((p) => p.index)).toEqual([0, 2]);
    expect(heap.total).toEqual({ pages: 16, live: 14000, free: 9000 });
    expect(parseHeap('=> nil').pools).toEqual([]);
  });

  it('splits every pool into live and free slots that add up, with occupancy between 0 and 1', () => {
    for (const pool of parseHeap(text).pools) {
      const s = summarise(pool);
      expect(s.occupancy!).toBeGreaterThanOrEqual(0);
      expect(s.occupancy!).toBeLessThanOrEqual(1);
      expect(s.free! + Math.min(pool.live!, pool.slots)).toBe(pool.slots);
      expect(s.bytes).toBe(pool.pages * PAGE_SIZE);
      expect(s.slotsPerPage).toBeLessThanOrEqual(PAGE_SIZE / pool.slotSize);
    }
  });

  it('groups pages into cells only when the largest pool would not fit', () => {
    const pools = parseHeap(text).pools;
    expect(pagesPerCell(pools, 40)).toBe(1);
    expect(pagesPerCell([{ ...pools[0]!, pages: 1000 }], 40) * 40).toBeGreaterThanOrEqual(1000);
  });
});
