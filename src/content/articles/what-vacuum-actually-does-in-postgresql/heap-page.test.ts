/**
 * The heap-page model on real pages: the article's own SQL blocks run in order on PostgreSQL
 * (PGlite, as at build), and the model reads the article's inspection block at each stage.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgSession, type PgSession } from '../../../labs/postgres/node-runner';
import { explain, parseFlags, parseHeapPage, parseTid, tuplesByOffset, type HeapPage, type LinePointer } from './heap-page';

interface Block {
  id?: string;
  sql: string;
}

/** The article's runnable and setup blocks, in order. */
function articleBlocks(): Block[] {
  const mdx = readFileSync(new URL('./index.mdx', import.meta.url), 'utf8');
  return [...mdx.matchAll(/^```sql ([^\n]*)\n([\s\S]*?)^```$/gm)]
    .filter((m) => /\b(run|setup)\b/.test(m[1]!))
    .map((m) => {
      const id = /\bid=([a-z0-9-]+)/.exec(m[1]!)?.[1];
      return id ? { id, sql: m[2]! } : { sql: m[2]! };
    });
}

const blocks = articleBlocks();
const inspect = blocks.find((b) => b.id === 'page')!.sql;
let pg: PgSession;
let ran = 0;

/** Runs the article's blocks up to (and including) the one named, as a reader's Run does. */
async function runThrough(id: string, after = 0): Promise<void> {
  const upTo = blocks.findIndex((b) => b.id === id) + after;
  for (; ran <= upTo; ran++) {
    const result = await pg.run(blocks[ran]!.sql);
    expect(result.error, `block ${ran}`).toBeUndefined();
  }
}

async function page(): Promise<HeapPage> {
  const parsed = parseHeapPage(JSON.stringify((await pg.run(inspect)).items));
  if (!('page' in parsed)) throw new Error(parsed.error);
  return parsed.page;
}

const at = (p: HeapPage, lp: number): LinePointer => p.pointers.find((q) => q.lp === lp)!;
const byId = (p: HeapPage, id: string) => p.pointers.filter((q) => q.tuple?.id === id);

beforeAll(async () => {
  pg = await createPgSession(['pageinspect', 'pg_freespacemap']);
}, 60_000);
afterAll(() => pg.close());

describe('the page after a rollback, an update and a delete', () => {
  let p: HeapPage;
  beforeAll(async () => {
    await runThrough('page');
    p = await page();
  }, 60_000);

  it('keeps every version behind a normal pointer until someone cleans the page', () => {
    expect(p.pointers.every((q) => q.kind === 'normal')).toBe(true);
    expect(p.tupleCount).toEqual({ live: 4, dead: 2, uncommitted: 1 });
  });

  it('shows an update as a dead old version whose ctid points at a live heap-only new one', () => {
    const [old, fresh] = byId(p, '1');
    expect(old!.tuple).toMatchObject({ state: 'dead', hotUpdated: true });
    expect(parseTid(old!.tuple!.ctid)?.[1]).toBe(fresh!.lp);
    expect(fresh!.tuple).toMatchObject({ state: 'live', heapOnly: true, xmin: old!.tuple!.xmax });
  });

  it('shows a delete as a dead tuple that points at itself, and a rollback as a live row with an xmax', () => {
    const [deleted] = byId(p, '2');
    expect(deleted!.tuple).toMatchObject({ state: 'dead', hotUpdated: false, ctid: `(0,${deleted!.lp})` });
    const [kept, aborted] = byId(p, '3');
    expect(kept!.tuple!.state).toBe('live');
    expect(kept!.tuple!.xmax).not.toBe('0');
    expect(aborted!.tuple!.state).toBe('uncommitted');
    expect(explain(p, aborted!.lp)).toMatch(/never committed/);
  });

  it('stacks tuples from the end of the page, newest at the lowest offset, with the free space between', () => {
    const order = tuplesByOffset(p).map((q) => q.lp);
    expect(order).toEqual([...order].sort((a, b) => b - a));
    expect(p.exactFree).toBe(true);
    expect(p.lower).toBe(24 + 4 * p.pointers.length);
    expect(p.free).toBe(p.upper - p.lower);
  });
});

describe('the page after VACUUM without index cleanup', () => {
  let before: HeapPage;
  let p: HeapPage;
  beforeAll(async () => {
    before = await page();
    await runThrough('page-pruned');
    p = await page();
  }, 60_000);

  it('turns the head of a HOT chain into a redirect to the live version', () => {
    const live = byId(p, '1')[0]!;
    expect(at(p, 1)).toMatchObject({ kind: 'redirect', redirectTo: live.lp });
    expect(explain(p, 1)).toMatch(new RegExp(`redirect to line pointer ${live.lp}`));
  });

  it('leaves a dead pointer where an index entry still points, and frees a heap-only slot at once', () => {
    const deletedLp = byId(before, '2')[0]!.lp;
    const abortedLp = byId(before, '3')[1]!.lp;
    expect(at(p, deletedLp)).toMatchObject({ kind: 'dead', len: 0 });
    expect(at(p, abortedLp).kind).toBe('unused');
    expect(p.pointerCount).toEqual({ normal: 4, redirect: 1, dead: 1, unused: 1 });
  });

  it('removes every dead tuple and gives their bytes to the free space', () => {
    expect(p.tupleCount).toEqual({ live: 4, dead: 0, uncommitted: 0 });
    expect(p.free).toBeGreaterThan(before.free);
  });
});

describe('the page after a full VACUUM and an insert', () => {
  let p: HeapPage;
  beforeAll(async () => {
    // The block after the pruned page: VACUUM (VERBOSE), then an INSERT.
    await runThrough('page-pruned', 1);
    p = await page();
  }, 60_000);

  it('has no dead pointers left, and the new row took the slot the index no longer needed', () => {
    expect(p.pointerCount.dead).toBe(0);
    expect(byId(p, '6')[0]!.lp).toBe(2);
  });

  it('reads frozen tuples as frozen after VACUUM (FREEZE)', async () => {
    await pg.run('VACUUM (FREEZE) accounts;');
    const frozen = await page();
    expect(frozen.pointers.filter((q) => q.tuple).every((q) => q.tuple!.frozen && q.tuple!.state === 'live')).toBe(true);
  });
});

describe('reading what the reader ran', () => {
  it('says why when the block failed or lost its columns', () => {
    expect(parseHeapPage('[{"kind":"error","severity":"ERROR","message":"relation \\"x\\" does not exist"}]')).toEqual({
      error: 'The block failed: relation "x" does not exist',
    });
    expect('error' in parseHeapPage('[{"kind":"rows","columns":["a"],"rows":[],"tag":"SELECT 0"}]')).toBe(true);
    expect('error' in parseHeapPage('not json')).toBe(true);
  });

  it('estimates the free space when the page header is left out, and reads flags without the prefix', () => {
    const parsed = parseHeapPage(
      JSON.stringify([{ kind: 'rows', columns: ['lp', 'lp_flags', 'lp_off', 'lp_len'], rows: [['1', '1', '8152', '36']], tag: 'SELECT 1' }]),
    );
    expect('page' in parsed && parsed.page).toMatchObject({ exactFree: false, lower: 28, upper: 8152 });
    expect(parseFlags('{HEAP_XMIN_COMMITTED,HEAP_HOT_UPDATED}')).toEqual(['XMIN_COMMITTED', 'HOT_UPDATED']);
  });
});
