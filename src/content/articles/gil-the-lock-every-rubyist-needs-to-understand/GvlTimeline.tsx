/**
 * The GVL timeline: who holds the lock when, for N threads running a workload, and what that does to
 * throughput as threads grow. Draws the model in gvl.ts; nothing here decides behaviour.
 */
import { useComputed, useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Select, Slider } from '../../../components/lab/controls';
import { aloneMs, gvlCeiling, QUANTUM_MS, simulate, throughputCurve, WORKLOADS, type Mode, type State } from './gvl';
import './gvl-timeline.css';

type WorkloadKey = keyof typeof WORKLOADS;

const WORKLOAD_OPTIONS = [
  { value: 'io', label: 'IO-bound: 2 ms Ruby, 18 ms waiting' },
  { value: 'mixed', label: 'Mixed: 8 ms Ruby, 12 ms waiting' },
  { value: 'cpu', label: 'CPU-bound: 20 ms Ruby, no waiting' },
] as const;
const MODE_OPTIONS = [
  { value: 'gvl', label: 'Threads sharing one GVL' },
  { value: 'ractors', label: 'One Ractor per thread, 4 cores' },
] as const;

const CORES = 4;
const WINDOW_MS = 400;
const MAX_THREADS = 16;
const W = 640;
const LANE = 22;
const LEFT = 70;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** 1, 2, 2.5 or 5 times a power of ten, at least `raw`: round numbers for the chart's gridlines. */
function niceStep(raw: number): number {
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}

