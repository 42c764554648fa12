import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonError, parsePlan, PlanError, planText, quoteIdent, type ExplainResult, type PlanNode } from './plan';

const DIR = new URL('./fixtures/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, DIR), 'utf8');
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));
const plan = (name: string) => parsePlan(read(`${name}.json`));
const find = (r: ExplainResult, test: (n: PlanNode) => boolean) => {
  const n = r.nodes.find(test);
  if (!n) throw new Error('no such node');
  return n;
};

// Times change from run to run; so, in parallel plans, does how much each process sorted.
function mask(text: string, name: string): string {
  let out = text
    .replace(/time=[\d.]+\.\.[\d.]+/g, 'time=…')
    .replace(/time=[\d.]+/g, 'time=…')
    .replace(/(Planning|Execution) Time: [\d.]+ ms/g, '$1 Time: … ms');
  if (name.startsWith('parallel-')) out = out.replace(/Disk: \d+kB/g, 'Disk: …kB').replace(/temp read=\d+ written=\d+/g, 'temp read=… written=…');
  return out.trimEnd();
}

describe('every captured plan', () => {
  it('includes the five kinds the viewer must read, and parallel plans', () => {
    const types = new Set(FIXTURES.flatMap((f) => plan(f).nodes.map((n) => n.name)));
    for (const t of ['Nested Loop', 'Hash Join', 'Sort', 'Bitmap Heap Scan', 'HashAggregate', 'Gather', 'Gather Merge', 'Parallel Seq Scan']) {
      expect(types, t).toContain(t);
    }
    expect(read('sort-disk.txt')).toContain('Sort Method: external merge  Disk:');
  });

  for (const name of FIXTURES) {
    describe(name, () => {
      const r = plan(name);
      const raw = read(`${name}.json`);

      it('has a node for every "Node Type" in the JSON, in pre-order', () => {
        expect(r.nodes.length).toBe(raw.match(/"Node Type"/g)!.length);
        expect(r.nodes.map((n) => n.id)).toEqual(r.nodes.map((_, i) => i));
        expect(r.nodes[0]).toBe(r.root);
      });

      it('prints the text form PostgreSQL printed for the same query, times aside', () => {
        expect(mask(planText(r), name)).toBe(mask(read(`${name}.txt`), name));
      });

      if (r.timed) {
        it('gives exclusive times that add up to the root’s time, none negative', () => {
          const sum = r.nodes.reduce((a, n) => a + n.exclusiveTime!, 0);
          expect(sum).toBeCloseTo(r.root.inclusiveTime!, 6);
          expect(r.nodes.every((n) => n.exclusiveTime! >= 0)).toBe(true);
          const shares = r.nodes.reduce((a, n) => a + n.share!, 0);
          // Shares are of the Execution Time, which also counts executor start-up and shutdown.
          expect(shares).toBeCloseTo(r.root.inclusiveTime! / r.totalTime!, 9);
          expect(shares).toBeLessThanOrEqual(1);
        });
      }
    });
  }
});

describe('misestimates', () => {
  it('flags the scan the planner misjudged 20×, and the join above it, as more rows than estimated', () => {
    const r = plan('hash-join');
    const scan = find(r, (n) => n.name === 'Seq Scan' && n.relation === 'orders');
    expect(scan.misestimate).toMatchObject({ direction: 'under', flagged: true });
    expect(scan.misestimate!.factor).toBeGreaterThan(15);
    expect(find(r, (n) => n.name === 'Hash Join').misestimate!.flagged).toBe(true);
    // The customers side was estimated right.
    expect(find(r, (n) => n.relation === 'customers').misestimate!.flagged).toBe(false);
  });

  it('compares per loop, so an inner side run ten times for 25 rows each is not a 10× surprise', () => {
    const scan = find(plan('nested-loop'), (n) => n.name === 'Bitmap Heap Scan');
    expect(scan.loops).toBe(10);
    expect(scan.misestimate!.factor).toBeLessThan(2);
    expect(scan.misestimate!.flagged).toBe(false);
  });

  it('does not flag fewer rows than estimated when a Limit or an anti join stopped the node early', () => {
    const sort = find(plan('subplans'), (n) => n.name === 'Sort');
    expect(sort.misestimate).toMatchObject({ direction: 'over', flagged: false, stoppedEarly: 'Limit' });
    expect(sort.misestimate!.factor).toBeGreaterThan(10);
    const inner = find(plan('anti-join'), (n) => n.name === 'Index Only Scan');
    expect(inner.misestimate).toMatchObject({ direction: 'over', flagged: false, stoppedEarly: 'Anti Join' });
  });

  it('has nothing to compare for a node that never ran, or for a bitmap that counts no rows', () => {
    const r = plan('never-executed');
    const never = r.nodes.filter((n) => n.executed === false);
    expect(never.map((n) => n.name)).toEqual(['Bitmap Heap Scan', 'Bitmap Index Scan']);
    expect(never.every((n) => n.misestimate === null && n.inclusiveTime === 0)).toBe(true);
    expect(find(plan('bitmap-heap-scan'), (n) => n.name === 'BitmapOr').misestimate).toBeNull();
  });

  it('counts zero actual rows as one, so "expected 25, got none" reads as 25×', () => {
    const loop = plan('never-executed').root;
    expect(loop.actualRows).toBe(0);
    expect(loop.misestimate).toMatchObject({ factor: 25, direction: 'over', flagged: true });
  });
});

