/**
 * One method call, taken apart into the steps CRuby performs for it, computed from a real chain:
 * the report the article's `call` block prints with `Chain.show` (parsed by the ancestors article's
 * model). Each step is a complete state (where the cursor is, what has been checked, what the call
 * site's cache holds), so the figure draws any step on its own and Back is just the previous index.
 *
 * The order follows CRuby 3.4's vm_insnhelper.c and vm_method.c: the class pointer, the call site's
 * inline cache (`vm_search_method_fastpath`), the class's own cache table (`vm_search_cc`), the walk
 * through method tables (`search_method`), then visibility, and `method_missing` when nothing fits.
 */
import { displayName, type ChainReport } from '../ancestors-chain-how-ruby-actually-resolves-methods/chain-report';

export type Phase = 'site' | 'class' | 'inline' | 'table' | 'walk' | 'found' | 'refused' | 'missing' | 'fill' | 'call';

export interface LookupStep {
  phase: Phase;
  /** The chain entry the step is about (highlighted), or null for steps at the call site. */
  at: number | null;
  /** Entries whose method tables have been searched without a match, so far. */
  checked: number[];
  /** The entry where the method was found, once it has been. */
  found: number | null;
  /** What the call site's inline cache holds at this step, in words, or null when it is empty. */
  cache: string | null;
  /** The entry whose method the call site's cache points to, when it holds one. */
  cached: number | null;
  /** One line: what the VM does in this step. */
  title: string;
  /** Why, or what it costs. */
  detail: string;
}

export interface CallOptions {
  /** A second call from the same site, with the caches the first call filled. */
  warm: boolean;
}