export default function GvlTimeline() {
  const uid = useId().replace(/[^a-zA-Z0-9-]/g, '');
  const workload = useSignal<WorkloadKey>('io');
  const threads = useSignal(4);
  const mode = useSignal<Mode>('gvl');

  const timeline = useComputed(() =>
    simulate({ threads: threads.value, workload: WORKLOADS[workload.value], mode: mode.value, cores: CORES, quantumMs: QUANTUM_MS, horizonMs: WINDOW_MS }),
  );
  const steady = useComputed(() =>
    simulate({ threads: threads.value, workload: WORKLOADS[workload.value], mode: mode.value, cores: CORES, quantumMs: QUANTUM_MS, horizonMs: 4000 }),
  );
  const curves = useComputed(() => {
    const base = { workload: WORKLOADS[workload.value], cores: CORES, quantumMs: QUANTUM_MS, horizonMs: 2000 };
    return { gvl: throughputCurve({ ...base, mode: 'gvl' }, MAX_THREADS), ractors: throughputCurve({ ...base, mode: 'ractors' }, MAX_THREADS) };
  });

  const n = threads.value;
  const laneTop = 24;
  const timelineHeight = laneTop + n * LANE + 8;
  const x = (ms: number) => LEFT + ((W - LEFT - 30) * ms) / WINDOW_MS;
  const fill: Record<State, string> = { running: 'var(--fig-1)', waiting: `url(#${uid}-wait)`, io: `url(#${uid}-io)` };

  // Throughput chart.
  const legendTop = timelineHeight + 20;
  const chartTop = legendTop + 44;
  const chartH = 150;
  const all = [...curves.value.gvl, ...curves.value.ractors].map((p) => p.throughput);
  const yMax = Math.max(...all, 1) * 1.1;
  const cx = (t: number) => LEFT + ((W - LEFT - 110) * (t - 1)) / (MAX_THREADS - 1);
  const cy = (v: number) => chartTop + 14 + (chartH - 14) * (1 - v / yMax);
  const step = niceStep(yMax / 4);
  const yTicks = Array.from({ length: Math.floor(yMax / step) }, (_, k) => (k + 1) * step);
  const path = (pts: { threads: number; throughput: number }[]) => pts.map((p, i) => `${i ? 'L' : 'M'}${cx(p.threads).toFixed(1)},${cy(p.throughput).toFixed(1)}`).join('');
  const last = (pts: { throughput: number }[]) => pts[pts.length - 1]!.throughput;
  const here = curves.value[mode.value][n - 1]!;
  const height = chartTop + chartH + 40;
  const w = WORKLOADS[workload.value];
  const ceiling = gvlCeiling(w);
  const label =
    `${n} thread${n === 1 ? '' : 's'}, ${mode.value === 'gvl' ? 'one GVL' : 'Ractors on 4 cores'}: ${fmt(steady.value.throughput)} jobs per second; ` +
    `Ruby running ${Math.round(steady.value.busy * 100)}% of the time; a job takes ${fmt(steady.value.latencyMs)} ms, ${fmt(aloneMs(w))} ms alone` +
    (mode.value === 'gvl' ? `; the lock allows at most ${fmt(gvlCeiling(w))} jobs per second.` : '.');

  return (
    <LabFigure
      id="gvl-timeline"
      controls={
        <>
          <Select label="Work" value={workload} options={WORKLOAD_OPTIONS} />
          <Slider label="Threads" value={threads} min={1} max={8} />
          <Select label="Lock" value={mode} options={MODE_OPTIONS} />
        </>
      }
    >
      {/* On a phone the drawing keeps a readable size and scrolls sideways. */}
      <div class="gvl-scroll" tabIndex={0} role="group" aria-label="GVL timeline and throughput chart (scrolls sideways)">
      <svg viewBox={`0 0 ${W} ${height}`} role="img" aria-label={label} data-lab-output class="gvl">
        <defs>
          <pattern id={`${uid}-wait`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="var(--surface)" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="var(--muted)" stroke-width="1.5" />
          </pattern>
          <pattern id={`${uid}-io`} width="8" height="8" patternUnits="userSpaceOnUse">
            <rect width="8" height="8" fill="var(--surface)" />
            <circle cx="4" cy="4" r="1.4" fill="var(--fig-2)" />
          </pattern>
        </defs>
        <text x={LEFT} y={14} class="gvl-title">First {WINDOW_MS} ms</text>
        {[0, 100, 200, 300, 400].map((ms) => (
          <g key={ms}>
            <line x1={x(ms)} x2={x(ms)} y1={laneTop - 4} y2={laneTop + n * LANE} class="gvl-grid" />
            <text x={x(ms)} y={laneTop + n * LANE + 14} text-anchor="middle">{ms} ms</text>
          </g>
        ))}
        {Array.from({ length: n }, (_, i) => (
          <text key={i} x={LEFT - 8} y={laneTop + i * LANE + 15} text-anchor="end">Thread {i + 1}</text>
        ))}
        {timeline.value.segments.map((s, k) => (
          <rect
            key={k}
            x={x(s.start)}
            y={laneTop + s.thread * LANE + 3}
            width={Math.max(0.5, x(s.end) - x(s.start))}
            height={LANE - 6}
            fill={fill[s.state]}
            class={`gvl-seg gvl-${s.state}`}
          />
        ))}
        <g transform={`translate(${LEFT}, ${legendTop})`} class="gvl-legend">
          <rect width="12" height="12" fill={fill.running} /><text x="18" y="10">runs Ruby</text>
          <rect x="110" width="12" height="12" fill={fill.waiting} class="gvl-seg" /><text x="128" y="10">waits for the lock</text>
          <rect x="270" width="12" height="12" fill={fill.io} class="gvl-seg" /><text x="288" y="10">waits on IO, lock released</text>
        </g>
        <text x={LEFT} y={chartTop + 6} class="gvl-title">Jobs per second as threads grow</text>
        <line x1={LEFT} x2={cx(MAX_THREADS)} y1={cy(0)} y2={cy(0)} class="gvl-axis" />
        {yTicks.map((v) => (
          <g key={v}>
            <line x1={LEFT} x2={cx(MAX_THREADS)} y1={cy(v)} y2={cy(v)} class="gvl-grid" />
            <text x={LEFT - 8} y={cy(v) + 4} text-anchor="end">{fmt(v)}</text>
          </g>
        ))}
        <text x={LEFT - 8} y={cy(0) + 4} text-anchor="end">0</text>
        {/* The most one lock allows: drawn dashed, so it shows ahead of the line that will meet it. */}
        <line x1={LEFT} x2={cx(MAX_THREADS)} y1={cy(ceiling)} y2={cy(ceiling)} class="gvl-ceiling" />
        <g transform={`translate(330, ${chartTop + 2})`}>
          <line x1="0" x2="20" y1="0" y2="0" class="gvl-ceiling" />
          <text x="26" y="4" class="gvl-ceiling-label">one lock's ceiling: 1000 / {w.cpuMs} ms = {fmt(ceiling)}/s</text>
        </g>
        {[1, 4, 8, 12, 16].map((t) => (
          <text key={t} x={cx(t)} y={cy(0) + 14} text-anchor="middle">{t}</text>
        ))}
        <text x={cx(MAX_THREADS)} y={cy(0) + 28} text-anchor="end">threads</text>
        <path d={path(curves.value.gvl)} class="gvl-line" stroke="var(--fig-1)" />
        <path d={path(curves.value.ractors)} class="gvl-line" stroke="var(--fig-3)" stroke-dasharray="6 4" />
        <text x={cx(MAX_THREADS) + 6} y={cy(last(curves.value.gvl)) + 4}>one GVL</text>
        <text x={cx(MAX_THREADS) + 6} y={cy(last(curves.value.ractors)) + (Math.abs(last(curves.value.ractors) - last(curves.value.gvl)) < yMax * 0.08 ? 16 : 4)}>Ractors</text>
        <circle cx={cx(n)} cy={cy(here.throughput)} r="5" fill="var(--text)" />
        <text x={cx(n) + 8} y={cy(here.throughput) - 8} class="gvl-value">{fmt(here.throughput)}/s</text>
      </svg>
      </div>
      <p class="lab-readout" data-lab-output>
        <span>Throughput <strong>{fmt(steady.value.throughput)} jobs/s</strong></span>
        <span>A job takes <strong>{fmt(steady.value.latencyMs)} ms</strong> ({fmt(aloneMs(w))} ms alone)</span>
        <span>Ruby running <strong>{Math.round(steady.value.busy * 100)}%</strong> of the time</span>
        <span>Lock taken away at 100 ms <strong>{steady.value.preemptions}</strong> times in 4 s</span>
      </p>
    </LabFigure>
  );
}
