/**
 * Requests arriving at a fleet of Puma threads. The top strip is the fleet at one moment (a square per
 * thread, filled when busy, and the line of requests waiting); the chart is the whole simulated minute.
 * Play moves the moment through the run; the numbers under it are for the whole run.
 */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Button, Slider } from '../../../components/lab/controls';
import { usePlayer } from '../../../components/lab/use-player';
import { simulateQueue } from './thread-queue';
import { useChartWidth } from '../../../components/lab/use-chart-width';
import './thread-queue.css';

const DEFAULTS = { processes: 16, threads: 3, serviceMs: 120, arrivalRate: 300 };
const SECONDS = 60;
const FRAMES = 240;
const CHART_H = 170;
const LEFT = 40;
const RIGHT = 62;
const DOT = 9;

export default function ThreadQueue() {
  const processes = useSignal(DEFAULTS.processes);
  const threads = useSignal(DEFAULTS.threads);
  const serviceMs = useSignal(DEFAULTS.serviceMs);
  const arrivalRate = useSignal(DEFAULTS.arrivalRate);
  const cursor = useSignal(FRAMES - 1);
  const { ref, width } = useChartWidth();
  const W = width.value;
  const run = useComputed(() =>
    simulateQueue({ arrivalRate: arrivalRate.value, threads: processes.value * threads.value, serviceMs: serviceMs.value, seconds: SECONDS, seed: 7, frames: FRAMES }),
  );
  const player = usePlayer(() => {
    if (cursor.value >= FRAMES - 1) return false;
    cursor.value += 1;
    return true;
  });
  const atEnd = cursor.value >= FRAMES - 1;
  const restartIfDone = () => {
    if (cursor.value >= FRAMES - 1) cursor.value = 0;
  };
  const reset = () => {
    player.pause();
    processes.value = DEFAULTS.processes;
    threads.value = DEFAULTS.threads;
    serviceMs.value = DEFAULTS.serviceMs;
    arrivalRate.value = DEFAULTS.arrivalRate;
    cursor.value = FRAMES - 1;
  };

  const r = run.value;
  const c = processes.value * threads.value;
  const frame = r.frames[cursor.value] ?? r.frames[FRAMES - 1]!;
  const fleet = fleetLayout(W, processes.value, threads.value);
  const CHART_TOP = fleet.height + 26;
  const H = CHART_TOP + CHART_H + 24;
  const yMax = niceMax(Math.max(c, ...r.frames.map((f) => Math.max(f.busy, f.waiting))));
  const x = (t: number) => LEFT + (t / SECONDS) * (W - LEFT - RIGHT);
  const y = (v: number) => CHART_TOP + CHART_H - (v / yMax) * CHART_H;
  const path = (key: 'busy' | 'waiting') => r.frames.map((f, i) => `${i ? 'L' : 'M'}${x(f.t).toFixed(1)},${y(f[key]).toFixed(1)}`).join('');
  const last = r.frames[FRAMES - 1]!;
  const unstable = r.utilisation >= 1;
  const ms = (s: number) => `${Math.round(s * 1000)} ms`;
  const summary = unstable
    ? `Overloaded: ${Math.round(r.lambda)} requests per second against a capacity of ${Math.round(r.capacity)}; ${last.waiting} requests waiting after ${SECONDS} s and growing.`
    : `Utilisation ${Math.round(r.utilisation * 100)}%: on average ${r.inSystem.toFixed(1)} requests in the system, each ${ms(r.meanResponse)} of which ${ms(r.meanWait)} waiting.`;

  return (
    <LabFigure
      id="thread-queue"
      controls={
        <>
          <Slider label="Puma processes" value={processes} min={1} max={24} />
          <Slider label="Threads each" value={threads} min={1} max={8} />
          <Slider label="Time per request" value={serviceMs} min={20} max={300} step={10} format={(v) => `${v} ms`} />
          <Slider label="Arrivals" value={arrivalRate} min={20} max={600} step={10} format={(v) => `${v}/s`} />
          <div class="lab-control lab-play" role="group" aria-label="Playback">
            {player.reducedMotion.value ? (
              <Button onClick={() => player.runToEnd()} disabled={atEnd}>Run to end</Button>
            ) : (
              <Button
                onClick={() => (player.playing.value ? player.pause() : (restartIfDone(), player.play()))}
                pressed={player.playing.value}
              >
                {player.playing.value ? 'Pause' : 'Play'}
              </Button>
            )}
            <Button onClick={() => (atEnd ? (player.pause(), (cursor.value = 0)) : player.step())}>Step</Button>
            <Button onClick={reset}>Reset</Button>
          </div>
        </>
      }
    >
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={summary} data-lab-output class="tq-chart" ref={ref}>
        <Fleet layout={fleet} width={W} busy={frame.busy} waiting={frame.waiting} t={frame.t} />
        {[0, yMax / 2, yMax].map((v) => (
          <g key={v}>
            <line x1={LEFT} x2={W - RIGHT} y1={y(v)} y2={y(v)} class="tq-grid" />
            <text x={LEFT - 6} y={y(v) + 4} text-anchor="end">{Math.round(v)}</text>
          </g>
        ))}
        {(W < 450 ? [0, 30, 60] : [0, 15, 30, 45, 60]).map((t) => (
          <text key={t} x={x(t)} y={CHART_TOP + CHART_H + 16} text-anchor="middle">{t} s</text>
        ))}
        <line x1={LEFT} x2={W - RIGHT} y1={y(c)} y2={y(c)} class="tq-capacity" />
        <text x={LEFT + 4} y={y(c) - 5} class="tq-note">{c} threads</text>
        <path d={path('busy')} class="tq-busy" />
        <path d={path('waiting')} class="tq-waiting" />
        <text x={W - RIGHT + 6} y={Math.min(y(last.waiting) + 4, CHART_TOP + CHART_H)} class="tq-label-waiting">waiting</text>
        <text x={W - RIGHT + 6} y={Math.max(y(last.busy) - 6, CHART_TOP + 10)} class="tq-label-busy">busy</text>
        <line x1={x(frame.t)} x2={x(frame.t)} y1={CHART_TOP - 4} y2={CHART_TOP + CHART_H} class="tq-cursor" />
      </svg>
      <div class="lab-readout" data-lab-output aria-live="polite">
        <span>Capacity <strong>{Math.round(r.capacity)}/s</strong> ({c} threads ÷ {serviceMs.value} ms)</span>
        <span>Utilisation <strong>{Math.round(r.utilisation * 100)}%</strong></span>
        <span>
          L <strong>{r.inSystem.toFixed(1)}</strong>, λW <strong>{(r.lambda * r.meanResponse).toFixed(1)}</strong>
          {unstable ? ' (no steady state)' : ''}
        </span>
        <span>W <strong>{ms(r.meanResponse)}</strong> = {ms(r.meanWait)} waiting + {ms(r.meanService)} served</span>
        <span>p99 wait <strong>{ms(r.p99Wait)}</strong></span>
      </div>
    </LabFigure>
  );
}

