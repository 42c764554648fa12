/**
 * A rollout of /invoices to the new app over forty minutes: the flag's share on top, error rates
 * below, and the moment the watchdog rolls the flag back. The whole run is computed once per set of
 * options; nothing animates.
 */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Select, Slider, Toggle } from '../../../components/lab/controls';
import { BUILDS, MINUTES, MINUTES_PER_STAGE, plannedPercent, rate, simulateRollout, STAGES, type Build } from './rollout';
import './rollout-timeline.css';

const W = 600;
const LEFT = 62;
const RIGHT = 18;
const SHARE_TOP = 30;
const SHARE_BOTTOM = 110;
const ERR_TOP = 156;
const ERR_BOTTOM = 276;
const H = 306;
const SEED = 7;

/** A linear map from a domain to a range: all the scale this chart needs, without d3-scale's weight. */
const linear = (d0: number, d1: number, r0: number, r1: number) => (v: number) => r0 + ((v - d0) / (d1 - d0)) * (r1 - r0);
const x = linear(0, MINUTES, LEFT, W - RIGHT);
const yShare = linear(0, 100, SHARE_BOTTOM, SHARE_TOP);
const pct = (v: number, digits = 0) => `${(v * 100).toFixed(digits)}%`;

/** A polyline through points, broken wherever a point is null. */
function polyline(points: readonly ([number, number] | null)[]): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p) d += `${pen ? 'L' : 'M'}${p[0].toFixed(1)},${p[1].toFixed(1)}`;
    pen = p !== null;
  }
  return d;
}

/** A step path through per-minute values: flat across each minute. */
function steps(values: readonly number[], y: (v: number) => number): string {
  return values.map((v, m) => `${m === 0 ? 'M' : 'L'}${x(m)},${y(v)}H${x(m + 1)}`).join('');
}

