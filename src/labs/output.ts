/**
 * What a runnable block's output panel shows, and how a declared output is compared with it.
 * Pure: shared by the build (which embeds and checks) and the tests.
 */

export interface RunOutput {
  stdout: string;
  stderr: string;
  value?: string | undefined;
  error?: string | undefined;
}

/** stdout, then stderr, then `=> value` unless the last value is nil; or the error. */
export function renderOutput(r: RunOutput): string {
  const parts = [r.stdout, r.stderr].filter(Boolean).map((p) => (p.endsWith('\n') ? p : `${p}\n`));
  if (r.error) parts.push(`${r.error}\n`);
  else if (r.value !== undefined && r.value !== 'nil') parts.push(`=> ${r.value}\n`);
  return parts.join('').replace(/\n+$/, '');
}

/**
 * Hides what legitimately changes from run to run, so a declared output can be compared:
 * durations with a unit, object addresses, and object ids in inspect output.
 */
export function maskVolatile(text: string): string {
  return text
    .replace(/\b0x[0-9a-f]{4,}\b/gi, '0x…')
    .replace(/\b\d+(?:\.\d+)?(?:e-?\d+)?\s?(?:ns|µs|us|ms|s|sec|seconds)\b/g, '<duration>')
    .replace(/[ \t]+$/gm, '')
    .trim();
}

/** A unified-style line diff of expected against actual, for the build's error message. */
export function lineDiff(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const out: string[] = [];
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) out.push(`    ${a[i] ?? ''}`);
    else {
      if (a[i] !== undefined) out.push(`  - ${a[i]}`);
      if (b[i] !== undefined) out.push(`  + ${b[i]}`);
    }
  }
  return out.join('\n');
}
