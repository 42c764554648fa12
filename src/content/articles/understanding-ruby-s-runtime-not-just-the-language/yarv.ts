/**
 * Reads the text of `RubyVM::InstructionSequence#disasm` (CRuby 3.4) and replays each instruction
 * sequence on a symbolic stack, so a figure can show, for any snippet the reader compiles, what each
 * instruction takes from the VM stack, what it leaves there, and what its operands mean. Pure: no DOM.
 */

/** One line of a listing: `0008 opt_send_without_block <calldata!mid:area, argc:2, ...>  (   3)[Li]`. */
export interface Instruction {
  /** Offset in the sequence, in VALUE-sized words: the numbers jumps refer to. */
  pc: number;
  name: string;
  /** The operand column as printed (empty when the instruction has none). */
  operands: string;
  /** Source line, printed only on the first instruction of a new line. */
  line: number | null;
  /** TracePoint event flags, such as `Li` (line) or `Cc` (c_call). */
  events: string[];
}

/** One `== disasm:` section: the top level, a method body, a block, a class body, a rescue clause. */
export interface Iseq {
  /** As CRuby names it: `<compiled>`, `area`, `block in <compiled>`, `<class:Foo>`. */
  name: string;
  kind: 'top' | 'method' | 'block' | 'class' | 'rescue' | 'ensure' | 'other';
  /** Local variable names in slot order (`w`, `h`). */
  locals: string[];
  instructions: Instruction[];
}

/** The call info a `send`-family instruction carries: which method, how many arguments, how passed. */
export interface CallInfo {
  /** The method name; absent for `invokeblock` and a bare `super`. */
  mid: string | null;
  argc: number;
  flags: string[];
  /** Keyword names passed as `name: value` (counted in argc). */
  keywords: string[];
  /** The child sequence passed as a block (`block in <compiled>`), if any. */
  block: string | null;
}

/** What one instruction does to the stack, symbolically, on the first path that reaches it. */
export interface StackStep {
  /** The stack before the instruction, bottom first; null when no path from the start reaches it. */
  before: string[] | null;
  /** The stack after; null when the instruction is not modelled here (so nothing after it is known). */
  after: string[] | null;
  popped: string[];
  pushed: string[];
}

const HEADER = /^== disasm: #<ISeq:(.*)@[^@]*:\d+ \(\d+,\d+\)-\(\d+,\d+\)>/;
const ROW = /^(\d{4,})\s+(\w+)(.*)$/;
const EVENTS = /\[((?:[A-Z][a-z])+)\]\s*$/;
const LINE = /\(\s*(\d+)\)\s*$/;
const LOCAL = /(?:\[\s*\d+\]\s+)([^\s@]+)@\d+/g;

function kindOf(name: string): Iseq['kind'] {
  if (name.startsWith('block ')) return 'block';
  if (name.startsWith('rescue ')) return 'rescue';
  if (name.startsWith('ensure ')) return 'ensure';
  if (name.startsWith('<class:') || name.startsWith('<module:') || name === 'singleton class') return 'class';
  if (name === '<compiled>' || name === '<main>' || name.startsWith('<top ')) return 'top';
  if (name.startsWith('<')) return 'other';
  return 'method';
}

function parseRow(line: string): Instruction | null {
  const m = ROW.exec(line);
  if (!m) return null;
  let rest = m[3] ?? '';
  const events = EVENTS.exec(rest);
  if (events) rest = rest.slice(0, events.index);
  const at = LINE.exec(rest);
  if (at) rest = rest.slice(0, at.index);
  return {
    pc: Number(m[1]),
    name: m[2] ?? '',
    operands: rest.trim(),
    line: at ? Number(at[1]) : null,
    events: events?.[1]?.match(/[A-Z][a-z]/g) ?? [],
  };
}

/**
 * Every instruction sequence in a disassembly, in the order printed. Lines that are not part of a
 * listing (anything else the block printed) are ignored; a catch table's nested sequences (the lines
 * CRuby prefixes with `|`) become sequences of their own.
 */
export function parseDisasm(text: string): Iseq[] {
  const main: string[] = [];
  const nested: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('|')) nested.push(line.replace(/^\|\s?/, ''));
    else main.push(line);
  }
  const out: Iseq[] = [];
  let current: Iseq | null = null;
  for (const line of main) {
    const header = HEADER.exec(line);
    if (header) {
      current = { name: header[1] ?? '', kind: kindOf(header[1] ?? ''), locals: [], instructions: [] };
      out.push(current);
      continue;
    }
    if (!current) continue;
    if (/^\[\s*\d+\]/.test(line)) {
      for (const m of line.matchAll(LOCAL)) current.locals.push(m[1] ?? '');
      continue;
    }
    const row = parseRow(line);
    if (row) current.instructions.push(row);
  }
  // Catch-table sequences nest one level per `|`; parsing the stripped lines again unwraps them.
  if (nested.some((l) => HEADER.test(l))) out.push(...parseDisasm(nested.join('\n')));
  return out.filter((i) => i.instructions.length > 0);
}

