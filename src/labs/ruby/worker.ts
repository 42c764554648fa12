/**
 * CRuby 3.4 in a Web Worker. The page compiles ruby.wasm once and hands over the compiled
 * `WebAssembly.Module` (so a restart after the watchdog costs an instantiation, not a download and
 * compile); each scope gets its own VM, created on its first run. Output is streamed to the page as
 * it is written, so a run stopped by the watchdog still shows what it printed.
 */
import { ConsoleStdout, File, OpenFile, WASI } from '@bjorn3/browser_wasi_shim';
import { RubyVM } from '@ruby/wasm-wasi';
import type { EngineRequest, EngineResponse } from '../protocol';
import { rubyError } from './errors';

/** The worker's global, typed for what we use (the DOM lib has no dedicated-worker scope). */
const scope = self as unknown as { postMessage(message: EngineResponse): void; onmessage: ((event: MessageEvent) => void) | null };

let module: WebAssembly.Module;
const vms = new Map<string, Promise<RubyVM>>();
/** The run output goes to; the streams are created once per VM and write through this. */
let sink: { id: number; stdout: string; stderr: string } | undefined;

const post = (message: EngineResponse) => scope.postMessage(message);

function stream(which: 'stdout' | 'stderr'): ConsoleStdout {
  const decoder = new TextDecoder();
  return new ConsoleStdout((bytes) => {
    const text = decoder.decode(bytes, { stream: true });
    if (!sink || !text) return;
    sink[which] += text;
    post({ type: 'chunk', id: sink.id, text });
  });
}

async function createVm(): Promise<RubyVM> {
  // debug: false, or the shim logs every system call to the console.
  const wasi = new WASI(['ruby'], [], [new OpenFile(new File([])), stream('stdout'), stream('stderr')], { debug: false });
  const { vm } = await RubyVM.instantiateModule({ module, wasip1: wasi });
  vm.eval('$stdout.sync = true; $stderr.sync = true');
  return vm;
}

async function run(id: number, scope: string, code: string): Promise<void> {
  let vm = vms.get(scope);
  if (!vm) {
    vm = createVm();
    vms.set(scope, vm);
  }
  const ruby = await vm;
  sink = { id, stdout: '', stderr: '' };
  const started = performance.now();
  let value: string | undefined;
  let error: string | undefined;
  try {
    value = ruby.eval(code).call('inspect').toString();
  } catch (e) {
    error = rubyError(e);
  }
  const { stdout, stderr } = sink;
  sink = undefined;
  post({ type: 'result', id, ms: performance.now() - started, output: { stdout, stderr, value, error } });
}

scope.onmessage = async ({ data }: MessageEvent<EngineRequest | { type: 'init'; module: WebAssembly.Module }>) => {
  try {
    if (data.type === 'init') {
      module = data.module;
      const probe = await createVm();
      post({ type: 'ready', version: probe.eval('RUBY_VERSION').toString() });
      vms.set('article', Promise.resolve(probe));
    } else if (data.type === 'reset') {
      vms.delete(data.scope);
    } else {
      await run(data.id, data.scope, data.code);
    }
  } catch (e) {
    post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
  }
};