describe('times', () => {
  it('takes a sort that spilled to disk as most of the query', () => {
    const r = plan('sort-disk');
    expect(r.root.details).toContain(r.root.details.find((d) => d.startsWith('Sort Method: external merge  Disk:')));
    expect(r.root.buffers!.tempWritten).toBeGreaterThan(0);
    expect(r.root.exclusiveTime!).toBeGreaterThan(find(r, (n) => n.name === 'Seq Scan').exclusiveTime!);
  });

  it('charges a CTE’s work to the CTE’s own plan, not again to the scans that read it', () => {
    const r = plan('subplans');
    const cte = find(r, (n) => n.subplanName === 'CTE spend');
    const scans = r.nodes.filter((n) => n.name === 'CTE Scan');
    expect(scans).toHaveLength(2);
    expect(cte.exclusiveTime!).toBeGreaterThan(scans[0]!.exclusiveTime! + scans[1]!.exclusiveTime!);
    // The main scan's own time excludes the InitPlan its filter ran.
    const main = find(r, (n) => n.name === 'CTE Scan' && n.alias === 'spend');
    const init = find(r, (n) => n.subplanName === 'InitPlan 3');
    expect(main.exclusiveTime!).toBeLessThan(main.inclusiveTime! - init.inclusiveTime!);
  });

  it('counts a correlated SubPlan inside the node that ran it, times its loops', () => {
    const sub = find(plan('subplans'), (n) => n.subplanName === 'SubPlan 2');
    expect(sub.loops).toBe(5);
    expect(sub.inclusiveTime).toBeCloseTo((sub.raw['Actual Total Time'] as number) * 5, 9);
  });
});

describe('parallel plans (PostgreSQL 15)', () => {
  it('knows which nodes ran in the workers', () => {
    const r = plan('parallel-aggregate');
    expect(r.nodes.map((n) => [n.name, n.inParallel])).toEqual([
      ['Finalize Aggregate', false],
      ['Gather', false],
      ['Partial Aggregate', true],
      ['Parallel Seq Scan', true],
    ]);
    expect(find(r, (n) => n.name === 'Gather').details).toEqual(['Workers Planned: 2', 'Workers Launched: 2']);
  });

  it('takes per-process averages as the average process’s time, so no worker node outlasts its Gather', () => {
    for (const name of ['parallel-aggregate', 'parallel-sort', 'parallel-hash-join']) {
      const r = plan(name);
      const gather = find(r, (n) => n.nodeType.startsWith('Gather'));
      const below = r.nodes.filter((n) => n.inParallel);
      // Summed over the processes (time × loops), the first worker node would outlast the Gather.
      const first = below[0]!;
      expect((first.raw['Actual Total Time'] as number) * first.loops!, name).toBeGreaterThan(gather.inclusiveTime!);
      for (const n of below) expect(n.inclusiveTime!, `${name}: ${n.name}`).toBeLessThanOrEqual(gather.inclusiveTime!);
      expect(gather.exclusiveTime!, name).toBeGreaterThan(0);
    }
  });

  it('reads each worker’s own sort on its own line', () => {
    const sort = find(plan('parallel-sort'), (n) => n.name === 'Sort');
    expect(sort.details.filter((d) => /^Worker \d:  Sort Method: external merge/.test(d))).toHaveLength(2);
  });
});

describe('plans without ANALYZE, BUFFERS or timing', () => {
  it('reads plain EXPLAIN as estimates only', () => {
    const r = plan('plain-explain');
    expect(r.analyzed).toBe(false);
    expect(r.timed).toBe(false);
    expect(r.totalTime).toBeNull();
    expect(r.nodes.every((n) => n.actualRows === null && n.exclusiveTime === null && n.misestimate === null && n.buffers === null)).toBe(true);
    expect(r.root.estimatedRows).toBeGreaterThan(0);
  });

  it('reads ANALYZE without BUFFERS', () => {
    const r = plan('no-buffers');
    expect(r.hasBuffers).toBe(false);
    expect(r.timed).toBe(true);
    expect(r.nodes.every((n) => n.buffers === null)).toBe(true);
  });

  it('reads ANALYZE with TIMING OFF: rows but no times', () => {
    const json = JSON.parse(read('hash-join.json'), (key, v) => (key === 'Actual Startup Time' || key === 'Actual Total Time' ? undefined : v));
    const r = parsePlan(json);
    expect(r.analyzed).toBe(true);
    expect(r.timed).toBe(false);
    expect(r.nodes.every((n) => n.exclusiveTime === null && n.share === null)).toBe(true);
    expect(planText(r).split('\n')[0]).toMatch(/\(actual rows=2500\.00 loops=1\)$/);
  });
});

