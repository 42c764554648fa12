/**
 * Reads what the article's `Chain.show(mod)` printer prints and answers lookup questions about it.
 * The printer writes one report per call:
 *
 *     Invoice.ancestors
 *      1  Auditing               prepended  save
 *      2  Invoice                class      save total
 *      ...
 *     owner save: Auditing
 *     owner nickname: none
 *
 * A header naming the module, one numbered line per ancestor (its `inspect`, its kind, and the
 * methods it defines itself, private ones in `(private: …)`), then Ruby's own
 * `instance_method(name).owner` for every name listed.
 * The figure draws a chain from these lines only, so it shows whatever the reader's edited block
 * produced; the owner lines let it check its own walk against Ruby's.
 */

/** How an entry got into the chain, as the printer tells it. */
export type EntryKind = 'singleton' | 'class' | 'prepended' | 'included';

export interface ChainEntry {
  /** `inspect` of the class or module, as printed: `Invoice`, `#<Class:Invoice>`, `#<Class:#<User:0x0270441c>>`. */
  name: string;
  kind: EntryKind;
  /** Method names this entry defines itself, among those the printer reports (private ones too). */
  defines: string[];
  /** The subset of `defines` that is private: found by the walk, refused to an explicit receiver. */
  privates: string[];
}

export interface ChainReport {
  /** What `ancestors` was asked of: `Invoice`, `#<Class:Invoice>`. */
  subject: string;
  /** In lookup order: `entries[0]` is searched first. */
  entries: ChainEntry[];
  /** Every method name the report covers, sorted. */
  names: string[];
  /** Ruby's answer for each name: the owner's `inspect`, or null when no entry defines it. */
  owners: Record<string, string | null>;
}

const HEADER = /^(\S.*)\.ancestors$/;
// The name is matched lazily up to the kind word, so a name with spaces in it still parses.
const ENTRY = /^\s*\d+\s+(.+?)\s+(singleton|class|prepended|included)(?:\s+(.*))?$/;
const OWNER = /^owner (\S+): (.+)$/;
const PRIVATE = /^(.*?)\s*(?:\(private: ([^)]*)\))?$/;

const words = (text: string | undefined) => (text ?? '').split(/\s+/).filter(Boolean);

/**
 * Every report in a block's output, in order. Lines that belong to no report (the block's own
 * `puts`, warnings) are skipped, so readers can print what they like around `Chain.show`.
 */
export function parseChainReports(text: string): ChainReport[] {
  const reports: ChainReport[] = [];
  let current: ChainReport | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trimEnd();
    const header = HEADER.exec(line);
    if (header) {
      current = { subject: header[1] ?? '', entries: [], names: [], owners: {} };
      reports.push(current);
      continue;
    }
    if (!current) continue;
    const entry = ENTRY.exec(line);
    if (entry) {
      const methods = PRIVATE.exec(entry[3] ?? '');
      const privates = words(methods?.[2]);
      current.entries.push({ name: entry[1] ?? '', kind: entry[2] as EntryKind, defines: [...words(methods?.[1]), ...privates], privates });
      continue;
    }
    const owner = OWNER.exec(line);
    if (owner) {
      const name = owner[1] ?? '';
      current.owners[name] = owner[2] === 'none' ? null : (owner[2] ?? null);
      current.names.push(name);
    }
  }
  // A report needs at least one entry; a header alone is someone's `puts "X.ancestors"`.
  return reports
    .filter((r) => r.entries.length > 0)
    .map((r) => ({ ...r, names: [...new Set([...r.names, ...r.entries.flatMap((e) => e.defines)])].sort() }));
}

/** The report the figure draws: the last one, so a `Chain.show` the reader appends is the one shown. */
export function lastChainReport(text: string): ChainReport | undefined {
  return parseChainReports(text).at(-1);
}

export interface Lookup {
  method: string;
  /** Indexes of the entries that define the method, in lookup order: the first runs, `super` reaches the rest. */
  definers: number[];
  /** The entry whose method runs, or null when the walk falls off the end (method_missing). */
  runs: number | null;
  /** How many entries the walk examines before it stops: up to and including `runs`, or all of them. */
  examined: number;
  /** Whether this walk and Ruby's `owner` line name the same module; null when Ruby printed no answer. */
  agreesWithRuby: boolean | null;
}

/** The lookup Ruby performs for `method`: the first entry, in order, that defines it. */
export function lookup(report: ChainReport, method: string): Lookup {
  const definers = report.entries.flatMap((e, i) => (e.defines.includes(method) ? [i] : []));
  const runs = definers[0] ?? null;
  const examined = runs === null ? report.entries.length : runs + 1;
  const ruby = report.owners[method];
  const found = runs === null ? null : (report.entries[runs]?.name ?? null);
  return { method, definers, runs, examined, agreesWithRuby: ruby === undefined ? null : ruby === found };
}

/**
 * The method a figure opens on: the one with the most public definitions (the longest `super` chain
 * an ordinary call can start), ties broken by name, so the first frame shows the most of the chain.
 * Private hooks such as `initialize` are defined all the way up but are not what a reader calls.
 */
export function defaultMethod(report: ChainReport): string | undefined {
  const count = (name: string) => report.entries.filter((e) => e.defines.includes(name) && !e.privates.includes(name)).length;
  return [...report.names].sort((a, b) => count(b) - count(a) || a.localeCompare(b))[0];
}

/** The classes alone, as `superclass` walks them: modules are in `ancestors` but never a superclass. */
export function superclassChain(report: ChainReport): string[] {
  return report.entries.filter((e) => e.kind === 'class' || e.kind === 'singleton').map((e) => e.name);
}

/** A shorter label for drawing: object addresses differ on every run and say nothing here. */
export function displayName(name: string): string {
  return name.replace(/:0x[0-9a-f]+/gi, '');
}

/**
 * Who receives the call, in words, from what `ancestors` was asked of: an instance of a class, one
 * object with a singleton class of its own, or a class (a class method).
 */
export function receiverPhrase(subject: string): string {
  const ofObject = /^#<Class:#<([^:>]+)/.exec(subject);
  if (ofObject) return `on that one ${ofObject[1]} object`;
  const ofClass = /^#<Class:([^#<>][^>]*)>$/.exec(subject);
  if (ofClass) return `on the class ${ofClass[1]}`;
  return `on an instance of ${displayName(subject)}`;
}