interface FleetLayout {
  processes: number;
  threads: number;
  perRow: number;
  boxW: number;
  boxH: number;
  cols: number;
  size: number;
  queueY: number;
  height: number;
}

/** Where the process boxes and thread squares go at this width: as many boxes a row as fit. */
function fleetLayout(width: number, processes: number, threads: number): FleetLayout {
  const cols = Math.min(threads, 4);
  const size = 10;
  const need = cols * (size + 2) + 10;
  const perRow = Math.max(1, Math.min(processes, 12, Math.floor((width - 4) / need)));
  const boxW = (width - 4) / perRow;
  const boxH = Math.ceil(threads / cols) * (size + 2) + 5;
  const rows = Math.ceil(processes / perRow);
  const queueY = 18 + rows * (boxH + 4) + 10;
  return { processes, threads, perRow, boxW, boxH, cols, size, queueY, height: queueY + 8 };
}

/** The fleet at one moment: a box per process, a square per thread, then the queue as dots. */
function Fleet({ layout, width, busy, waiting, t }: { layout: FleetLayout; width: number; busy: number; waiting: number; t: number }) {
  const { processes, threads, perRow, boxW, boxH, cols, size, queueY } = layout;
  // Busy threads are spread across processes, the way the kernel spreads connections.
  const isBusy = (p: number, th: number) => th * processes + p < busy;
  const label = 52;
  const maxDots = Math.max(0, Math.floor((width - label - 110) / DOT));
  return (
    <g>
      <text x={2} y={11} class="tq-note">At {t.toFixed(1)} s: {busy} busy, {waiting} waiting</text>
      {Array.from({ length: processes }, (_, p) => {
        const bx = 2 + (p % perRow) * boxW;
        const by = 18 + Math.floor(p / perRow) * (boxH + 4);
        return (
          <g key={p}>
            <rect x={bx} y={by} width={boxW - 4} height={boxH} rx={3} class="tq-process" />
            {Array.from({ length: threads }, (_, th) => (
              <rect
                key={th}
                x={bx + 4 + (th % cols) * (size + 2)}
                y={by + 3 + Math.floor(th / cols) * (size + 2)}
                width={size}
                height={size}
                class={isBusy(p, th) ? 'tq-thread-busy' : 'tq-thread'}
              />
            ))}
          </g>
        );
      })}
      <text x={2} y={queueY + 4} class="tq-note">queue</text>
      {waiting === 0 && <text x={label} y={queueY + 4} class="tq-muted">empty</text>}
      {Array.from({ length: Math.min(waiting, maxDots) }, (_, i) => (
        <circle key={i} cx={label + 4 + i * DOT} cy={queueY} r={3.4} class="tq-dot" />
      ))}
      {waiting > maxDots && (
        <text x={label + maxDots * DOT + 6} y={queueY + 4} class="tq-note">+{waiting - maxDots} more</text>
      )}
    </g>
  );
}

function niceMax(v: number): number {
  const pow = 10 ** Math.floor(Math.log10(Math.max(1, v)));
  return ([1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * pow).find((m) => m >= v) ?? v) || 1;
}
