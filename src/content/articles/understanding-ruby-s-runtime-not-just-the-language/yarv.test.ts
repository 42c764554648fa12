import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRubySession, type RubySession } from '../../../labs/ruby/node-runner';
import { effectOf, parseCallInfo, parseDisasm, simulate, startingStep, type Iseq } from './yarv';
import { explain } from './yarv-explain';

/** Snippets covering what readers are likely to type: calls, blocks, branches, loops, literals, keywords. */
const CORPUS = [
  'def area(w, h) = w * h\ntotal = area(3, 4) + 1\nputs total',
  'total = price * 2 + 1',
  '[1, 2, 3].map { |x| x * 2 }.sum',
  'x = 5; if x > 3 then puts "big" else puts "small" end',
  's = "a" + "b"; s << "c"; h = { a: 1, "b" => s }; h[:a]',
  'name = "Ruby"; puts "hi #{name}!"',
  '@count ||= 0; @count += 1; $g = [@count, nil, true]',
  'def kw(a, b: 2, &blk) = blk.call(a + b)\nkw(1, b: 3) { |v| v.to_s }',
  'i = 0; while i < 3; i += 1; end; i',
  'a, b = [1, 2]; x = *a; foo(*x, **{k: 1})',
  'class Foo; BAR = 1; def x = 1; end; Foo::BAR; 1.0 + 2.5; r = (1..3); r.size; !r; r.nil?',
  'case 3 when 1 then :one when 3 then :three else :other end',
  'def m = yield(1); begin; m { _1 }; rescue => e; e; end',
  'list = []; 3.times { |i| list << i if i.odd? }; list.empty? ? nil : list.first&.succ',
  'h = Hash.new(0); "a b a".split.each { h[_1] += 1 }; h.max_by { _2 }',
  'def fetch(key, default = nil, *rest, **opts) = [key, default, rest, opts]\nfetch(:a, 1, 2, x: 3)',
];

let ruby: RubySession;
const compiled = new Map<string, Iseq[]>();

function disasm(code: string): Iseq[] {
  let iseqs = compiled.get(code);
  if (!iseqs) {
    // \# keeps Ruby from interpolating the snippet's own #{...} while building the string.
    const literal = JSON.stringify(code).replaceAll('#', '\\#');
    const result = ruby.run(`puts RubyVM::InstructionSequence.compile(${literal}).disasm`);
    expect(result.error, code).toBeUndefined();
    iseqs = parseDisasm(result.stdout);
    compiled.set(code, iseqs);
  }
  return iseqs;
}

beforeAll(async () => {
  ruby = await createRubySession();
}, 30_000);
afterAll(() => ruby?.close());

describe('reading a disassembly', () => {
  it('finds each instruction sequence with its locals and instructions, ignoring other output', () => {
    const [top, area] = disasm(CORPUS[0]!);
    expect(top?.kind).toBe('top');
    expect(area?.name).toBe('area');
    expect(area?.kind).toBe('method');
    expect(area?.locals).toEqual(['w', 'h']);
    expect(area?.instructions.map((i) => i.name)).toContain('opt_mult');
    expect(top?.instructions.at(-1)?.name).toBe('leave');
    expect(parseDisasm('hello\n=> nil\n')).toEqual([]);
    expect(parseDisasm(`before\n${ruby.run('puts RubyVM::InstructionSequence.compile("1 + 2").disasm').stdout}after`)).toHaveLength(1);
  });

  it('keeps source lines and trace events apart from the operands', () => {
    const [top] = disasm(CORPUS[0]!);
    const send = top!.instructions.find((i) => i.name === 'opt_send_without_block')!;
    expect(send.operands).toMatch(/^<calldata!mid:area, argc:2, FCALL\|ARGS_SIMPLE>$/);
    const plus = top!.instructions.find((i) => i.name === 'opt_plus')!;
    expect(plus.events).toEqual(['Cc', 'Cr']);
    expect(top!.instructions.filter((i) => i.events.includes('Li')).every((i) => i.line !== null)).toBe(true);
  });

  it('gives a rescue clause from the catch table a sequence of its own', () => {
    const kinds = disasm(CORPUS[12]!).map((i) => i.kind);
    expect(kinds).toContain('rescue');
    expect(kinds).toContain('block');
  });

  it('decodes call info: method, argument count, keywords, flags and block', () => {
    expect(parseCallInfo('<calldata!mid:kw, argc:2, kw:[b], FCALL|KWARG>, block in <compiled>')).toEqual({
      mid: 'kw',
      argc: 2,
      flags: ['FCALL', 'KWARG'],
      keywords: ['b'],
      block: 'block in <compiled>',
    });
    expect(parseCallInfo('<calldata!argc:1, ARGS_SIMPLE>')?.mid).toBeNull();
    expect(parseCallInfo(':area, area')).toBeNull();
  });
});

