/**
 * Plain-English notes for the instructions and operands a disassembly shows: what an instruction does,
 * what its call info says, what its event flags mean. Written for the instructions small snippets
 * compile to; anything else gets an honest "not described here".
 */
import { parseCallInfo, SPECIALISED, type Instruction } from './yarv';

/** What each call-info flag means for the call at hand. */
export const CALL_FLAGS: Record<string, string> = {
  ARGS_SIMPLE: 'plain positional arguments: no splat, no &block, no keywords',
  FCALL: 'no explicit receiver: self receives it, so private methods are allowed',
  VCALL: 'written like a variable (no receiver, no arguments, no parentheses)',
  ARGS_SPLAT: 'an argument is splatted (*args)',
  ARGS_SPLAT_MUT: 'the splatted array may be modified in place',
  ARGS_BLOCKARG: 'a block is passed as an object (&blk), one more value on the stack',
  KWARG: 'keyword arguments, named in kw:[…] and counted in argc',
  KW_SPLAT: 'a double splat (**opts)',
  KW_SPLAT_MUT: 'the double-splatted hash may be modified in place',
  SUPER: 'a call to super',
  ZSUPER: 'bare super: passes on the method’s own arguments',
  OPT_SEND: 'a send that was optimised away (Kernel#send)',
  FORWARDING: 'argument forwarding with (...)',
};

/** TracePoint events an instruction can fire, by the two letters disasm prints. */
export const EVENTS: Record<string, string> = {
  Li: 'line',
  Cl: 'class',
  En: 'end',
  Ca: 'call',
  Re: 'return',
  Bc: 'b_call',
  Br: 'b_return',
  Cc: 'c_call',
  Cr: 'c_return',
  Rs: 'rescue',
};

const FIXED: Record<string, string> = {
  nop: 'Does nothing. It marks a place that a catch table entry (rescue, retry) can point to.',
  putnil: 'Pushes nil.',
  putself: 'Pushes self: the receiver for a call written without a dot.',
  putobject: 'Pushes an object the compiler already built: an Integer, a Symbol, a frozen String, a Range of literals. No allocation at run time.',
  putstring: 'Pushes a new, mutable String copied from the literal: one allocation every time it runs.',
  putchilledstring:
    'Pushes a new String copied from the literal: one allocation every time it runs. Ruby 3.4 makes it “chilled”: mutating it still works, but warns when deprecation warnings are on, because a later Ruby will freeze literals.',
  duparray: 'Pushes a copy of an Array literal the compiler built: one allocation.',
  duphash: 'Pushes a copy of a Hash literal the compiler built: one allocation.',
  putspecialobject: 'Pushes an internal object the next instruction needs: the VM core (1), or the class or module new definitions go into (2, 3).',
  getlocal_WC_0: 'Reads a local variable of the current frame (“WC_0”: zero levels up). The operand is name@slot.',
  getlocal_WC_1: 'Reads a local variable one scope out: a block reading a variable of the method around it.',
  getlocal: 'Reads a local variable the given number of scopes out.',
  setlocal_WC_0: 'Pops the top of the stack into a local variable of the current frame.',
  setlocal_WC_1: 'Pops the top of the stack into a local variable one scope out (a block assigning to its method’s variable).',
  setlocal: 'Pops the top of the stack into a local variable the given number of scopes out.',
  getblockparam: 'Pushes the block passed to this method as a Proc (allocating one if needed).',
  getblockparamproxy: 'Pushes a stand-in for the method’s block, so calling blk.call need not allocate a Proc.',
  getinstancevariable: 'Reads an instance variable of self. Its inline cache remembers the object’s shape and where the variable sits.',
  setinstancevariable: 'Pops the top of the stack into an instance variable of self, through a shape-keyed inline cache.',
  getglobal: 'Pushes a global variable.',
  setglobal: 'Pops the top of the stack into a global variable.',
  opt_getconstant_path: 'Reads a constant through an inline constant cache: a lookup only when the cache has been invalidated.',
  setconstant: 'Pops a value and the class it goes into, and defines the constant there.',
  definemethod: 'Defines a method at run time from a child instruction sequence: def is an instruction like any other.',
  definesmethod: 'Pops an object and defines a singleton method on it (def self.name).',
  defineclass: 'Opens or creates a class or module and runs its body, a child sequence, with the class as self.',
  pop: 'Throws away the top of the stack: a value nobody uses.',
  dup: 'Pushes a second copy of the top value (an assignment’s value is also the expression’s value).',
  dupn: 'Pushes copies of the top n values.',
  swap: 'Swaps the two top values.',
  topn: 'Pushes a copy of the value n places below the top.',
  setn: 'Copies the top value n places down the stack.',
  adjuststack: 'Drops n values at once.',
  newarray: 'Pops n values and pushes a new Array of them: one allocation.',
  newhash: 'Pops n values (keys and values) and pushes a new Hash: one allocation.',
  concatstrings: 'Pops n strings and pushes one new String: the end of an interpolation.',
  objtostring: 'Calls to_s on the value being interpolated, skipping the call when it is already a String.',
  anytostring: 'Keeps the result of to_s if it is a String; if not, uses the default #<ClassName> form instead.',
  splatarray: 'Turns the top value into an Array for a splat (*x).',
  expandarray: 'Pops an Array and pushes its elements for a multiple assignment (a, b = …).',
  branchif: 'Pops a value and jumps to the target if it is truthy (anything but nil and false).',
  branchunless: 'Pops a value and jumps to the target if it is nil or false.',
  branchnil: 'Pops a value and jumps to the target if it is nil (the &. operator).',
  jump: 'Jumps to the target unconditionally.',
  leave: 'Returns the top of the stack to the caller and pops this frame.',
  throw: 'Raises, breaks or throws out of the frame, with the top of the stack.',
  opt_case_dispatch:
    'A case/when whose branches are all literals: one hash lookup jumps straight to the matching when, provided === has not been redefined; otherwise the === calls after it run one by one.',
  checkmatch: 'Pops a value and a pattern and pushes whether pattern === value (a when or rescue clause).',
  intern: 'Turns a String into a Symbol (:"dynamic #{symbol}").',
  newrange: 'Pops two ends and pushes a new Range.',
};

