/**
 * Small readers shared by plan.ts and plan-text.ts: typed access to EXPLAIN's JSON, its buffer
 * counters, and where JSON text stops being JSON.
 */
import type { Buffers } from './plan';

/** An object of EXPLAIN's JSON; values are checked where they are read. */
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
export const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
export const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Buffers fields and the JSON keys they come from, in the order PostgreSQL prints them. */
export const BUFFER_KEYS: [keyof Buffers, string][] = [
  ['sharedHit', 'Shared Hit Blocks'],
  ['sharedRead', 'Shared Read Blocks'],
  ['sharedDirtied', 'Shared Dirtied Blocks'],
  ['sharedWritten', 'Shared Written Blocks'],
  ['localHit', 'Local Hit Blocks'],
  ['localRead', 'Local Read Blocks'],
  ['localDirtied', 'Local Dirtied Blocks'],
  ['localWritten', 'Local Written Blocks'],
  ['tempRead', 'Temp Read Blocks'],
  ['tempWritten', 'Temp Written Blocks'],
];

/** A node's (or the planning section's) buffer counters; null when BUFFERS was off. */
export function readBuffers(raw: Json): Buffers | null {
  if (!BUFFER_KEYS.some(([, key]) => key in raw)) return null;
  const b = {} as Buffers;
  for (const [field, key] of BUFFER_KEYS) b[field] = num(raw[key]) ?? 0;
  return b;
}

/**
 * Where and why JSON text fails to parse. JSON.parse's own messages differ between browsers and
 * some give no position, so a small scanner finds the first error itself.
 */
export function jsonError(text: string): { reason: string; line: number; column: number } {
  let i = 0;
  const fail = (reason: string): never => {
    throw new Error(reason);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const shown = () => (i >= text.length ? 'the end of the text' : `“${text[i]}”`);
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a "quoted" key, found ${shown()}`);
        string();
        ws();
        if (text[i] !== ':') fail(`expected “:” after a key, found ${shown()}`);
        i++;
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') return void i++;
        fail(`expected “,” or “}” after a value, found ${shown()}`);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') return void i++;
        fail(`expected “,” or “]” after a value, found ${shown()}`);
      }
    }
    if (c === '"') return string();
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i));
    if (m) return void (i += m[0].length);
    fail(`unexpected ${shown()}`);
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\n') fail('a string runs past the end of its line');
      if (text[i] === '\\') i++;
      i++;
    }
    if (i >= text.length) fail('a string is never closed');
    i++;
  };
  let reason = 'it cannot be read';
  try {
    value();
    ws();
    if (i < text.length) fail(`unexpected ${shown()} after the end of the JSON value`);
  } catch (e) {
    reason = (e as Error).message;
  }
  const before = text.slice(0, i).split('\n');
  return { reason, line: before.length, column: before[before.length - 1]!.length + 1 };
}
