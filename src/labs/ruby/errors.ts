/** ruby.wasm's error message without the JavaScript wrapper's stack; shared by the build and the browser. */
export function rubyError(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message
    .split('\n')
    .filter((l) => !/^\s+at /.test(l) && !l.includes("in 'Kernel.eval'"))
    .join('\n')
    .trim();
}