export interface Explanation {
  title: string;
  /** What the instruction does. */
  does: string;
  /** One line per operand part worth decoding (call info, flags, jump target). */
  operands: string[];
  /** The TracePoint events it can fire (`line, c_call`), or null. */
  events: string | null;
}

function callNotes(ins: Instruction): string[] {
  const ci = parseCallInfo(ins.operands);
  if (!ci) return [];
  const what = ci.mid ? `calls ${ci.mid}` : ins.name === 'invokeblock' ? 'calls the block (yield)' : 'calls super';
  const lines = [`call info: ${what} with ${ci.argc} argument${ci.argc === 1 ? '' : 's'}${ci.keywords.length ? ` (keywords ${ci.keywords.join(', ')})` : ''}`];
  for (const flag of ci.flags) lines.push(`${flag}: ${CALL_FLAGS[flag] ?? 'a call-site flag not described here'}`);
  if (ci.block) lines.push(`block: the child sequence “${ci.block}” is passed as the block`);
  return lines;
}

/** A note for the instruction a figure has selected. */
export function explain(ins: Instruction): Explanation {
  const spec = SPECIALISED[ins.name];
  let does: string;
  if (spec) {
    does =
      `A specialised instruction for ${spec.op}. If the receiver is ${spec.types} and ${spec.op} has not been redefined for its class, ` +
      `the VM does the work inline, without a method call. Anything else (another class, a redefined method) falls back to an ordinary call using the call info.`;
  } else if (ins.name === 'send') {
    does = 'Calls a method and passes it a block (the child sequence after the call info). The receiver and arguments come off the stack; the result goes on.';
  } else if (ins.name === 'opt_send_without_block') {
    does = 'Calls a method with no block: the receiver and argc arguments come off the stack, the result goes on. The call site has an inline cache that remembers the method found for the receiver’s class last time.';
  } else if (ins.name === 'invokeblock') {
    does = 'Calls the block given to this method (yield), with argc arguments from the stack.';
  } else if (ins.name === 'invokesuper') {
    does = 'Calls the same method in the next ancestor (super).';
  } else if (ins.name.startsWith('putobject_INT2FIX_')) {
    does = `Pushes the Integer ${ins.name.replace(/^putobject_INT2FIX_(\d+)_$/, '$1')}. An operand-unified instruction: putobject with its operand baked into the name, because pushing 0 and 1 is so common.`;
  } else {
    does = FIXED[ins.name] ?? 'Not described here; CRuby’s insns.def defines every instruction.';
  }
  const operands = callNotes(ins);
  if (/^(branch|jump)/.test(ins.name)) operands.push(`target: the instruction at ${ins.operands.padStart(4, '0')}`);
  const events = ins.events.length ? ins.events.map((e) => EVENTS[e] ?? e).join(', ') : null;
  return { title: ins.name, does, operands, events };
}
