/**
 * CRuby 3.4 (ruby.wasm, the slim build readers get) in Node, for running an article's Ruby blocks at
 * build. One VM per article (definitions carry over between its blocks, in order) or per block.
 * stdout and stderr go to files the WASI instance writes through, so capture is byte-exact.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WASI } from 'node:wasi';
import { RubyVM } from '@ruby/wasm-wasi';
import { rubyError } from './errors.ts';

const require = createRequire(import.meta.url);

let compiled: Promise<WebAssembly.Module> | undefined;
/** The slim ruby.wasm, compiled once per process. */
function rubyModule(): Promise<WebAssembly.Module> {
  compiled ??= WebAssembly.compile(readFileSync(require.resolve('@ruby/3.4-wasm-wasi/dist/ruby.wasm')));
  return compiled;
}

export interface RubyResult {
  stdout: string;
  stderr: string;
  /** `inspect` of the last expression, when the block did not raise. */
  value?: string;
  /** "message (ExceptionClass)" when the block raised. */
  error?: string;
}

export interface RubySession {
  version: string;
  run(code: string): RubyResult;
  close(): void;
}

export async function createRubySession(): Promise<RubySession> {
  const dir = mkdtempSync(join(tmpdir(), 'longform-ruby-'));
  const outPath = join(dir, 'stdout');
  const errPath = join(dir, 'stderr');
  const out = openSync(outPath, 'w+');
  const err = openSync(errPath, 'w+');
  const wasi = new WASI({ version: 'preview1', returnOnExit: true, stdout: out, stderr: err, args: ['ruby'] });
  const { vm } = await RubyVM.instantiateModule({ module: await rubyModule(), wasip1: wasi });
  let outSeen = 0;
  let errSeen = 0;
  const take = () => {
    const o = readFileSync(outPath, 'utf8');
    const e = readFileSync(errPath, 'utf8');
    const result = { stdout: o.slice(outSeen), stderr: e.slice(errSeen) };
    outSeen = o.length;
    errSeen = e.length;
    return result;
  };
  vm.eval('$stdout.sync = true; $stderr.sync = true');
  const version = vm.eval('RUBY_VERSION').toString();
  // The slim build says at boot which default gems it lacks; that is not the reader's output.
  take();
  return {
    version,
    run(code) {
      try {
        const value = vm.eval(code).call('inspect').toString();
        return { ...take(), value };
      } catch (e) {
        return { ...take(), error: rubyError(e) };
      }
    },
    close() {
      closeSync(out);
      closeSync(err);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
