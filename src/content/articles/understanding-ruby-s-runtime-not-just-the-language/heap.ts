/**
 * The Ruby heap as the heap block prints it: one line per size pool from `GC.stat_heap`
 * (`heap 2: slot_size=80 pages=24 slots=19651 live=19559`), plus an optional `total:` line from
 * `GC.stat`. Pure: a figure draws pools, pages and slots from it.
 */

/** HEAP_PAGE_SIZE in CRuby 3.4 (GC::INTERNAL_CONSTANTS); a block can print `page_size=` to override. */
export const PAGE_SIZE = 65_536;

export interface Pool {
  index: number;
  /** Bytes per slot: 20, 40, 80, 160, 320 on this 32-bit build; twice that on 64-bit Linux. */
  slotSize: number;
  pages: number;
  slots: number;
  /** Live objects in the pool: allocated minus freed; null when the block did not print it. */
  live: number | null;
}

export interface Heap {
  pools: Pool[];
  pageSize: number;
  /** The `total:` line's numbers (pages, live, free), when printed. */
  total: Record<string, number>;
}

const PAIRS = /(\w+)=([+-]?[\d_,]+)/g;

function pairs(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [, key = '', raw = ''] of text.matchAll(PAIRS)) {
    const n = Number(raw.replace(/[_,]/g, ''));
    if (Number.isFinite(n)) out[key] = n;
  }
  return out;
}

/** The pools a block printed, in pool order; lines that are not `heap N:` or `total:` are ignored. */
export function parseHeap(text: string): Heap {
  const pools = new Map<number, Pool>();
  let total: Record<string, number> = {};
  let pageSize = PAGE_SIZE;
  for (const line of text.split('\n')) {
    const all = pairs(line);
    if (all['page_size']) pageSize = all['page_size'];
    const pool = /^\s*heap\s+(\d+)\s*:/.exec(line);
    if (pool) {
      const { slot_size: slotSize, pages, slots, live } = all;
      if (!slotSize || pages === undefined || slots === undefined) continue;
      pools.set(Number(pool[1]), { index: Number(pool[1]), slotSize, pages, slots, live: live ?? null });
    } else if (/^\s*total\s*:/.test(line)) {
      total = all;
    }
  }
  return { pools: [...pools.values()].sort((a, b) => a.index - b.index), pageSize, total };
}

export interface PoolSummary {
  free: number | null;
  /** Live share of the pool's slots, 0 to 1; null without live counts or slots. */
  occupancy: number | null;
  slotsPerPage: number;
  bytes: number;
}

export function summarise(pool: Pool, pageSize = PAGE_SIZE): PoolSummary {
  const live = pool.live === null ? null : Math.min(Math.max(pool.live, 0), pool.slots);
  return {
    free: live === null ? null : pool.slots - live,
    occupancy: live === null || pool.slots === 0 ? null : live / pool.slots,
    // A page's header takes a few slots' worth, so this is slightly under pageSize / slotSize.
    slotsPerPage: pool.pages ? Math.round(pool.slots / pool.pages) : Math.floor(pageSize / pool.slotSize),
    bytes: pool.pages * pageSize,
  };
}

/** How many pages one drawn cell stands for, so that the largest pool fits in `maxCells`. */
export function pagesPerCell(pools: Pool[], maxCells: number): number {
  const most = Math.max(0, ...pools.map((p) => p.pages));
  return Math.max(1, Math.ceil(most / maxCells));
}