describe('reading what a reader pastes', () => {
  const raw = read('aggregate.json');
  const expected = plan('aggregate').nodes.map((n) => n.name);
  const names = (r: ExplainResult) => r.nodes.map((n) => n.name);

  it('takes the array, the object inside it, and the JSON text of either', () => {
    const value = JSON.parse(raw) as unknown[];
    expect(names(parsePlan(value))).toEqual(expected);
    expect(names(parsePlan(value[0]))).toEqual(expected);
    expect(names(parsePlan(JSON.stringify(value[0])))).toEqual(expected);
    expect(names(parsePlan((value[0] as { Plan: unknown }).Plan))).toEqual(expected);
  });

  it('takes rows as a client returns them ({ "QUERY PLAN": … })', () => {
    expect(names(parsePlan([{ 'QUERY PLAN': JSON.parse(raw) }]))).toEqual(expected);
    expect(names(parsePlan([{ 'QUERY PLAN': raw }]))).toEqual(expected);
  });

  it('takes psql’s table as it prints it, with the QUERY PLAN header and + marks', () => {
    const table = read('parallel-aggregate.psql.txt');
    expect(table).toMatch(/QUERY PLAN/);
    expect(table).toMatch(/\+\n/);
    expect(names(parsePlan(table))).toEqual(plan('parallel-aggregate').nodes.map((n) => n.name));
  });

  it('keeps PostgreSQL 18’s two-decimal rows and PostgreSQL 15’s whole rows', () => {
    expect(plan('aggregate').rowDecimals).toBe(2);
    expect(plan('parallel-aggregate').rowDecimals).toBe(0);
  });
});

describe('errors say what is wrong', () => {
  const message = (input: unknown) => {
    try {
      parsePlan(input);
    } catch (e) {
      expect(e).toBeInstanceOf(PlanError);
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  it('for text that is not JSON, with the line and column', () => {
    expect(message('[\n  {\n    "Plan": { "Node Type" "Sort" }\n  }\n]')).toBe(
      'This is not JSON: expected “:” after a key, found “"” at line 3, column 27.',
    );
    expect(message('[{"Plan": {"Node Type": "Sort"}}')).toMatch(/^This is not JSON: expected “,” or “]” after a value, found the end of the text at line 1, column 33\.$/);
  });

  it('for JSON without a plan', () => {
    expect(message('{"rows": 3}')).toBe('No "Plan" key: paste the output of EXPLAIN (FORMAT JSON).');
    expect(message([])).toMatch(/^The array is empty/);
    expect(message(42)).toMatch(/^Expected a JSON array or object, found a number/);
    expect(message('   ')).toMatch(/^There is nothing to read/);
    expect(message({ Plan: { 'Node Type': 'Sort', Plans: [{ Alias: 'x' }] } })).toMatch(/^A plan node under “Sort” has no "Node Type"/);
  });

  it('for the text, XML and YAML forms, naming the right option', () => {
    expect(message(read('hash-join.txt'))).toMatch(/^This is the text form of a plan.*FORMAT JSON/);
    expect(message('<explain xmlns="http://www.postgresql.org/2009/explain">')).toMatch(/FORMAT XML/);
    expect(message('- Plan:\n    Node Type: "Sort"')).toMatch(/FORMAT YAML/);
  });

  it('finds the first error in JSON the way a parser would', () => {
    expect(jsonError('{"a": [1, 2,, 3]}')).toEqual({ reason: 'unexpected “,”', line: 1, column: 13 });
    expect(jsonError('{"a": 1} x')).toMatchObject({ reason: 'unexpected “x” after the end of the JSON value', column: 10 });
  });
});

describe('names as the text form prints them', () => {
  it('quotes identifiers the way quote_identifier() does', () => {
    expect(quoteIdent('orders')).toBe('orders');
    expect(quoteIdent('Orders')).toBe('"Orders"');
    expect(quoteIdent('a<b')).toBe('"a<b"');
    expect(quoteIdent('user')).toBe('"user"');
    expect(quoteIdent('say "hi"')).toBe('"say ""hi"""');
  });

  it('builds join, aggregate and parallel names from the JSON’s parts', () => {
    const names = FIXTURES.flatMap((f) => plan(f).nodes.map((n) => n.name));
    for (const n of ['Nested Loop Anti Join', 'Finalize GroupAggregate', 'Partial HashAggregate', 'Parallel Hash Join', 'Parallel Hash', 'Insert']) {
      expect(names).toContain(n);
    }
    expect(find(plan('nested-loop'), (n) => n.name === 'Index Scan').target).toBe('using customers_pkey on customers c');
  });
});