describe('the symbolic stack', () => {
  it('never underflows, and leaves exactly one value for every leave, on every snippet the real compiler produced', () => {
    for (const code of CORPUS) {
      for (const iseq of disasm(code)) {
        const steps = simulate(iseq);
        iseq.instructions.forEach((ins, i) => {
          const step = steps[i]!;
          if (!step.before) return; // reached only through the catch table
          expect(step.after, `${ins.name} in ${iseq.name} of ${code}`).not.toBeNull();
          if (ins.name === 'leave') expect(step.before, `${iseq.name} of ${code}`).toHaveLength(1);
        });
      }
    }
  });

  it('reaches every instruction of a straight-line or branching sequence from its start', () => {
    for (const code of [CORPUS[0]!, CORPUS[3]!, CORPUS[11]!]) {
      const [top] = disasm(code);
      expect(simulate(top!).every((s) => s.before !== null)).toBe(true);
    }
  });

  it('leaves instructions after an unconditional jump that nothing targets without a stack', () => {
    // `while` compiles a putnil/pop pair behind its first jump that no path reaches.
    const [top] = disasm(CORPUS[8]!);
    const steps = simulate(top!);
    const firstDead = steps.findIndex((s) => !s.before);
    expect(firstDead).toBeGreaterThan(0);
    expect(firstDead).toBeGreaterThan(top!.instructions.findIndex((ins) => ins.name === 'jump'));
  });

  it('builds the expression as it goes: opt_plus pops its two operands and pushes their sum', () => {
    const [top] = disasm(CORPUS[0]!);
    const steps = simulate(top!);
    const i = top!.instructions.findIndex((x) => x.name === 'opt_plus');
    expect(steps[i]!.popped).toEqual(['area(3, 4)', '1']);
    expect(steps[i]!.pushed).toEqual(['area(3, 4) + 1']);
  });

  it('takes the receiver, argc arguments and a &block argument off the stack for a send', () => {
    const [top] = disasm('def go(*) = 1\nb = proc {}; go(1, 2, &b)');
    const steps = simulate(top!);
    const i = top!.instructions.findIndex((x) => x.operands.includes('mid:go'));
    expect(steps[i]!.popped).toHaveLength(4);
    expect(steps[i]!.after).toHaveLength(steps[i]!.before!.length - 3);
  });

  it('gives both arms of a conditional the stack they start from', () => {
    const [top] = disasm('x = 5; y = x > 3 ? "big" : "small"');
    const steps = simulate(top!);
    const pushes = top!.instructions.flatMap((ins, i) => (ins.name === 'putchilledstring' ? [steps[i]!] : []));
    expect(pushes).toHaveLength(2);
    expect(pushes[0]!.before).toEqual(pushes[1]!.before);
  });

  it('stops rather than guesses at an instruction it does not know', () => {
    const iseq: Iseq = {
      name: '<compiled>',
      kind: 'top',
      locals: [],
      instructions: [
        { pc: 0, name: 'putnil', operands: '', line: 1, events: [] },
        { pc: 1, name: 'some_future_insn', operands: '', line: null, events: [] },
        { pc: 2, name: 'leave', operands: '', line: null, events: [] },
      ],
    };
    expect(effectOf(iseq.instructions[1]!)).toBeNull();
    const steps = simulate(iseq);
    expect(steps[1]!.before).toEqual(['nil']);
    expect(steps[1]!.after).toBeNull();
    expect(steps[2]!.before).toBeNull();
  });
});

describe('where stepping starts', () => {
  it('starts on the first instruction that takes two or more values: the article snippet’s call to area', () => {
    const [top, area] = disasm(CORPUS[0]!);
    expect(top!.instructions[startingStep(top)]!.operands).toContain('mid:area');
    expect(area!.instructions[startingStep(area)]!.name).toBe('opt_mult');
    expect(startingStep(disasm('nil')[0])).toBe(0);
    expect(startingStep(undefined)).toBe(0);
  });
});

describe('the notes', () => {
  it('describes every instruction the corpus compiles to', () => {
    for (const code of CORPUS) {
      for (const ins of disasm(code).flatMap((i) => i.instructions)) {
        expect(explain(ins).does, ins.name).not.toMatch(/^Not described/);
      }
    }
  });

  it('says a specialised instruction falls back to a method call, and decodes its call info', () => {
    const [top] = disasm(CORPUS[0]!);
    const note = explain(top!.instructions.find((i) => i.name === 'opt_plus')!);
    expect(note.does).toMatch(/redefined/);
    expect(note.operands[0]).toMatch(/calls \+ with 1 argument/);
    expect(note.events).toMatch(/c_call/);
  });
});
