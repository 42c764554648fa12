/**
 * One request as a waterfall: every segment starts where the previous one ended, so the bars read
 * left to right like a trace. Below it, the Completed line the Rails log would print for the same
 * request, which leaves out everything before and after the controller. Drawn in HTML so the labels
 * keep their size on a phone.
 */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Select, Slider } from '../../../components/lab/controls';
import { SCENARIOS, byKind, completedLine, formatCompleted, total, waterfall, type ScenarioName, type SegmentKind } from './request-waterfall';
import './request-waterfall.css';

const OPTIONS: readonly { value: ScenarioName; label: string }[] = [
  { value: 'quiet', label: 'Quiet server' },
  { value: 'saturated', label: 'Saturated server' },
  { value: 'nPlusOne', label: 'N+1 in the view' },
  { value: 'slowQuery', label: 'One slow query' },
];

const COLOUR: Record<SegmentKind, string> = {
  queue: 'var(--bad)',
  puma: 'var(--fig-1)',
  middleware: 'var(--fig-2)',
  rails: 'var(--fig-1)',
  sql: 'var(--fig-3)',
  models: 'var(--fig-3)',
  view: 'var(--fig-4)',
  gc: 'var(--bad)',
};

const fmt = (ms: number) => (ms >= 10 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(1)} ms` : `${ms.toFixed(2)} ms`);
const pct = (v: number) => `${(v * 100).toFixed(3)}%`;

export default function RequestWaterfall() {
  const scenario = useSignal<ScenarioName>('quiet');
  const rows = useSignal(20);
  const segments = useComputed(() => waterfall(SCENARIOS[scenario.value], rows.value));
  const all = segments.value;
  const sum = total(all);
  const kinds = byKind(all);
  const line = completedLine(all, SCENARIOS[scenario.value], rows.value);
  const ticks = niceTicks(sum);

  return (
    <LabFigure
      id="request-waterfall"
      controls={
        <>
          <Select label="Scenario" value={scenario} options={OPTIONS} />
          <Slider label="Rows on the page" value={rows} min={10} max={500} step={10} />
        </>
      }
    >
      <div
        class="wf"
        role="img"
        aria-label={`Total ${fmt(sum)}: view ${fmt(kinds.view)}, SQL ${fmt(kinds.sql)}, GC ${fmt(kinds.gc)}, waiting for a thread ${fmt(kinds.queue)}. The log's Completed line says ${Math.round(line.totalMs)} ms.`}
        data-lab-output
      >
        {all.map((s) => (
          <div class="wf-row" key={s.label}>
            <span class="wf-label">{s.label}</span>
            <span class="wf-track">
              {ticks.map((t) => <span key={t} class="wf-grid" style={{ left: pct(t / sum) }} />)}
              <span
                class={`wf-bar${s.kind === 'gc' || s.kind === 'queue' ? ' wf-hatched' : ''}`}
                style={{ left: pct(s.start / sum), width: `max(2px, ${pct(s.ms / sum)})`, background: COLOUR[s.kind] }}
              />
            </span>
            <span class="wf-value">{fmt(s.ms)}</span>
          </div>
        ))}
        <div class="wf-row wf-axis">
          <span class="wf-label wf-total">total {fmt(sum)}</span>
          <span class="wf-track">
            {ticks.map((t) => (
              <span key={t} class="wf-tick" style={{ left: pct(t / sum) }}>{t}</span>
            ))}
          </span>
          <span class="wf-value">ms</span>
        </div>
      </div>
      <p class="wf-log mono" data-lab-output aria-live="polite">
        <span class="wf-log-label">log/production.log</span>
        {formatCompleted(line)}
      </p>
    </LabFigure>
  );
}

/** Three to six round tick values across 0..max. */
function niceTicks(max: number): number[] {
  const raw = max / 4;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let t = 0; t <= max + 1e-9; t += step) out.push(Number(t.toFixed(6)));
  return out;
}
