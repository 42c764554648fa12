/**
 * One heap page as `pageinspect` reports it, for the heap-page figure. The input is a SQL block's
 * result items (JSON, see src/labs/postgres/result.ts): a `heap_page_items` result with at least
 * `lp` and `lp_flags`, and optionally `page_header`'s `lower` and `upper`. Every column is read by
 * name, so a reader who edits the block keeps whatever still makes sense.
 *
 * What the page says and what the figure needs to tell apart:
 * - a line pointer (lp) is one of four kinds, `lp_flags` 0–3: unused, normal (points at a tuple),
 *   redirect (points at another line pointer: the head of a HOT chain whose first version is gone),
 *   dead (the tuple is gone, but an index entry may still point here);
 * - a normal pointer's tuple is live, dead (deleted or replaced by a committed xmax) or never
 *   committed (its xmin aborted or is still running). `visible` (does the reader's snapshot see the
 *   tuple at this ctid) decides; without it the hint bits in `flags` are the fallback.
 */
import type { SqlItem } from '../../../labs/postgres/result';

export type PointerKind = 'unused' | 'normal' | 'redirect' | 'dead';
export type TupleState = 'live' | 'dead' | 'uncommitted';

const KINDS: readonly PointerKind[] = ['unused', 'normal', 'redirect', 'dead'];

export interface Tuple {
  xmin: string;
  /** "0" when no transaction has deleted, replaced or locked it. */
  xmax: string;
  /** Where the next version is ("(0,7)"), or its own address when there is none. */
  ctid: string;
  /** The row's id, when the block decodes it. */
  id?: string;
  state: TupleState;
  /** Infomask bits as pageinspect names them, without the HEAP_ prefix. */
  flags: string[];
  /** Updated in place on the page: the new version is a heap-only tuple on the same page. */
  hotUpdated: boolean;
  /** A heap-only tuple: no index entry points at it; it is reached through its chain. */
  heapOnly: boolean;
  /** Frozen: visible to every transaction, whatever its xmin says. */
  frozen: boolean;
}

export interface LinePointer {
  lp: number;
  kind: PointerKind;
  /** Byte offset of the tuple in the page; for a redirect, the line pointer it forwards to. */
  off: number;
  len: number;
  redirectTo?: number;
  tuple?: Tuple;
}

export interface HeapPage {
  pointers: LinePointer[];
  /** End of the line pointer array and start of the tuples: the free space lies between. */
  lower: number;
  upper: number;
  free: number;
  /** Whether lower and upper came from page_header (true) or were estimated from the items. */
  exactFree: boolean;
  /** Line pointers of each kind, and the tuples behind normal pointers by state. */
  pointerCount: Record<PointerKind, number>;
  tupleCount: Record<TupleState, number>;
}

export type Parsed = { page: HeapPage } | { error: string };

const PAGE_SIZE = 8192;
/** PageHeaderData is 24 bytes; each ItemIdData 4. */
const HEADER = 24;
const ITEM_ID = 4;

function rowsWith(items: SqlItem[], ...columns: string[]) {
  return items.filter((i): i is Extract<SqlItem, { kind: 'rows' }> => i.kind === 'rows' && columns.every((c) => i.columns.includes(c)));
}

/** "{HEAP_HASVARWIDTH,HEAP_XMIN_COMMITTED}" → ["HASVARWIDTH", "XMIN_COMMITTED"]. */
export function parseFlags(text: string | null | undefined): string[] {
  if (!text) return [];
  return text
    .replace(/^\{|\}$/g, '')
    .split(',')
    .map((f) => f.trim().replace(/^HEAP_/, ''))
    .filter(Boolean);
}

