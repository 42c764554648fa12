/**
 * 100,000 jobs against an API that goes down and comes back: requests per second against the API's
 * capacity, and the jobs left, for a retry strategy, a DLQ limit, a breaker and a cap the reader picks.
 * The model runs once per change (useComputed); this component only draws it.
 */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Select, Slider, Toggle } from '../../../components/lab/controls';
import { useChartWidth } from '../../../components/lab/use-chart-width';
import { columnMax, duration, runs, stepArea, tickStep } from './chart';
import { DEFAULTS, OPEN, simulateStorm, STRATEGIES, type Strategy } from './retry-storm';
import './retry-storm.css';

const LEFT = 52;
const TOP = 28;
const RATE_BOTTOM = 222;
const STRIP = 230;
const JOBS_TOP = 258;
const JOBS_BOTTOM = 318;
const H = 346;
const CAP = 450;

const fmt = (n: number) => n.toLocaleString('en-US');

export default function RetryStorm() {
  const strategy = useSignal<Strategy>(DEFAULTS.strategy);
  const retries = useSignal(DEFAULTS.retries);
  const outageMinutes = useSignal(DEFAULTS.outage / 60);
  const breaker = useSignal(false);
  const capped = useSignal(false);
  // Phones get a narrower drawing so its text stays legible; the build renders the wide one.
  const { ref: box, width: column } = useChartWidth<HTMLDivElement>();

  const run = useComputed(() =>
    simulateStorm({
      ...DEFAULTS,
      strategy: strategy.value,
      retries: retries.value,
      outage: outageMinutes.value * 60,
      breaker: breaker.value,
      cap: capped.value ? CAP : 0,
    }),
  );

  const chart = useComputed(() => {
    const r = run.value;
    const { capacity, jobs } = DEFAULTS;
    const outage = outageMinutes.value * 60;
    const W = column.value < 480 ? 400 : 640;
    const RIGHT = W - 12;
    const columns = (RIGHT - LEFT) / 2;
    const span = Math.max(r.seconds + 1, outage + 120);
    const x = (s: number) => LEFT + ((RIGHT - LEFT) * s) / span;
    const cols = columnMax(padded(r.sent, span), columns);
    const colW = (RIGHT - LEFT) / cols.length;
    const top = Math.max(capacity * 2, ...cols);
    const yMax = Math.ceil(top / 1000) * 1000;
    // Square root: the capacity line and a 10x spike both stay readable on one axis.
    const y = (v: number) => RATE_BOTTOM - (RATE_BOTTOM - TOP) * Math.sqrt(v / yMax);
    const rateTicks = [capacity, 1000, 2000, 5000, 10_000].filter((v) => v < yMax * 0.9).concat(yMax);

    // Jobs not yet done or parked, second by second.
    const left: number[] = [];
    let remaining = jobs;
    for (let s = 0; s < span; s++) {
      if (s < r.served.length) remaining -= r.served[s]! + r.parked[s]!;
      left.push(remaining);
    }
    const leftCols = columnMax(left, columns);
    const yJobs = (v: number) => JOBS_BOTTOM - ((JOBS_BOTTOM - JOBS_TOP) * v) / jobs;

    const open = columnMax(padded(r.breaker.map((b) => (b === OPEN ? 1 : 0)), span), columns).map((v) => v > 0);
    const minutes = span / 60;
    const step = tickStep(minutes, W / 80, [1, 2, 5, 10, 15, 20, 30, 60, 120]);
    // Minute ticks, leaving room at the right end for the unit.
    const timeTicks = Array.from({ length: Math.floor(minutes / step) + 1 }, (_, i) => i * step).filter((m) => x(m * 60) < RIGHT - 36);
    return { W, RIGHT, x, y, yJobs, cols, colW, rateTicks, leftCols, open, timeTicks, outage, span };
  });

  const r = run.value;
  const c = chart.value;
  const { W, RIGHT } = c;
  const label = STRATEGIES.find((s) => s.value === strategy.value)?.label ?? '';
  const finished = r.drainedAt === null ? `still unfinished after ${duration(r.seconds)}: ${fmt(r.pending)} jobs pending` : `all ${fmt(DEFAULTS.jobs)} jobs done or parked after ${duration(r.drainedAt)}`;
  const summary =
    `${label}${breaker.value ? ', circuit breaker' : ''}${capped.value ? `, cap ${CAP} per second` : ''}: ` +
    `peak ${fmt(r.peak)} requests per second after recovery against a capacity of ${fmt(DEFAULTS.capacity)}; ` +
    `${finished}; ${fmt(r.dead)} in the dead-letter queue.`;

  return (
    <LabFigure
      id="retry-storm"
      controls={
        <>
          <Select label="Retry strategy" value={strategy} options={STRATEGIES} />
          <Slider label="Retries, then DLQ" value={retries} min={0} max={25} />
          <Slider label="Outage" value={outageMinutes} min={0} max={20} format={(v) => `${v} min`} />
          <Toggle label="Circuit breaker" value={breaker} />
          <Toggle label={`Cap at ${CAP} calls/s`} value={capped} />
        </>
      }
    >
      <div class="retry-storm" data-lab-output ref={box}>
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary}>
          <text x={LEFT} y={14} class="retry-storm-title">{W < 500 ? 'requests per second' : 'requests per second (busiest second per column)'}</text>
          {c.outage > 0 && <rect x={LEFT} y={TOP} width={c.x(c.outage) - LEFT} height={JOBS_BOTTOM - TOP} class="retry-storm-outage" />}
          {c.rateTicks.map((v) => (
            <g key={v}>
              <line x1={LEFT} x2={RIGHT} y1={c.y(v)} y2={c.y(v)} class="retry-storm-grid" />
              <text x={LEFT - 6} y={c.y(v) + 4} text-anchor="end">{fmt(v)}</text>
            </g>
          ))}
          <path d={stepArea(c.cols, LEFT, c.colW, c.y, RATE_BOTTOM)} class="retry-storm-rate" />
          <line x1={LEFT} x2={RIGHT} y1={c.y(DEFAULTS.capacity)} y2={c.y(DEFAULTS.capacity)} class="retry-storm-capacity" />
          <text x={RIGHT} y={c.y(DEFAULTS.capacity) - 5} text-anchor="end" class="retry-storm-label">capacity {DEFAULTS.capacity}/s</text>
          {c.outage > 0 && c.x(c.outage) - LEFT > 80 && (
            <g>
              <rect x={LEFT + 4} y={TOP + 4} width={68} height={20} rx={3} class="retry-storm-tag" />
              <text x={LEFT + 38} y={TOP + 18} text-anchor="middle" class="retry-storm-title">API down</text>
            </g>
          )}

          {breaker.value && (
            <g>
              {runs(c.open).map(([a, b]) => (
                <rect key={a} x={LEFT + a * c.colW} y={STRIP - 4} width={(b - a) * c.colW} height={8} class="retry-storm-open" />
              ))}
              <text x={RIGHT} y={14} text-anchor="end" class="retry-storm-label"><tspan class="retry-storm-open-key">▮</tspan> breaker open ({fmt(r.trips)} {r.trips === 1 ? 'trip' : 'trips'})</text>
            </g>
          )}

          <text x={LEFT} y={JOBS_TOP - 8} class="retry-storm-title">jobs not yet done or parked</text>
          <path d={stepArea(c.leftCols, LEFT, c.colW, c.yJobs, JOBS_BOTTOM)} class="retry-storm-left" />
          <text x={LEFT - 6} y={JOBS_TOP + 4} text-anchor="end">100k</text>
          <text x={LEFT - 6} y={JOBS_BOTTOM + 4} text-anchor="end">0</text>
          <line x1={LEFT} x2={RIGHT} y1={JOBS_BOTTOM} y2={JOBS_BOTTOM} class="retry-storm-axis" />
          <line x1={LEFT} x2={RIGHT} y1={RATE_BOTTOM} y2={RATE_BOTTOM} class="retry-storm-axis" />

          {c.timeTicks.map((m) => (
            <text key={m} x={c.x(m * 60)} y={JOBS_BOTTOM + 18} text-anchor="middle">{m}</text>
          ))}
          <text x={RIGHT} y={JOBS_BOTTOM + 18} text-anchor="end">min</text>

          {r.drainedAt !== null && (
            <g>
              <line x1={c.x(r.drainedAt)} x2={c.x(r.drainedAt)} y1={TOP} y2={JOBS_BOTTOM} class="retry-storm-done" />
              <text x={c.x(r.drainedAt) - 4} y={JOBS_TOP + 14} text-anchor="end" class="retry-storm-label">done {duration(r.drainedAt)}</text>
            </g>
          )}
        </svg>
        <dl class="lab-readout retry-storm-readout" aria-live="polite">
          <div><dt>Peak after recovery</dt> <dd><strong>{fmt(r.peak)}/s</strong> ({(r.peak / DEFAULTS.capacity).toFixed(1)}× capacity)</dd></div>
          <div><dt>Seconds over capacity</dt> <dd><strong>{fmt(r.secondsOver)}</strong></dd></div>
          <div><dt>API calls</dt> <dd><strong>{fmt(r.calls)}</strong></dd></div>
          <div><dt>Done or parked after</dt> <dd><strong>{r.drainedAt === null ? `> ${duration(r.seconds)}` : duration(r.drainedAt)}</strong></dd></div>
          <div><dt>In the DLQ</dt> <dd><strong>{fmt(r.dead)}</strong></dd></div>
        </dl>
      </div>
    </LabFigure>
  );
}

/** The series, with zeros after the last second so that every figure spans the same time. */
function padded(values: ArrayLike<number>, span: number): number[] {
  return Array.from({ length: span }, (_, i) => (i < values.length ? values[i]! : 0));
}
