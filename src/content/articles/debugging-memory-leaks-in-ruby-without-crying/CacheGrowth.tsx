/**
 * What a cache does to the heap, plotted from the samples a runnable block printed while it served
 * fake requests: one line per series (a cache), any metric the block printed on the y axis. The
 * figure names its block with `lab`; rerunning the block after an edit redraws it.
 */
import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import { useChartWidth } from '../../../components/lab/use-chart-width';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Button, Select, Slider } from '../../../components/lab/controls';
import { useLabOutput, type LabOutputProps } from '../../../components/lab/use-lab-output';
import { niceStep, parseSamples, trend, type Samples } from './samples';
import './cache-growth.css';

/** Drawing width on a wide column; a narrow one (a phone) gets its own width, so text keeps its size. */
const WIDE = 600;
const NARROW_MIN = 300;
const H = 300;
const LEFT = 64;
const TOP = 34;
const BOTTOM = 44;

/** Names readers see for the metrics the article's blocks print; others show as printed. */
const METRIC_NAMES: Record<string, string> = {
  live: 'Live slots above the start (after a full GC)',
  allocated: 'Objects allocated since the start',
  entries: 'Entries in the cache',
};
const DASHES = ['', '7 4', '2 3', '10 3 2 3'];
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
/** Index of the last sample of the longest series: where the cursor starts. */
const lastIndex = (d: Samples) => Math.max(0, Math.max(0, ...d.series.map((s) => s.samples.length)) - 1);

function Marker({ kind, x, y }: { kind: number; x: number; y: number }) {
  if (kind % 3 === 1) return <rect x={x - 3.5} y={y - 3.5} width="7" height="7" />;
  if (kind % 3 === 2) return <path d={`M${x},${y - 4.5}L${x + 4.5},${y + 3.5}L${x - 4.5},${y + 3.5}Z`} />;
  return <circle cx={x} cy={y} r="3.5" />;
}

