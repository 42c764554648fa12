/**
 * The reader's side of runnable blocks. Each `.lab[data-lab]` built by remark-runnable gets its
 * toolbar shown; Run loads the engine and the editor (once per page), runs the block, and draws the
 * result where the build's output was. Blocks that share the article's VM or database run in
 * order: running block 3 first runs blocks 1 and 2 (as the build did), so what the reader sees
 * matches the page. Reset puts the block's code and output back and starts the shared state over.
 */
import { EngineHost } from './engine-host';
import { ENGINES, type EngineKind, type EngineModule } from './engines';
import type { LabEditor } from './editor';

type Status = 'idle' | 'loading' | 'running' | 'done' | 'error' | 'stopped';

interface Engine {
  module: EngineModule;
  host: EngineHost;
  /** Set once the first start finished: later Runs do not report start-up time. */
  started?: boolean;
}

/** The article-scope blocks of each engine, in page order, and how many of them the current VM has run. */
const sequences = new Map<EngineKind, { labs: Lab[]; ran: number }>();
const engines = new Map<EngineKind, Promise<Engine>>();
let editorModule: Promise<typeof import('./editor')> | undefined;

function sequence(kind: EngineKind) {
  let s = sequences.get(kind);
  if (!s) sequences.set(kind, (s = { labs: [], ran: 0 }));
  return s;
}

function engineFor(kind: EngineKind): Promise<Engine> {
  let engine = engines.get(kind);
  if (!engine) {
    engine = ENGINES[kind]().then((module) => ({
      module,
      host: new EngineHost({ spawn: () => module.spawn(), limitMs: module.limitMs, onRestart: () => (sequence(kind).ran = 0) }),
    }));
    engine.catch(() => engines.delete(kind));
    engines.set(kind, engine);
  }
  return engine;
}

function loadEditor() {
  editorModule ??= import('./editor');
  return editorModule;
}

const seconds = (ms: number) => (ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);

class Lab {
  readonly kind: EngineKind;
  readonly scope: string;
  private readonly source: string;
  private readonly expectError: boolean;
  private readonly runButton: HTMLButtonElement;
  private readonly statusEl: HTMLElement;
  private readonly messageEl: HTMLElement;
  private readonly output: HTMLElement;
  private readonly original: string;
  private editor: LabEditor | undefined;
  private busy = false;
  /** "Ruby 3.4.1 started in 0.9 s", kept beside the first run's time. */
  private startNote = '';

  constructor(readonly root: HTMLElement) {
    this.kind = root.dataset['lab'] as EngineKind;
    this.scope = root.dataset['labScope'] === 'fresh' ? root.id : 'article';
    this.source = root.dataset['labSource'] ?? '';
    this.expectError = root.dataset['labExpect'] === 'error';
    const q = <T extends HTMLElement>(selector: string) => root.querySelector<T>(`:scope > .lab-bar ${selector}, :scope > ${selector}`)!;
    this.runButton = q<HTMLButtonElement>('[data-lab-run]');
    this.statusEl = q('[data-lab-status]');
    this.messageEl = q('[data-lab-message]');
    this.output = q('[data-lab-output]');
    this.original = this.output.innerHTML;
    if (this.scope === 'article') sequence(this.kind).labs.push(this);

    const prefetch = () => void engineFor(this.kind).then((e) => e.module.prefetch()).catch(() => undefined);
    this.runButton.addEventListener('pointerenter', prefetch, { once: true });
    this.runButton.addEventListener('focus', prefetch, { once: true });
    this.runButton.addEventListener('click', () => void this.run());
    q<HTMLButtonElement>('[data-lab-reset]').addEventListener('click', () => void this.reset());
    q('.lab-bar').hidden = false;
  }

  code(): string {
    return this.editor?.value() ?? this.source;
  }

  private set(status: Status, message: string): void {
    this.statusEl.textContent = status;
    this.root.dataset['labState'] = status;
    this.messageEl.textContent = message;
  }