/** "(0,7)" → [0, 7]. */
export function parseTid(text: string): [number, number] | undefined {
  const m = /^\((\d+),(\d+)\)$/.exec(text.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

function tupleState(visible: string | null | undefined, xmax: string, flags: string[]): TupleState {
  if (visible === 't') return 'live';
  if (visible === 'f') return xmax !== '0' && !flags.includes('XMAX_INVALID') ? 'dead' : 'uncommitted';
  // No visibility column: fall back to the hint bits, which are set once someone has checked.
  const frozen = flags.includes('XMIN_COMMITTED') && flags.includes('XMIN_INVALID');
  if (!frozen && flags.includes('XMIN_INVALID')) return 'uncommitted';
  if (flags.includes('XMAX_COMMITTED') && !flags.includes('XMAX_LOCK_ONLY')) return 'dead';
  return 'live';
}

/** Reads the block's result items (as JSON text) into a page, or says why it cannot. */
export function parseHeapPage(json: string): Parsed {
  let items: SqlItem[];
  try {
    items = JSON.parse(json) as SqlItem[];
  } catch {
    return { error: 'The block’s output is not a result.' };
  }
  if (!Array.isArray(items)) return { error: 'The block’s output is not a result.' };
  const failed = items.find((i) => i.kind === 'error');
  if (failed && failed.kind === 'error') return { error: `The block failed: ${failed.message}` };
  const result = rowsWith(items, 'lp', 'lp_flags').at(-1);
  if (!result) return { error: 'The block’s output has no heap_page_items rows (columns lp and lp_flags).' };
  const col = (name: string) => result.columns.indexOf(name);
  const get = (row: (string | null)[], name: string) => (col(name) >= 0 ? row[col(name)] : undefined);

  const pointers: LinePointer[] = result.rows.map((row) => {
    const lp = Number(get(row, 'lp'));
    const kind = KINDS[Number(get(row, 'lp_flags'))] ?? 'unused';
    const off = Number(get(row, 'lp_off') ?? 0);
    const len = Number(get(row, 'lp_len') ?? 0);
    const p: LinePointer = { lp, kind, off, len };
    if (kind === 'redirect') p.redirectTo = off;
    const xmin = get(row, 't_xmin');
    if (kind === 'normal' && xmin != null) {
      const xmax = get(row, 't_xmax') ?? '0';
      const flags = parseFlags(get(row, 'flags') ?? get(row, 'raw_flags'));
      const combined = parseFlags(get(row, 'combined_flags'));
      const t: Tuple = {
        xmin,
        xmax,
        ctid: get(row, 't_ctid') ?? `(0,${lp})`,
        state: tupleState(get(row, 'visible'), xmax, flags),
        flags,
        hotUpdated: flags.includes('HOT_UPDATED'),
        heapOnly: flags.includes('ONLY_TUPLE'),
        frozen: combined.includes('XMIN_FROZEN') || (flags.includes('XMIN_COMMITTED') && flags.includes('XMIN_INVALID')),
      };
      const id = get(row, 'id');
      if (id != null) t.id = id;
      p.tuple = t;
    }
    return p;
  });

  const header = rowsWith(items, 'lower', 'upper').at(-1);
  const headerCol = (name: string) => {
    const v = header?.rows[0]?.[header.columns.indexOf(name)];
    return v == null ? NaN : Number(v);
  };
  const exactFree = Number.isFinite(headerCol('lower')) && Number.isFinite(headerCol('upper'));
  const stored = pointers.filter((p) => p.kind === 'normal' && p.len > 0).map((p) => p.off);
  const lower = exactFree ? headerCol('lower') : HEADER + ITEM_ID * pointers.length;
  const upper = exactFree ? headerCol('upper') : Math.min(PAGE_SIZE, ...stored);

  const pointerCount: HeapPage['pointerCount'] = { unused: 0, normal: 0, redirect: 0, dead: 0 };
  const tupleCount: HeapPage['tupleCount'] = { live: 0, dead: 0, uncommitted: 0 };
  for (const p of pointers) {
    pointerCount[p.kind]++;
    if (p.tuple) tupleCount[p.tuple.state]++;
  }
  return { page: { pointers, lower, upper, free: Math.max(0, upper - lower), exactFree, pointerCount, tupleCount } };
}

/** Dead tuples behind normal pointers (not yet pruned). */
export const deadTuples = (page: HeapPage) => page.pointers.filter((p) => p.tuple?.state === 'dead' || p.tuple?.state === 'uncommitted');

/** The physical order of the tuples: by offset, the way they sit in the page's bytes. */
export function tuplesByOffset(page: HeapPage): LinePointer[] {
  return page.pointers.filter((p) => p.tuple).sort((a, b) => a.off - b.off);
}

/** The sentence the figure prints for a selected line pointer. */
export function explain(page: HeapPage, lp: number): string {
  const p = page.pointers.find((q) => q.lp === lp);
  if (!p) return `There is no line pointer ${lp} on this page.`;
  switch (p.kind) {
    case 'unused':
      return `Line pointer ${lp} is unused: free for the next tuple stored on this page. No index entry points here any more.`;
    case 'dead':
      return `Line pointer ${lp} is dead: its tuple is gone and its bytes are free, but an index entry may still point at (0,${lp}), so the slot cannot be reused until VACUUM has cleaned the indexes.`;
    case 'redirect':
      return `Line pointer ${lp} is a redirect to line pointer ${p.redirectTo}: the first versions of a HOT chain are gone, and index entries that point at (0,${lp}) are forwarded to the chain's next member.`;
    case 'normal': {
      const t = p.tuple;
      if (!t) return `Line pointer ${lp} points at a tuple of ${p.len} bytes at offset ${p.off}.`;
      const where = parseTid(t.ctid);
      const next = where && where[1] !== lp ? ` Its newer version is at ${t.ctid}.` : '';
      const only = t.heapOnly ? ' It is a heap-only tuple: no index entry points at it; lookups reach it through its HOT chain.' : '';
      if (t.frozen) return `Line pointer ${lp}: a frozen tuple (${p.len} bytes at offset ${p.off}), visible to every transaction whatever its xmin ${t.xmin} says.${only}`;
      if (t.state === 'live') {
        const xmax = t.xmax === '0' ? 'xmax 0: nobody has deleted it' : `xmax ${t.xmax} did not commit a change, so it still stands`;
        return `Line pointer ${lp}: a live tuple (${p.len} bytes at offset ${p.off}), created by transaction ${t.xmin}; ${xmax}.${only}`;
      }
      if (t.state === 'dead') {
        return `Line pointer ${lp}: a dead tuple. Transaction ${t.xmax} ${t.hotUpdated || next ? 'replaced' : 'deleted'} it and committed, so no new snapshot sees it; it keeps its ${p.len} bytes until pruning or VACUUM removes it.${next}`;
      }
      return `Line pointer ${lp}: a tuple whose creating transaction ${t.xmin} never committed. Nobody sees it; it is garbage from the moment of the rollback.${only}`;
    }
  }
}
