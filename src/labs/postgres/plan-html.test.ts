import { readdirSync, readFileSync } from 'node:fs';
import { fromHtml } from 'hast-util-from-html';
import { select, selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';
import { describe, expect, it } from 'vitest';
import { parsePlan, planText } from './plan';
import { formatFactor, formatMs, formatShare, planHtml } from './plan-html';

const DIR = new URL('./fixtures/', import.meta.url);
const read = (file: string) => readFileSync(new URL(file, DIR), 'utf8');
const FIXTURES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));
const render = (name: string, id?: string) => {
  const result = parsePlan(read(`${name}.json`));
  const html = planHtml(result, id ? { id } : {});
  return { result, html, tree: fromHtml(html, { fragment: true }) };
};
const text = (node: Parameters<typeof toString>[0] | undefined) => (node ? toString(node).replace(/\s+/g, ' ').trim() : '');

describe('the plan as a tree', () => {
  for (const name of FIXTURES) {
    it(`${name}: one list item per node, nested as the plan is`, () => {
      const { result, tree } = render(name);
      const items = selectAll('li.plan-node', tree);
      expect(items).toHaveLength(result.nodes.length);
      // Depth in the HTML is depth in the plan.
      const depth = (li: (typeof items)[number]) => selectAll('li.plan-node', tree).filter((o) => o !== li && selectAll('li.plan-node', o).includes(li)).length;
      expect(items.map(depth)).toEqual(result.nodes.map((n) => n.depth));
      // Nodes with children collapse with them (open at first); leaves have nothing to collapse.
      result.nodes.forEach((n, i) => {
        const details = select(':scope > details', items[i]!);
        if (n.children.length) expect(details?.properties['open'], n.name).toBe(true);
        else expect(details, n.name).toBeUndefined();
      });
    });
  }

  it('shows each node’s type, target, rows, loops, time and buffers in words', () => {
    const { tree } = render('nested-loop');
    const scan = selectAll('li.plan-node', tree).find((li) => text(select('.plan-head', li)) === 'Bitmap Heap Scan on orders o')!;
    const card = text(select('.plan-card', scan));
    expect(card).toMatch(/rows est 25 actual 25 × 10 loops/);
    expect(card).toMatch(/time \d+\.\d+ ms self, \d+\.\d% of total/);
    expect(card).toMatch(/buffers shared hit 270 · read 0/);
    expect(card).toMatch(/Recheck Cond: \(c\.id = customer_id\)/);
  });

  it('draws each node’s share of the time as a bar labelled in words beside it', () => {
    const { result, tree } = render('hash-join');
    const fills = selectAll('.plan-bar-fill', tree);
    expect(fills).toHaveLength(result.nodes.length);
    fills.forEach((fill, i) => expect(fill.properties['style']).toBe(`width:${(result.nodes[i]!.share! * 100).toFixed(1)}%`));
    for (const bar of selectAll('.plan-bar', tree)) expect(bar.properties['ariaHidden']).toBe('true');
    expect(text(select('.plan-time', tree))).toMatch(/ms self, \d+\.\d% of total$/);
  });
});

describe('misestimates', () => {
  it('flags a 10× misestimate with words, not colour alone', () => {
    const { tree } = render('hash-join');
    const flagged = selectAll('li.plan-node[data-flagged]', tree);
    expect(flagged.map((li) => text(select('.plan-name', li)))).toEqual(['Hash Join', 'Seq Scan']);
    for (const li of flagged) expect(text(select('.plan-flag', li))).toMatch(/^▲ \d+× more rows than estimated$/);
    expect(text(select('.plan-summary', tree))).toContain('2 misestimates of 10× or more');
  });

  it('says when fewer rows than estimated came because a Limit stopped the node, without flagging it', () => {
    const { tree } = render('subplans');
    const sort = selectAll('li.plan-node', tree).find((li) => text(select('.plan-name', li)) === 'Sort')!;
    expect(sort.properties['dataFlagged']).toBeUndefined();
    expect(text(select('.plan-factor', sort))).toMatch(/^off by \d+×, stopped early by Limit$/);
  });

  it('marks a node that never ran instead of comparing rows', () => {
    const { tree } = render('never-executed');
    expect(selectAll('.plan-never', tree).map(text)).toEqual(['never executed', 'never executed']);
  });
});