export default function RolloutTimeline() {
  const build = useSignal<Build>('credit-notes');
  const threshold = useSignal(5);
  const rollback = useSignal(true);
  const run = useComputed(() => simulateRollout({ build: build.value, rollback: rollback.value, threshold: threshold.value / 100, seed: SEED }));

  const { minutes, rollback: event, usersHurt, peakPercent } = run.value;
  const everyone = minutes.map((m) => rate({ requests: m.legacy.requests + m.newApp.requests, errors: m.legacy.errors + m.newApp.errors }));
  const top = Math.max(0.1, threshold.value / 100, ...everyone, ...minutes.map((m) => m.windowRate ?? 0));
  const errMax = Math.ceil((top * 1.1) / 0.05) * 0.05;
  const yErr = linear(0, errMax, ERR_BOTTOM, ERR_TOP);
  const tickStep = errMax <= 0.2 ? 0.05 : errMax <= 0.4 ? 0.1 : 0.2;
  const errTicks = Array.from({ length: Math.floor(errMax / tickStep + 1e-9) + 1 }, (_, i) => i * tickStep);
  const everyoneLine = polyline(everyone.map((v, m): [number, number] => [x(m + 0.5), yErr(v)]));
  const newAppLine = polyline(minutes.map((m): [number, number] | null => (m.windowRate === null ? null : [x(m.minute + 1), yErr(m.windowRate)])));
  const planned = steps(minutes.map((m) => plannedPercent(m.minute)), yShare);
  const actual = `${steps(minutes.map((m) => m.percent), yShare)}V${SHARE_BOTTOM}H${x(0)}Z`;
  const tY = yErr(threshold.value / 100);
  const cut = event ? x(event.minute + 1) : null;

  const summary = event
    ? `Rolled back after minute ${event.minute + 1}, at ${event.percent}%: the new app failed ${pct(event.rate, 1)} of its last ${event.sample} requests. ${usersHurt} users saw an error.`
    : `No rollback: the flag reached ${peakPercent}%. ${usersHurt.toLocaleString('en-US')} users saw an error from the new app.`;

  const controls = (
    <>
      <Select label="New app" value={build} options={BUILDS} />
      {/* Hidden, not removed, while rollback is off: the controls keep their places in the DOM. */}
      <div class="rollout-timeline-slot" hidden={!rollback.value}>
        <Slider label="Rollback threshold" value={threshold} min={3} max={20} format={(v) => `${v}%`} />
      </div>
      <Toggle label="Automatic rollback" value={rollback} />
    </>
  );

  return (
    <LabFigure id="rollout-timeline" controls={controls}>
      <div class="rollout-timeline" data-lab-output>
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Rollout of /invoices, new app ${build.value === 'healthy' ? 'healthy' : `that ${BUILDS.find((b) => b.value === build.value)?.label}`}, automatic rollback ${rollback.value ? `above ${threshold.value}% errors` : 'off'}. ${summary}`}>
          <text x={LEFT} y={SHARE_TOP - 12} class="rollout-timeline-title">Share of /invoices on the new app</text>
          {[0, 50, 100].map((v) => (
            <g key={v}>
              <line x1={LEFT} x2={W - RIGHT} y1={yShare(v)} y2={yShare(v)} class="rollout-timeline-grid" />
              <text x={LEFT - 6} y={yShare(v) + 4} text-anchor="end">{v}%</text>
            </g>
          ))}
          <path d={actual} class="rollout-timeline-share" />
          <path d={planned} class="rollout-timeline-plan" />
          {STAGES.map((p, i) => (
            <text key={p} x={x(i * MINUTES_PER_STAGE + MINUTES_PER_STAGE / 2)} y={Math.min(yShare(p) - 5, SHARE_BOTTOM - 5)} text-anchor="middle" class="rollout-timeline-stage">{p}%</text>
          ))}

          <text x={LEFT} y={ERR_TOP - 12} class="rollout-timeline-title">Error rate</text>
          {errTicks.map((v) => (
            <g key={v}>
              <line x1={LEFT} x2={W - RIGHT} y1={yErr(v)} y2={yErr(v)} class="rollout-timeline-grid" />
              <text x={LEFT - 6} y={yErr(v) + 4} text-anchor="end">{pct(v)}</text>
            </g>
          ))}
          {rollback.value && (
            <g class="rollout-timeline-threshold">
              <line x1={LEFT} x2={W - RIGHT} y1={tY} y2={tY} />
              <text x={W - RIGHT} y={tY - 5} text-anchor="end">threshold {threshold.value}%</text>
            </g>
          )}
          <path d={everyoneLine} class="rollout-timeline-everyone" />
          <path d={newAppLine} class="rollout-timeline-newapp" />
          {minutes.map((m) => m.windowRate !== null && <circle key={m.minute} cx={x(m.minute + 1)} cy={yErr(m.windowRate)} r={3} class="rollout-timeline-dot" />)}

          {cut !== null && event && (
            <g class="rollout-timeline-cut">
              <line x1={cut} x2={cut} y1={SHARE_TOP - 4} y2={ERR_BOTTOM} />
              <text x={cut > W - 120 ? cut - 6 : cut + 6} y={(SHARE_BOTTOM + ERR_TOP) / 2 + 2} text-anchor={cut > W - 120 ? 'end' : 'start'}>rollback</text>
            </g>
          )}
          {Array.from({ length: MINUTES / MINUTES_PER_STAGE + 1 }, (_, i) => i * MINUTES_PER_STAGE).map((m) => (
            <text key={m} x={x(m)} y={ERR_BOTTOM + 18} text-anchor={m === MINUTES ? 'end' : 'middle'}>{m === MINUTES ? `${m} min` : m}</text>
          ))}
        </svg>
        <ul class="rollout-timeline-legend" aria-hidden="true">
          <li><svg viewBox="0 0 24 8"><path d="M0 4h24" class="rollout-timeline-everyone" /></svg>all /invoices requests</li>
          <li><svg viewBox="0 0 24 8"><path d="M0 4h24" class="rollout-timeline-newapp" /><circle cx="12" cy="4" r="3" class="rollout-timeline-dot" /></svg>new app only (last 3 min)</li>
          <li><svg viewBox="0 0 24 8"><path d="M0 4h24" class="rollout-timeline-plan" /></svg>planned share</li>
        </ul>
        <p class="lab-readout" aria-live="polite"><span>{summary}</span></p>
      </div>
    </LabFigure>
  );
}
