import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRubySession } from '../../../labs/ruby/node-runner';
import { defaultMethod, displayName, lastChainReport, lookup, parseChainReports, receiverPhrase, superclassChain, type ChainReport } from './chain-report';

/** The article's `chain` block, as the reader first sees it: the printer and the classes it draws. */
function articleBlock(id: string): string {
  const mdx = readFileSync(new URL('./index.mdx', import.meta.url), 'utf8');
  const block = new RegExp('```ruby run[^\\n]*\\bid=' + id + '\\b[^\\n]*\\n([\\s\\S]*?)\\n```').exec(mdx);
  if (!block?.[1]) throw new Error(`no block id=${id} in index.mdx`);
  return block[1];
}

const PRINTER = articleBlock('chain').split('\n# --- the classes')[0] ?? '';

/** Runs Ruby in a VM of its own (as the fresh block does) and returns the report it printed. */
async function chainOf(code: string): Promise<ChainReport> {
  const session = await createRubySession();
  try {
    const result = session.run(code);
    if (result.error) throw new Error(result.error);
    const report = lastChainReport(result.stdout);
    if (!report) throw new Error(`no report in:\n${result.stdout}`);
    return report;
  } finally {
    session.close();
  }
}

const owner = (r: ChainReport, method: string) => {
  const at = lookup(r, method).runs;
  return at === null ? null : r.entries[at]?.name;
};

describe('the article’s chain block', () => {
  it('prints a report the model reads, whose walk agrees with Ruby on every name', async () => {
    const r = await chainOf(articleBlock('chain'));
    expect(r.entries.length).toBeGreaterThan(5);
    expect(r.names.length).toBeGreaterThan(1);
    for (const name of r.names) expect(lookup(r, name).agreesWithRuby, name).toBe(true);
  });

  it('opens on a method with a super chain, so the first frame shows one', async () => {
    const r = await chainOf(articleBlock('chain'));
    expect(lookup(r, defaultMethod(r) ?? '').definers.length).toBeGreaterThan(1);
  });
});