/** Reads `<calldata!mid:area, argc:2, kw:[b], FCALL|KWARG>, block in <compiled>`. */
export function parseCallInfo(operands: string): CallInfo | null {
  const m = /<calldata!([^>]*)>(?:,\s*(.+))?/.exec(operands);
  if (!m) return null;
  const body = m[1] ?? '';
  const mid = /(?:^|,\s*)mid:([^,]+)/.exec(body)?.[1]?.trim() ?? null;
  const argc = Number(/argc:(\d+)/.exec(body)?.[1] ?? 0);
  const keywords = /kw:\[([^\]]*)\]/.exec(body)?.[1]?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  const last = body.split(',').map((s) => s.trim()).pop() ?? '';
  const flags = /^[A-Z_|]+$/.test(last) ? last.split('|') : [];
  const block = m[2] && m[2].trim() !== 'nil' ? m[2].trim() : null;
  return { mid, argc, flags, keywords, block };
}

/** Binary operators with a specialised instruction, and the types their fast path handles. */
export const SPECIALISED: Record<string, { op: string; arity: 1 | 2 | 3; types: string }> = {
  opt_plus: { op: '+', arity: 2, types: 'Integer, Float, String or Array' },
  opt_minus: { op: '-', arity: 2, types: 'Integer or Float' },
  opt_mult: { op: '*', arity: 2, types: 'Integer or Float' },
  opt_div: { op: '/', arity: 2, types: 'Integer or Float' },
  opt_mod: { op: '%', arity: 2, types: 'Integer or Float' },
  opt_eq: { op: '==', arity: 2, types: 'Integer, Float, String or Symbol' },
  opt_neq: { op: '!=', arity: 2, types: 'the same types as ==' },
  opt_lt: { op: '<', arity: 2, types: 'Integer or Float' },
  opt_le: { op: '<=', arity: 2, types: 'Integer or Float' },
  opt_gt: { op: '>', arity: 2, types: 'Integer or Float' },
  opt_ge: { op: '>=', arity: 2, types: 'Integer or Float' },
  opt_ltlt: { op: '<<', arity: 2, types: 'String or Array' },
  opt_and: { op: '&', arity: 2, types: 'Integer' },
  opt_or: { op: '|', arity: 2, types: 'Integer' },
  opt_aref: { op: '[]', arity: 2, types: 'Array (with an Integer index) or Hash' },
  opt_aset: { op: '[]=', arity: 3, types: 'Array (with an Integer index) or Hash' },
  opt_regexpmatch2: { op: '=~', arity: 2, types: 'String =~ Regexp' },
  opt_length: { op: 'length', arity: 1, types: 'String, Array or Hash' },
  opt_size: { op: 'size', arity: 1, types: 'String, Array or Hash' },
  opt_empty_p: { op: 'empty?', arity: 1, types: 'String, Array or Hash' },
  opt_succ: { op: 'succ', arity: 1, types: 'Integer or String' },
  opt_not: { op: '!', arity: 1, types: 'any object' },
  opt_nil_p: { op: 'nil?', arity: 1, types: 'any object' },
};

const MAX_LABEL = 22;
const short = (s: string) => (s.length > MAX_LABEL ? `${s.slice(0, MAX_LABEL - 1)}…` : s);
const num = (s: string | undefined) => Number(s ?? NaN);

/** The variable an operand like `total@0` or `blk@3, 0` names. */
const variable = (operands: string) => operands.split(/[@,\s]/)[0] ?? '?';

/** The literal a `putobject`-style operand prints, shortened for a stack cell. */
const literal = (operands: string) => short(operands.replace(/,\s*<\w+:\d+>$/, ''));

interface Effect {
  pop: number;
  push: (popped: string[]) => string[];
  /** Jump targets (pcs) besides falling through. */
  targets?: number[];
  /** No fall-through: `leave`, `throw`, `jump`. */
  ends?: boolean;
}

const value = (label: string) => () => [short(label)];

function callLabel(ci: CallInfo, popped: string[]): string {
  const [receiver, ...args] = popped;
  // Keyword arguments are the last values pushed, in the order kw:[…] names them.
  const named = args.length - ci.keywords.length;
  const list = args.map((a, i) => (i >= named ? `${ci.keywords[i - named]}: ${a}` : a)).join(', ');
  const name = ci.mid ?? 'super';
  if (ci.flags.includes('FCALL') || ci.flags.includes('VCALL')) return short(ci.flags.includes('VCALL') ? name : `${name}(${list})`);
  return short(`${receiver ?? '?'}.${name}${args.length ? `(${list})` : ''}`);
}