  async run(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.runButton.setAttribute('aria-disabled', 'true');
    // At once, so no earlier verdict (stopped, error) stays on screen while the engine restarts.
    this.set('running', 'Running…');
    try {
      const engine = await this.start();
      if (!engine) return;
      const seq = sequence(this.kind);
      if (this.scope === 'article') {
        const index = seq.labs.indexOf(this);
        const before = seq.labs.slice(seq.ran, index);
        if (before.length) {
          this.set('running', `Running the ${before.length === 1 ? 'block' : `${before.length} blocks`} above first…`);
          for (const lab of before) {
            if (!(await lab.execute(engine))) {
              this.set('error', `A block above failed, so this one did not run. Fix or reset that block first.`);
              return;
            }
          }
        }
      } else {
        await engine.host.reset(this.scope);
      }
      await this.execute(engine, true);
    } finally {
      this.busy = false;
      this.runButton.removeAttribute('aria-disabled');
    }
  }

  /** Loads the engine (and the editor) with a loading state the first time. */
  private async start(): Promise<Engine | undefined> {
    const started = performance.now();
    try {
      const engine = await engineFor(this.kind);
      const first = !engine.started;
      if (first) this.set('loading', `Starting ${engine.module.name}…`);
      const [version] = await Promise.all([engine.host.start(), this.mountEditor()]);
      if (first) this.startNote = `${engine.module.name} ${version} started in ${seconds(performance.now() - started)}. `;
      engine.started = true;
      return engine;
    } catch (e) {
      this.set('error', `Could not start the engine (${e instanceof Error ? e.message : String(e)}). Check the connection and press Run again.`);
      return undefined;
    }
  }

  private async mountEditor(): Promise<void> {
    if (this.editor) return;
    const { createEditor } = await loadEditor();
    if (this.editor) return;
    const host = document.createElement('div');
    host.className = 'lab-editor';
    const block = this.root.querySelector<HTMLElement>(':scope > .expressive-code');
    this.root.insertBefore(host, this.root.querySelector(':scope > .lab-bar'));
    this.editor = createEditor(host, {
      doc: this.source,
      language: this.kind,
      label: `${this.kind === 'ruby' ? 'Ruby' : 'SQL'} code, editable. Control or Command plus Enter runs it.`,
      onRun: () => void this.run(),
    });
    if (block) block.hidden = true;
  }

  /** Runs this block's current code and draws the outcome; false when it failed unexpectedly. */
  async execute(engine: Engine, own = false): Promise<boolean> {
    const { host, module } = engine;
    const seq = sequence(this.kind);
    this.set('running', own ? 'Running…' : this.messageEl.textContent ?? '');
    const live = document.createElement('pre');
    live.className = 'lab-text';
    let streamed = false;
    const outcome = await host.run(this.scope, this.code(), (text) => {
      if (!streamed) this.output.replaceChildren(live);
      streamed = true;
      live.textContent += text;
    });
    if (outcome.kind === 'stopped') {
      const pre = document.createElement('pre');
      pre.className = 'lab-text';
      pre.textContent = outcome.printed || '(no output before it was stopped)';
      this.output.replaceChildren(pre);
      this.set('stopped', `Stopped after ${seconds(outcome.afterMs)}: the code did not finish. ${module.name} was restarted; blocks above run again before your next run.`);
      return false;
    }
    if (this.scope === 'article') seq.ran = Math.max(seq.ran, seq.labs.indexOf(this) + 1);
    const { failed, text } = module.render(outcome.output, this.output);
    this.root.dispatchEvent(new CustomEvent('lab:output', { bubbles: true, detail: { id: this.root.id, text, failed } }));
    if (failed) {
      this.set('error', this.expectError ? `Failed, as the article intends (${seconds(outcome.ms)}).` : `Failed after ${seconds(outcome.ms)}.`);
      return this.expectError;
    }
    this.set('done', `${this.startNote}Ran in ${seconds(outcome.ms)}.`);
    this.startNote = '';
    return true;
  }

  async reset(): Promise<void> {
    this.editor?.reset(this.source);
    this.output.innerHTML = this.original;
    this.set('idle', 'Back to the article’s code and output.');
    const engine = engines.has(this.kind) ? await engineFor(this.kind).catch(() => undefined) : undefined;
    if (!engine) return;
    await engine.host.reset(this.scope);
    if (this.scope === 'article') sequence(this.kind).ran = 0;
    // Figures drawn from this block go back to the build's output.
    this.root.dispatchEvent(new CustomEvent('lab:output', { bubbles: true, detail: { id: this.root.id, reset: true } }));
  }
}

/** Takes over every runnable block on the page. */
export function setupLabs(root: ParentNode = document): void {
  for (const el of root.querySelectorAll<HTMLElement>('.lab[data-lab="ruby"], .lab[data-lab="sql"]')) new Lab(el);
}