describe('reading chains Ruby builds', () => {
  it('puts Kernel and BasicObject at the end of every ordinary chain', async () => {
    const r = await chainOf(`${PRINTER}\nclass Plain; def x = 1; end\nChain.show(Plain)`);
    expect(r.entries.map((e) => e.name).slice(-3)).toEqual(['Object', 'Kernel', 'BasicObject']);
    expect(r.entries.find((e) => e.name === 'Kernel')?.kind).toBe('included');
  });

  it('checks the class before an included module, and a prepended module before the class', async () => {
    const code = `${PRINTER}
      module Inc; def hi = "inc"; end
      module Pre; def hi = "pre"; end
      class A; include Inc; def hi = "a"; end
      class B; include Inc; prepend Pre; def hi = "b"; end
      Chain.show(A)`;
    const a = await chainOf(code);
    expect(owner(a, 'hi')).toBe('A');
    expect(lookup(a, 'hi').definers.map((i) => a.entries[i]?.name)).toEqual(['A', 'Inc']);
    const b = await chainOf(`${code}\nChain.show(B)`);
    expect(owner(b, 'hi')).toBe('Pre');
    expect(b.entries.map((e) => [e.name, e.kind]).slice(0, 3)).toEqual([['Pre', 'prepended'], ['B', 'class'], ['Inc', 'included']]);
    expect(lookup(b, 'hi').agreesWithRuby).toBe(true);
  });

  it('finds the last of several includes first', async () => {
    const r = await chainOf(`${PRINTER}
      module M1; def who = 1; end
      module M2; def who = 2; end
      module M3; def who = 3; end
      class C; include M1; include M2; include M3; end
      Chain.show(C)`);
    expect(owner(r, 'who')).toBe('M3');
    expect(lookup(r, 'who').definers.map((i) => r.entries[i]?.name)).toEqual(['M3', 'M2', 'M1']);
  });

  it('follows super through a superclass’s modules in the order Ruby runs them', async () => {
    const code = `${PRINTER}
      module Persist; def save = "persist"; end
      module Check; def save = "check > #{super}"; end
      class Base; include Persist; def save = "base > #{super}"; end
      class Child < Base; include Check; def save = "child > #{super}"; end
      puts Child.new.save
      Chain.show(Child)`;
    const session = await createRubySession();
    const printed = session.run(code).stdout;
    session.close();
    const r = lastChainReport(printed);
    if (!r) throw new Error('no report');
    const order = lookup(r, 'save').definers.map((i) => r.entries[i]?.name.toLowerCase());
    // What the model says super visits is what Ruby's own super actually visited.
    expect(order.join(' > ')).toBe(printed.split('\n')[0]);
    expect(superclassChain(r)).toEqual(['Child', 'Base', 'Object', 'BasicObject']);
  });

  it('lists a module twice when it is both prepended and included', async () => {
    const r = await chainOf(`${PRINTER}
      module T; def call = 1; end
      class G; include T; prepend T; def call = 2; end
      Chain.show(G)`);
    const named = r.entries.filter((e) => e.name === 'T').map((e) => e.kind);
    expect(named).toEqual(['prepended', 'included']);
    expect(lookup(r, 'call').definers).toHaveLength(3);
  });

  it('puts an object’s singleton class first, with extended modules right after it', async () => {
    const r = await chainOf(`${PRINTER}
      module Polite; def greet = "hello"; end
      class Host; def greet = "hi"; end
      h = Host.new
      def h.greet = "me"
      h.extend(Polite)
      Chain.show(h.singleton_class)`);
    expect(r.entries[0]?.kind).toBe('singleton');
    expect(displayName(r.entries[0]?.name ?? '')).toBe('#<Class:#<Host>>');
    expect(r.entries[1]?.name).toBe('Polite');
    expect(lookup(r, 'greet').runs).toBe(0);
    expect(lookup(r, 'greet').agreesWithRuby).toBe(true);
    expect(receiverPhrase(r.subject)).toBe('on that one Host object');
  });

  it('walks the singleton classes of the superclasses for class methods', async () => {
    const r = await chainOf(`${PRINTER}
      module Finders; def find(id) = id; end
      class Model; extend Finders; def self.table = "t"; end
      class User < Model; end
      Chain.show(User.singleton_class)`);
    expect(r.entries.slice(0, 3).map((e) => e.name)).toEqual(['#<Class:User>', '#<Class:Model>', 'Finders']);
    expect(owner(r, 'find')).toBe('Finders');
    expect(owner(r, 'table')).toBe('#<Class:Model>');
    expect(superclassChain(r)).toContain('Class');
    expect(receiverPhrase(r.subject)).toBe('on the class User');
  });

  it('sends a name nobody defines past the end of the chain, as Ruby does', async () => {
    const r = await chainOf(`${PRINTER}\nclass Lone; end\nChain.show(Lone, :nickname)`);
    const found = lookup(r, 'nickname');
    expect(found.runs).toBeNull();
    expect(found.examined).toBe(r.entries.length);
    expect(found.agreesWithRuby).toBe(true);
  });
});

describe('reading output robustly', () => {
  const report = [
    'Invoice.ancestors',
    ' 1  Auditing               prepended  save',
    ' 2  Invoice                class      save total',
    ' 3  Record                 class',
    'owner save: Auditing',
    'owner total: Invoice',
  ].join('\n');

  it('skips what the block printed around the report', () => {
    const r = lastChainReport(`audited → invoice\nsome Invoice.ancestors talk\n${report}\n=> nil`);
    expect(r?.subject).toBe('Invoice');
    expect(r?.entries).toHaveLength(3);
  });

  it('draws the last report when the reader prints several', () => {
    const second = report.replaceAll('Invoice', 'Bill');
    expect(parseChainReports(`${report}\n${second}`)).toHaveLength(2);
    expect(lastChainReport(`${report}\n${second}`)?.subject).toBe('Bill');
  });

  it('finds nothing in output without a report', () => {
    expect(lastChainReport('undefined method \'show\' for module Chain (NoMethodError)')).toBeUndefined();
    expect(lastChainReport('Invoice.ancestors\n')).toBeUndefined();
  });

  it('reads private methods from the bracket, keeping them among what the entry defines', () => {
    const r = lastChainReport(`${report}\n`.replace(' 3  Record                 class', ' 3  Record                 class      (private: initialize method_missing)'));
    expect(r?.entries[2]?.defines).toEqual(['initialize', 'method_missing']);
    expect(r?.entries[2]?.privates).toEqual(['initialize', 'method_missing']);
    expect(r?.entries[1]?.privates).toEqual([]);
  });

  it('notices when its walk and Ruby’s printed owner disagree', () => {
    const r = lastChainReport(report.replace('owner save: Auditing', 'owner save: Invoice'));
    if (!r) throw new Error('no report');
    expect(lookup(r, 'save').agreesWithRuby).toBe(false);
    expect(lookup(r, 'total').agreesWithRuby).toBe(true);
  });
});