describe('the text form', () => {
  for (const name of FIXTURES) {
    it(`${name}: sits behind a closed toggle that needs no script, and is planText exactly`, () => {
      const { result, tree } = render(name);
      const toggle = select('details.plan-text', tree)!;
      expect(toggle.properties['open']).toBeUndefined();
      expect(text(select('summary', toggle))).toBe('PostgreSQL’s text form');
      expect(toString(select('pre code', toggle)!)).toBe(planText(result));
    });
  }
});

describe('escaping', () => {
  it('shows relation, index and condition text with < & " as text, never as markup', () => {
    const hostile = '<img src=x onerror=alert(1)> & "quoted"';
    const json = JSON.parse(read('nested-loop.json'), (key, v) =>
      key === 'Relation Name' || key === 'Alias' || key === 'Index Name' || key === 'Recheck Cond' ? hostile : v,
    );
    const html = planHtml(parsePlan(json), { id: 'p"><script>x</script>' });
    const tree = fromHtml(html, { fragment: true });
    expect(selectAll('img, script', tree)).toHaveLength(0);
    expect(html).not.toContain('<img');
    expect(text(select('.plan-target', tree))).toContain(`on "<img src=x onerror=alert(1)> & ""quoted"""`);
    expect(text(select('.plan-details', selectAll('li.plan-node', tree)[2]))).toContain(`Recheck Cond: ${hostile}`);
    expect(select('.plan', tree)!.properties['id']).toBe('p"><script>x</script>');
  });
});

describe('parallel plans', () => {
  it('marks the nodes the workers ran, and says their numbers are per process', () => {
    const { tree } = render('parallel-aggregate');
    const heads = selectAll('.plan-head', tree).map(text);
    expect(heads).toEqual(['Finalize Aggregate', 'Gather', 'Partial Aggregate parallel', 'Parallel Seq Scan on orders parallel']);
    expect(text(select('.plan-note', tree))).toMatch(/averages per process/);
  });
});

describe('options and plain EXPLAIN', () => {
  it('uses the id for the root and the text toggle, and sets none without one', () => {
    expect(select('.plan', render('aggregate', 'plan-1').tree)!.properties['id']).toBe('plan-1');
    expect(select('details.plan-text', render('aggregate', 'plan-1').tree)!.properties['id']).toBe('plan-1-text');
    expect(render('aggregate').html).not.toMatch(/\bid=/);
  });

  it('draws a plan without ANALYZE from estimates alone', () => {
    const { result, tree } = render('plain-explain');
    expect(selectAll('.plan-bar, .plan-buffers, .plan-flag', tree)).toHaveLength(0);
    expect(text(select('.plan-note', tree))).toMatch(/^Estimates only/);
    expect(text(select('.plan-rows', tree))).toBe(`est ${result.root.estimatedRows} rows`);
  });

  it('lists the triggers an INSERT fired', () => {
    expect(text(select('.plan-triggers', render('insert-trigger').tree))).toMatch(
      /^Trigger for constraint order_notes_order_id_fkey on order_notes: \d+\.\d+ ms, 20 calls$/,
    );
  });
});

describe('number formats', () => {
  it('keeps about three significant digits of milliseconds, and never rounds a sliver to 0%', () => {
    expect([0.1234, 9.847, 86.34, 1204.4].map(formatMs)).toEqual(['0.123 ms', '9.85 ms', '86.3 ms', '1,204 ms']);
    expect([0.00004, 0.3521, 1].map(formatShare)).toEqual(['<0.1%', '35.2%', '100.0%']);
    expect([1.54, 20.3].map(formatFactor)).toEqual(['1.5×', '20×']);
  });
});