/** The stack effect of one instruction, or null when this model does not know it. */
export function effectOf(ins: Instruction): Effect | null {
  const { name, operands } = ins;
  const ops = operands.split(',').map((s) => s.trim());
  const spec = SPECIALISED[name];
  if (spec) {
    return {
      pop: spec.arity,
      push: ([a = '?', b = '?', c = '?']) =>
        spec.arity === 1 ? [short(spec.op === '!' ? `!${a}` : `${a}.${spec.op}`)] : spec.arity === 3 ? [short(`${a}[${b}] = ${c}`)] : [short(spec.op === '[]' ? `${a}[${b}]` : `${a} ${spec.op} ${b}`)],
    };
  }
  if (name === 'send' || name === 'opt_send_without_block' || name === 'invokesuper' || name === 'invokeblock') {
    const ci = parseCallInfo(operands);
    if (!ci) return null;
    const receiver = name === 'invokeblock' ? 0 : 1;
    const blockArg = ci.flags.includes('ARGS_BLOCKARG') ? 1 : 0;
    return {
      pop: receiver + ci.argc + blockArg,
      push: (popped) => [name === 'invokeblock' ? short(`yield(${popped.join(', ')})`) : callLabel(ci, popped.slice(0, receiver + ci.argc))],
    };
  }
  if (name.startsWith('putobject_INT2FIX_')) return { pop: 0, push: value(name.replace(/^putobject_INT2FIX_(\d+)_$/, '$1')) };
  switch (name) {
    case 'nop':
    case 'definemethod':
    case 'setn':
      return { pop: 0, push: () => [] };
    case 'putnil':
      return { pop: 0, push: value('nil') };
    case 'putself':
      return { pop: 0, push: value('self') };
    case 'putobject':
    case 'putstring':
    case 'putchilledstring':
    case 'duparray':
    case 'duphash':
    case 'opt_str_freeze':
    case 'opt_str_uminus':
    case 'opt_ary_freeze':
    case 'opt_hash_freeze':
      return { pop: 0, push: value(literal(operands)) };
    case 'putspecialobject':
      return { pop: 0, push: value(({ 1: 'VM core', 2: 'cbase', 3: 'const base' } as Record<string, string>)[ops[0] ?? ''] ?? 'special') };
    case 'getlocal':
    case 'getlocal_WC_0':
    case 'getlocal_WC_1':
    case 'getblockparam':
    case 'getblockparamproxy':
      return { pop: 0, push: value(variable(operands)) };
    case 'getinstancevariable':
    case 'getclassvariable':
    case 'getglobal':
      return { pop: 0, push: value((ops[0] ?? '?').replace(/^:/, '')) };
    case 'opt_getconstant_path':
      return { pop: 0, push: value(/<ic:\d+ ([^>]+)>/.exec(operands)?.[1] ?? 'constant') };
    case 'getconstant':
      return { pop: 2, push: () => [short((ops[0] ?? '?').replace(/^:/, ''))] };
    case 'getspecial':
    case 'checkkeyword':
    case 'definedivar':
    case 'once':
      return { pop: 0, push: value(name) };
    case 'setlocal':
    case 'setlocal_WC_0':
    case 'setlocal_WC_1':
    case 'setblockparam':
    case 'setinstancevariable':
    case 'setclassvariable':
    case 'setglobal':
    case 'setspecial':
    case 'definesmethod':
    case 'pop':
      return { pop: 1, push: () => [] };
    case 'setconstant':
      return { pop: 2, push: () => [] };
    case 'dup':
      return { pop: 1, push: ([a = '?']) => [a, a] };
    case 'dupn': {
      const n = num(ops[0]);
      return { pop: n, push: (p) => [...p, ...p] };
    }
    case 'swap':
      return { pop: 2, push: ([a = '?', b = '?']) => [b, a] };
    case 'topn': {
      const n = num(ops[0]);
      return { pop: n + 1, push: (p) => [...p, p[0] ?? '?'] };
    }
    case 'adjuststack':
      return { pop: num(ops[0]), push: () => [] };
    case 'newarray':
      return { pop: num(ops[0]), push: (p) => [short(`[${p.join(', ')}]`)] };
    case 'newhash':
      return { pop: num(ops[0]), push: (p) => [short(`{${p.flatMap((v, i) => (i % 2 ? [] : [`${v} => ${p[i + 1] ?? '?'}`])).join(', ')}}`)] };
    case 'concatstrings':
      // The pieces of an interpolation: literal parts as text, the rest as #{…} again.
      return { pop: num(ops[0]), push: (p) => [short(`"${p.map((v) => (/^".*"$/.test(v) ? v.slice(1, -1) : `#{${v.replace(/\.to_s$/, '')}}`)).join('')}"`)] };
    case 'toregexp':
      return { pop: num(ops[1]), push: value('new Regexp') };
    case 'pushtoarray':
      return { pop: num(ops[0]) + 1, push: value('Array') };
    case 'opt_newarray_send':
      return { pop: num(ops[0]), push: value(`[…].${(ops[1] ?? '').replace(/^:/, '')}`) };
    case 'opt_duparray_send':
      return { pop: num(ops[ops.length - 1]), push: value(`${literal(operands.split(/, :/)[0] ?? '')}.${(ops[ops.length - 2] ?? '').replace(/^:/, '')}`) };
    case 'objtostring':
    case 'intern':
    case 'splatarray':
    case 'checktype':
    case 'defined':
      return { pop: 1, push: ([a = '?']) => [name === 'objtostring' ? short(`${a}.to_s`) : name === 'intern' ? 'Symbol' : name === 'splatarray' ? short(`*${a}`) : name] };
    case 'anytostring':
      return { pop: 2, push: ([, s = '?']) => [s] };
    case 'concatarray':
    case 'concattoarray':
    case 'newrange':
    case 'checkmatch':
      return { pop: 2, push: value(name === 'newrange' ? 'Range' : name === 'checkmatch' ? 'match?' : 'Array') };
    case 'opt_aref_with':
      return { pop: 1, push: ([a = '?']) => [short(`${a}[${literal(ops[0] ?? '')}]`)] };
    case 'opt_aset_with':
      return { pop: 2, push: ([, v = '?']) => [v] };
    case 'expandarray': {
      const n = num(ops[0]);
      const splat = num(ops[1]) & 1 ? 1 : 0;
      return { pop: 1, push: ([a = '?']) => Array.from({ length: n + splat }, (_, i) => short(`${a}[${n + splat - 1 - i}]`)) };
    }
    case 'defineclass':
      return { pop: 2, push: value((ops[0] ?? 'class').replace(/^:/, '')) };
    case 'branchif':
    case 'branchunless':
    case 'branchnil':
      return { pop: 1, push: () => [], targets: [num(ops[0])] };
    case 'jump':
      return { pop: 0, push: () => [], targets: [num(ops[0])], ends: true };
    case 'opt_case_dispatch':
      return { pop: 1, push: () => [], targets: [num(ops[ops.length - 1])] };
    case 'leave':
    case 'throw':
      return { pop: 1, push: () => [], ends: true };
    default:
      return null;
  }
}

/**
 * Replays a sequence on a symbolic stack from an empty one, following jumps: each instruction gets
 * the stack of the first path that reaches it. The labels are the expressions being built (`w * h`,
 * `area(3, 4)`), so the stack reads like the source. Stops on a path at an instruction it does not
 * know, rather than guess.
 */
export function simulate(iseq: Iseq): StackStep[] {
  const steps: StackStep[] = iseq.instructions.map(() => ({ before: null, after: null, popped: [], pushed: [] }));
  const index = new Map(iseq.instructions.map((ins, i) => [ins.pc, i]));
  const queue: [number, string[]][] = iseq.instructions.length ? [[0, []]] : [];
  while (queue.length) {
    const [i, stack] = queue.shift()!;
    const step = steps[i];
    const ins = iseq.instructions[i];
    if (!step || !ins || step.before) continue;
    step.before = stack;
    const effect = effectOf(ins);
    if (!effect || !Number.isFinite(effect.pop) || effect.pop > stack.length) continue;
    step.popped = stack.slice(stack.length - effect.pop);
    step.pushed = effect.push(step.popped);
    step.after = [...stack.slice(0, stack.length - effect.pop), ...step.pushed];
    for (const pc of effect.targets ?? []) {
      const target = index.get(pc);
      if (target !== undefined) queue.push([target, step.after]);
    }
    if (!effect.ends && i + 1 < steps.length) queue.push([i + 1, step.after]);
  }
  return steps;
}

/**
 * Where stepping starts: the first instruction that consumes two or more values (a call with its
 * receiver and arguments, or a binary operator), so the first frame, the one readers without scripts
 * see, shows the stack at work. Falls back to the first instruction.
 */
export function startingStep(iseq: Iseq | undefined): number {
  if (!iseq) return 0;
  const at = simulate(iseq).findIndex((s) => s.popped.length >= 2);
  return Math.max(0, at);
}
