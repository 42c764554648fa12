import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRubySession } from '../../../labs/ruby/node-runner';
import { lastChainReport, type ChainReport } from '../ancestors-chain-how-ruby-actually-resolves-methods/chain-report';
import { lookupSteps, receiverClass, receiverExpr, type LookupStep } from './lookup-steps';

/** The article's `call` block: the Chain.show printer, then the classes and the call. */
const BLOCK = (() => {
  const mdx = readFileSync(new URL('./index.mdx', import.meta.url), 'utf8');
  const block = /```ruby run[^\n]*\bid=call\b[^\n]*\n([\s\S]*?)\n```/.exec(mdx)?.[1];
  if (!block) throw new Error('no block id=call in index.mdx');
  return block;
})();
const [PRINTER = '', CLASSES = ''] = BLOCK.split('\n# --- the call');
const SETUP = `${PRINTER}\n# --- the call${CLASSES}`.split('\nuser = User.new')[0] ?? '';

/** Runs Ruby in a VM of its own and returns its stdout. */
async function ruby(code: string): Promise<string> {
  const session = await createRubySession();
  try {
    const result = session.run(code);
    if (result.error) throw new Error(result.error);
    return result.stdout;
  } finally {
    session.close();
  }
}

async function chainOf(code: string): Promise<ChainReport> {
  const report = lastChainReport(await ruby(code));
  if (!report) throw new Error('no report');
  return report;
}

const tablesSearched = (steps: LookupStep[]) => steps.filter((s) => s.phase === 'walk' || s.phase === 'found').map((s) => s.at);
const phases = (steps: LookupStep[]) => steps.map((s) => s.phase);

let call: ChainReport;
beforeAll(async () => {
  call = await chainOf(BLOCK);
}, 30_000);

describe('one call, cold', () => {
  it('reads the class, misses both caches, then searches the tables from the top until the method', () => {
    const steps = lookupSteps(call, 'name', { warm: false });
    expect(phases(steps).slice(0, 4)).toEqual(['site', 'class', 'inline', 'table']);
    const owner = call.entries.findIndex((e) => e.name === 'Tracing');
    expect(tablesSearched(steps)).toEqual([...Array(owner + 1).keys()]);
    expect(phases(steps).slice(-2)).toEqual(['fill', 'call']);
  });

  it('stops where Ruby says the method is, for every name Ruby found', () => {
    for (const name of call.names) {
      const owner = call.owners[name];
      if (!owner) continue;
      const steps = lookupSteps(call, name, { warm: false });
      const found = steps.find((s) => s.phase === 'found');
      expect(found && call.entries[found.at ?? -1]?.name, name).toBe(owner);
    }
  });

  it('costs more tables the further up the method lives', () => {
    const near = tablesSearched(lookupSteps(call, 'vip?', { warm: false })).length;
    const far = tablesSearched(lookupSteps(call, 'to_s', { warm: false })).length;
    expect(near).toBe(1);
    expect(far).toBeGreaterThan(near);
  });

  it('keeps the call site cache empty until the lookup has found something to put in it', () => {
    const steps = lookupSteps(call, 'name', { warm: false });
    const fill = steps.findIndex((s) => s.phase === 'fill');
    expect(steps.slice(0, fill).every((s) => s.cache === null)).toBe(true);
    expect(steps.slice(fill).every((s) => s.cache?.includes('Tracing#name'))).toBe(true);
  });
});

describe('the same call again, warm', () => {
  it('hits the inline cache and searches no table, however far up the method is', () => {
    for (const name of ['vip?', 'name', 'to_s']) {
      const steps = lookupSteps(call, name, { warm: true });
      expect(phases(steps), name).toEqual(['site', 'class', 'inline', 'call']);
      expect(steps[0]?.cache).not.toBeNull();
    }
  });

  it('has the cache pointing at the owner from the first step', () => {
    const owner = call.entries.findIndex((e) => e.name === 'Tracing');
    expect(lookupSteps(call, 'name', { warm: true }).every((s) => s.cached === owner)).toBe(true);
  });

  it('is shorter than the first call', () => {
    expect(lookupSteps(call, 'to_s', { warm: true }).length).toBeLessThan(lookupSteps(call, 'to_s', { warm: false }).length);
  });
});

describe('names the chain cannot answer', () => {
  it('searches every entry, then dispatches method_missing to the class that defines it', () => {
    const steps = lookupSteps(call, 'find_by_email', { warm: false });
    expect(tablesSearched(steps)).toHaveLength(call.entries.length);
    const last = steps.at(-1);
    expect(last?.phase).toBe('missing');
    expect(call.entries[last?.at ?? -1]?.name).toBe(call.owners['method_missing']);
  });

  it('never hits the inline cache, even on the second call', () => {
    const steps = lookupSteps(call, 'find_by_email', { warm: true });
    expect(steps.every((s) => s.cache === null)).toBe(true);
    expect(phases(steps)).not.toContain('walk');
    expect(phases(steps).at(-1)).toBe('missing');
  });

  it('falls back to BasicObject#method_missing when nothing overrides it', async () => {
    const plain = await chainOf(`${PRINTER}\nclass Plain; end\nChain.show(Plain, :nickname)`);
    const last = lookupSteps(plain, 'nickname', { warm: false }).at(-1);
    expect(last?.phase).toBe('missing');
    expect(last?.title).toContain('BasicObject#method_missing');
  });

  it('refuses a private method found by the walk, and routes it like a missing one', async () => {
    const steps = lookupSteps(call, 'initialize', { warm: false });
    expect(phases(steps)).toContain('found');
    expect(phases(steps).slice(-2)).toEqual(['refused', 'missing']);
    // What Ruby does with the same call: method_missing runs, and the error names the visibility.
    const printed = await ruby(`${SETUP}\nbegin\n  User.new("Ada").initialize("x")\nrescue NoMethodError => e\n  puts e.message\nend`);
    expect(printed).toMatch(/^private method 'initialize' called/);
  });
});

describe('where the search starts', () => {
  it('reads the singleton class when the object has one', () => {
    expect(call.entries[receiverClass(call)]?.kind).toBe('singleton');
    expect(receiverExpr(call.subject)).toBe('user');
  });

  it('starts above the class when a module is prepended to it, though the class is what CLASS_OF returns', async () => {
    const plain = await chainOf(`${SETUP}\nChain.show(User)`);
    expect(plain.entries[receiverClass(plain)]?.name).toBe('User');
    expect(receiverClass(plain)).toBeGreaterThan(0);
    expect(tablesSearched(lookupSteps(plain, 'name', { warm: false }))[0]).toBe(0);
    expect(receiverExpr(plain.subject)).toBe('user');
  });

  it('names a class receiver by its class when the chain is a class method chain', async () => {
    const meta = await chainOf(`${SETUP}\nChain.show(User.singleton_class, :new)`);
    expect(receiverExpr(meta.subject)).toBe('User');
    const found = lookupSteps(meta, 'new', { warm: false }).find((s) => s.phase === 'found');
    expect(meta.entries[found?.at ?? -1]?.name).toBe('Class');
  });
});

it('gives the same steps for the same input, so Back and Reset can replay them', () => {
  expect(lookupSteps(call, 'name', { warm: false })).toEqual(lookupSteps(call, 'name', { warm: false }));
});