/** The receiver as code: `user` for an instance of User (or of its singleton class), `User` for a class. */
export function receiverExpr(subject: string): string {
  const ofObject = /^#<Class:#<(?:[\w:]*::)?(\w+)/.exec(subject);
  if (ofObject?.[1]) return lowerFirst(ofObject[1]);
  const ofClass = /^#<Class:(?:[\w:]*::)?(\w+)>$/.exec(subject);
  if (ofClass?.[1]) return ofClass[1];
  return lowerFirst(/(\w+)$/.exec(subject)?.[1] ?? 'obj');
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** The class `CLASS_OF(receiver)` returns: the first class in the list (a prepended module can sit above it). */
export function receiverClass(report: ChainReport): number {
  const at = report.entries.findIndex((e) => e.kind === 'class' || e.kind === 'singleton');
  return Math.max(at, 0);
}

/** Where `method_missing` resolves in this chain: a definition the report lists, else BasicObject's. */
function missingHandler(report: ChainReport): { at: number | null; name: string } {
  const at = report.entries.findIndex((e) => e.defines.includes('method_missing'));
  if (at >= 0) return { at, name: displayName(report.entries[at]?.name ?? '') };
  const basic = report.entries.findIndex((e) => e.name === 'BasicObject');
  return { at: basic >= 0 ? basic : null, name: 'BasicObject' };
}

/** The steps of `receiver.method` with no arguments, cold (first call) or warm (the next one). */
export function lookupSteps(report: ChainReport, method: string, { warm }: CallOptions): LookupStep[] {
  const entries = report.entries;
  const name = (i: number) => displayName(entries[i]?.name ?? '');
  const recv = receiverExpr(report.subject);
  const klass = receiverClass(report);
  const owner = entries.findIndex((e) => e.defines.includes(method));
  const resolved = owner >= 0 ? `${name(klass)} → ${name(owner)}#${method}` : null;
  const isPrivate = owner >= 0 && (entries[owner]?.privates.includes(method) ?? false);

  const steps: LookupStep[] = [];
  let checked: number[] = [];
  let found: number | null = null;
  // Only a resolved, callable method is ever kept at the call site; "not found" cannot be cached there.
  let cache: string | null = warm ? resolved : null;
  const push = (phase: Phase, at: number | null, title: string, detail: string) =>
    steps.push({ phase, at, checked, found, cache, cached: cache ? owner : null, title, detail });

  push('site', null, `${recv}.${method}: one call site, one cache`, `The compiler turned the dot into opt_send_without_block with call data for :${method}, argc 0. The cache next to it ${cache ? `holds ${cache} from the first call.` : 'is empty: this site has never run.'}`);
  const kind = entries[klass]?.kind === 'singleton' ? 'its singleton class, made when the object got a method of its own' : 'the class it was created from';
  push('class', klass, `Read the receiver's class: ${name(klass)}`, `CLASS_OF(${recv}) is ${kind}. ${klass > 0 ? `The search itself starts at the top of the chain, so the ${klass === 1 ? 'module' : 'modules'} prepended to it come first.` : 'The search starts here.'}`);

  if (warm && resolved) {
    push('inline', null, 'Inline cache: same class, entry still valid → hit', `One pointer comparison and one flag test. No table is searched, however far up ${name(owner)} sits.`);
  } else {
    push(
      'inline',
      null,
      warm ? 'Inline cache: empty → miss, again' : 'Inline cache: empty → miss',
      warm ? `The first call found no :${method}, and a call site can only cache a method it can call, so every call to a missing name misses here.` : 'Nothing cached yet, so the VM takes the slow path.',
    );
    if (warm) {
      push('table', klass, `${name(klass)}'s cache table remembers "not found"`, 'The first call cached the negative answer per class, so the walk is not repeated; the call goes straight to method_missing.');
    } else {
      push('table', klass, `${name(klass)}'s cache table: nothing for :${method}`, 'Each class keeps a table of the methods already resolved for it, keyed by name. A second call site asking the same class for the same name would stop here.');
      const last = owner >= 0 ? owner : entries.length - 1;
      for (let i = 0; i <= last; i++) {
        const hit = i === owner;
        if (hit) found = i;
        const kindWord = entries[i]?.kind === 'class' || entries[i]?.kind === 'singleton' ? '' : ` (${entries[i]?.kind})`;
        const end = i === entries.length - 1;
        push(
          hit ? 'found' : 'walk',
          i,
          hit ? `${name(i)}${kindWord} has :${method} → found` : `${name(i)}${kindWord}: no :${method}${end ? ', end of the chain' : ', next'}`,
          hit ? `Found after searching ${i + 1} method ${i === 0 ? 'table' : 'tables'}.` : `One hash lookup in this entry's method table${end ? ', and there is no entry after it.' : ', then on to the next entry.'}`,
        );
        if (!hit) checked = [...checked, i];
      }
      if (owner >= 0) {
        cache = resolved;
        push('fill', owner, 'Fill both caches', `${name(klass)}'s table and this call site now hold ${resolved}. The next call from here with the same class skips everything above.`);
      }
    }
  }

  if (owner >= 0) found = owner;
  const handler = missingHandler(report);
  const missing = (why: string) =>
    push(
      'missing',
      handler.at,
      `method_missing(:${method}) → ${handler.name}#method_missing`,
      `${why ? `${why} ` : ''}The VM looks up method_missing on the same chain and calls it with :${method} as the first argument. ${handler.name === 'BasicObject' ? 'BasicObject#method_missing raises NoMethodError.' : `If ${handler.name}#method_missing calls super, BasicObject's raises NoMethodError.`}`,
    );
  if (owner < 0) {
    missing(warm ? '' : `All ${entries.length} entries searched, no :${method} anywhere.`);
  } else if (isPrivate) {
    push('refused', owner, `${name(owner)}#${method} is private → refused`, `Visibility is checked after the lookup: ${recv}.${method} has an explicit receiver, and a private method only answers calls without one.`);
    missing('A refused call is routed like a missing one.');
  } else {
    push('call', owner, `Call ${name(owner)}#${method}`, `Visibility is checked after the lookup (public here), a frame is pushed and the method runs. A super inside it is a call site of its own, whose search starts at the entry after ${name(owner)}.`);
  }
  return steps;
}
