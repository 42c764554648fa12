/**
 * A flame graph viewer over three representative profiles of slow Rails endpoints. Width is the share
 * of samples with a frame on the stack (total); the part of a frame with nothing above it is its self
 * time. Click a frame or press Enter on it to zoom; its callers stay below as context. The frames form
 * a listbox with one tab stop: arrows move (up to the widest callee, down to the caller, left and right
 * along the row), Enter zooms, Escape zooms out.
 */
import { useComputed, useSignal } from '@preact/signals';
import { useEffect, useId, useRef } from 'preact/hooks';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Button, Select } from '../../../components/lab/controls';
import { frameKind, functionCosts, layout, navigate, parseFolded, search, type Direction, type FrameKind } from './flame-graph';
import database from './profiles/database.folded?raw';
import external from './profiles/external-call.folded?raw';
import gc from './profiles/gc-allocation.folded?raw';
import './flame-graph.css';

const PROFILES = {
  database: { label: 'GET /orders', profile: parseFolded(database) },
  external: { label: 'GET /cart', profile: parseFolded(external) },
  gc: { label: 'GET /reports/export.json', profile: parseFolded(gc) },
} as const;
type ProfileName = keyof typeof PROFILES;
const OPTIONS = (Object.keys(PROFILES) as ProfileName[]).map((value) => ({ value, label: PROFILES[value].label }));

const LEGEND: readonly [FrameKind, string][] = [
  ['framework', 'Puma, Rack, Rails'],
  ['app', 'app code and templates'],
  ['database', 'Active Record and PG'],
  ['network', 'network and I/O'],
  ['gc', 'garbage collector'],
];

const KEYS: Record<string, Direction> = { ArrowUp: 'callee', ArrowDown: 'caller', ArrowLeft: 'previous', ArrowRight: 'next' };
const ROW = 18;
const pct = (n: number, total: number) => `${((100 * n) / total).toFixed(1)}%`;

export default function FlameGraph() {
  const name = useSignal<ProfileName>('database');
  const focus = useSignal(0);
  const selected = useSignal(0);
  const query = useSignal('');
  const moved = useRef(false);
  const graph = useRef<HTMLDivElement>(null);
  const searchId = useId();
  const p = PROFILES[name.value].profile;
  const rects = useComputed(() => layout(PROFILES[name.value].profile, focus.value));
  const found = useComputed(() => search(PROFILES[name.value].profile, query.value));
  const costs = useComputed(() => functionCosts(PROFILES[name.value].profile).slice(0, 6));
  const matched = new Set(found.value.matches);
  const depth = Math.max(...rects.value.map((r) => r.depth)) + 1;
  const node = p.nodes[selected.value] ?? p.nodes[0]!;

  useEffect(() => {
    // A profile switch starts over: whole graph, root selected.
    focus.value = 0;
    selected.value = 0;
  }, [name.value]);

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    graph.current?.querySelector<HTMLElement>(`[data-frame="${selected.value}"]`)?.focus();
  });

  const zoom = (id: number) => {
    focus.value = id;
    selected.value = id;
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const direction = KEYS[e.key];
    if (direction) selected.value = navigate(p, rects.value, selected.value, direction);
    else if (e.key === 'Enter' || e.key === ' ') zoom(selected.value);
    else if (e.key === 'Escape') zoom(Math.max(0, p.nodes[focus.value]!.parent));
    else if (e.key === 'Home') selected.value = rects.value[0]!.id;
    else return;
    e.preventDefault();
    moved.current = true;
  };

  return (
    <LabFigure id="flame-graph">
      <div class="lab-controls">
        <Select label="Profile" value={name} options={OPTIONS} />
        <div class="lab-control">
          <label for={searchId}>Search frames</label>
          <input id={searchId} type="search" class="fg-search" value={query.value} placeholder="PG::, Net::HTTP, (garbage…" onInput={(e) => (query.value = e.currentTarget.value)} />
        </div>
        <Button onClick={() => zoom(0)} disabled={focus.value === 0}>Zoom out</Button>
      </div>
      <div class="fg-legend" aria-hidden="true">
        {LEGEND.map(([kind, text]) => (
          <span key={kind}><i class={`fg-swatch fg-${kind}`} />{text}</span>
        ))}
      </div>
      <div
        ref={graph}
        class="fg-graph"
        role="listbox"
        aria-label={`Flame graph of ${PROFILES[name.value].label}, ${p.total} samples. Arrows move between frames, Enter zooms, Escape zooms out.`}
        style={{ height: `${depth * ROW}px` }}
        onKeyDown={onKeyDown}
        data-lab-output
      >
        {rects.value.map((r) => {
          const n = p.nodes[r.id]!;
          const wide = r.x1 - r.x0 > 0.045;
          const classes = ['fg-frame', `fg-${frameKind(n.name)}`, r.context && 'fg-context', matched.has(r.id) && 'fg-match'];
          return (
            <div
              key={r.id}
              role="option"
              data-frame={r.id}
              aria-selected={r.id === selected.value}
              aria-label={`${n.name}: total ${pct(n.total, p.total)}, self ${pct(n.self, p.total)}`}
              tabIndex={r.id === selected.value ? 0 : -1}
              class={classes.filter(Boolean).join(' ')}
              style={{ left: `${r.x0 * 100}%`, width: `${(r.x1 - r.x0) * 100}%`, bottom: `${(r.depth) * ROW}px` }}
              onClick={() => zoom(r.id)}
            >
              {wide ? n.name : null}
            </div>
          );
        })}
      </div>
      <div class="fg-readout" data-lab-output aria-live="polite">
        <p>
          <strong class="mono">{node.name}</strong>: total <strong>{pct(node.total, p.total)}</strong> ({node.total} of {p.total} samples),
          self <strong>{pct(node.self, p.total)}</strong>
          {focus.value ? <> · zoomed to <span class="mono">{p.nodes[focus.value]!.name}</span></> : null}
        </p>
        <p>
          {query.value.trim()
            ? `${found.value.matches.length} ${found.value.matches.length === 1 ? 'frame matches' : 'frames match'} “${query.value.trim()}”, on the stack in ${(found.value.share * 100).toFixed(1)}% of samples.`
            : 'Search to highlight frames and see their share of the samples.'}
        </p>
      </div>
      <table class="fg-table">
        <caption>Heaviest functions by self time</caption>
        <thead>
          <tr><th scope="col">function</th><th scope="col">self</th><th scope="col">total</th></tr>
        </thead>
        <tbody>
          {costs.value.map((c) => (
            <tr key={c.name}>
              <td><button type="button" class="fg-find mono" onClick={() => (query.value = c.name)} aria-label={`Search for ${c.name}`}>{c.name}</button></td>
              <td>{pct(c.self, p.total)}</td>
              <td>{pct(c.total, p.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </LabFigure>
  );
}