export default function CacheGrowth(props: LabOutputProps) {
  const output = useLabOutput(props);
  const data = useComputed(() => parseSamples(output.value));
  const metric = useSignal('live');
  const cursor = useSignal(lastIndex(data.peek()));
  const id = `cache-growth-${props.lab}`;
  // At build, and on wide screens, the drawing is WIDE units wide; a phone's column gets its own width.
  const { ref: box, width } = useChartWidth<HTMLDivElement>(WIDE, NARROW_MIN);

  // After a rerun, the cursor goes back to the last sample.
  useSignalEffect(() => {
    cursor.value = lastIndex(data.value);
  });

  const { series, metrics } = data.value;
  if (!series.length) {
    return (
      <LabFigure id={id} controls={<Button onClick={() => (output.value = props.labOutput ?? '')}>Show the article’s samples</Button>}>
        <p class="cg-empty" data-lab-output>
          No samples to plot: the block printed no line with <code>requests=</code> and another <code>name=number</code> on it. Print one per
          sample, like <code>requests=2000 live=4003</code>, and run it again.
        </p>
      </LabFigure>
    );
  }

  const W = width.value;
  const RIGHT = W < 450 ? 100 : 150;
  const m = metrics.includes(metric.value) ? metric.value : metrics[0]!;
  const longest = series.reduce((a, b) => (b.samples.length > a.samples.length ? b : a));
  const at = Math.min(cursor.value, longest.samples.length - 1);
  const atRequests = longest.samples[at]!.requests;
  const maxX = Math.max(...series.flatMap((s) => s.samples.map((p) => p.requests)), 1);
  const ys = series.flatMap((s) => s.samples.flatMap((p) => (p.values[m] === undefined ? [] : [p.values[m]!])));
  const minY = Math.min(0, ...ys);
  const yStep = niceStep((Math.max(...ys, 1) - minY) / 4);
  const maxY = Math.ceil(Math.max(...ys, 1) / yStep) * yStep;
  const xStep = niceStep(maxX / (W < 450 ? 2.5 : 5));
  const x = (r: number) => LEFT + ((W - LEFT - RIGHT) * r) / maxX;
  const y = (v: number) => TOP + (H - TOP - BOTTOM) * (1 - (v - minY) / (maxY - minY || 1));
  const trends = series.map((s) => trend(s, m));
  const yTicks = Array.from({ length: Math.floor((maxY - minY) / yStep) + 1 }, (_, k) => minY + k * yStep);
  const xTicks = Array.from({ length: Math.floor(maxX / xStep) + 1 }, (_, k) => k * xStep);
  const name = METRIC_NAMES[m] ?? m;

  // End labels, nudged apart when two lines end close together.
  const ends = series.map((s, i) => {
    const last = [...s.samples].reverse().find((p) => p.values[m] !== undefined);
    return { i, y: last ? y(last.values[m]!) : y(0) };
  });
  ends.sort((a, b) => a.y - b.y);
  ends.forEach((e, k) => {
    if (k > 0) e.y = Math.max(e.y, ends[k - 1]!.y + 30);
  });

  const valuesAt = series.map((s) => ({ name: s.name, sample: s.samples.find((p) => p.requests === atRequests) }));
  const label =
    `${name} against requests: ` +
    series.map((s, i) => `${s.name} ${trends[i]!.verdict}, ${fmt(s.samples.at(-1)?.values[m] ?? 0)} after ${fmt(s.samples.at(-1)?.requests ?? 0)} requests`).join('; ') +
    '.';
  const options = metrics.map((k) => ({ value: k, label: METRIC_NAMES[k]?.replace(/ \(.*\)$/, '') ?? k }));

  return (
    <LabFigure
      id={id}
      controls={
        <>
          <Select label="Plot" value={metric} options={options} />
          <Slider label="Sample" value={cursor} min={0} max={longest.samples.length - 1} format={() => `${fmt(atRequests)} requests`} />
        </>
      }
    >
      <div class="cg-box" ref={box}>
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-lab-output class="cg">
          <text x={4} y={14} class="cg-title">{name}</text>
          {yTicks.map((v) => (
            <g key={v}>
              <line x1={LEFT} x2={W - RIGHT} y1={y(v)} y2={y(v)} class={v === 0 ? 'cg-axis' : 'cg-grid'} />
              <text x={LEFT - 8} y={y(v) + 4} text-anchor="end">{fmt(v)}</text>
            </g>
          ))}
          {xTicks.map((r) => (
            <text key={r} x={x(r)} y={H - BOTTOM + 18} text-anchor="middle">{fmt(r)}</text>
          ))}
          <text x={W - RIGHT} y={H - 6} text-anchor="end">requests served</text>
          <line x1={x(atRequests)} x2={x(atRequests)} y1={TOP - 6} y2={H - BOTTOM} class="cg-cursor" />
          {series.map((s, i) => {
            const pts = s.samples.filter((p) => p.values[m] !== undefined);
            const d = pts.map((p, k) => `${k ? 'L' : 'M'}${x(p.requests).toFixed(1)},${y(p.values[m]!).toFixed(1)}`).join('');
            return (
              <g key={s.name} class={`cg-series cg-s${i % 4}`}>
                <path d={d} class="cg-line" stroke-dasharray={DASHES[i % 4]} />
                {pts.map((p) => (
                  <g key={p.requests} class={p.requests === atRequests ? 'cg-mark cg-here' : 'cg-mark'}>
                    <Marker kind={i} x={x(p.requests)} y={y(p.values[m]!)} />
                  </g>
                ))}
              </g>
            );
          })}
          {ends.map((e) => (
            <g key={e.i} class={`cg-s${e.i % 4}`}>
              <text x={W - RIGHT + 10} y={e.y} class="cg-name">{series[e.i]!.name}</text>
              <text x={W - RIGHT + 10} y={e.y + 14}>{trends[e.i]!.verdict}</text>
            </g>
          ))}
        </svg>
      </div>
      <p class="lab-readout" data-lab-output>
        <span>
          After <strong>{fmt(atRequests)}</strong> requests
        </span>
        {valuesAt.map(({ name: n, sample }) => (
          <span key={n}>
            {n}:{' '}
            {sample
              ? metrics
                  .filter((k) => sample.values[k] !== undefined)
                  .map((k) => `${k} ${fmt(sample.values[k]!)}`)
                  .join(', ')
              : 'no sample here'}
          </span>
        ))}
        {series.map((s, i) => (
          <span key={`t-${s.name}`}>
            {s.name}, second half: <strong>{trends[i]!.latePerThousand >= 0 ? '+' : ''}{fmt(trends[i]!.latePerThousand)}</strong> per 1,000 requests
          </span>
        ))}
      </p>
    </LabFigure>
  );
}
