/**
 * The lock queue of one table over a minute: a long report holds ACCESS SHARE, a migration asks for
 * ACCESS EXCLUSIVE, and the application's queries keep coming. Top: who holds the lock and who waits
 * at the cursor's time. Bottom: the whole minute. Draws lock-queue.ts; nothing here decides who waits.
 */
import { useComputed, useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { LabFigure } from '../../../components/lab/LabFigure';
import { PlayControls } from '../../../components/lab/PlayControls';
import { Select, Slider } from '../../../components/lab/controls';
import { usePlayer, type Player } from '../../../components/lab/use-player';
import { DEFAULT_OPTIONS, RETRY, simulate, type Kind, type Request } from './lock-queue';
import './lock-queue.css';

const POLICIES = [
  { value: 'wait', label: 'waits as long as it takes' },
  { value: 'retry', label: 'lock_timeout 2 s, retries with backoff' },
] as const;
type PolicyKey = (typeof POLICIES)[number]['value'];

const INITIAL = { policy: 'wait' as PolicyKey, reportSeconds: 30, frame: 24 };
/** Animation frames per model frame while playing: half a second of the model every 50 ms. */
const SLOW = 3;

const W = 640;
const LEFT = 84;
const CHIP_W = 62;
const CHIP_H = 40;
const CHIPS = 8;
const LABEL: Record<Kind, string> = { report: 'report', alter: 'ALTER', select: 'SELECT', update: 'UPDATE' };

const sec = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function Chip({ r, x, y, now, waiting }: { r: Request; x: number; y: number; now: number; waiting: boolean }) {
  return (
    <g transform={`translate(${x} ${y})`}>
      <rect width={CHIP_W} height={CHIP_H} rx={5} class={`lock-queue-chip is-${r.kind}`} />
      <text x={CHIP_W / 2} y={16} text-anchor="middle" class="lock-queue-chip-label">{LABEL[r.kind]}</text>
      <text x={CHIP_W / 2} y={32} text-anchor="middle">{waiting ? sec(now - r.since) : 'holds'}</text>
    </g>
  );
}

function Row({ label, y, reqs, total, now, waiting }: { label: string; y: number; reqs: Request[]; total: number; now: number; waiting: boolean }) {
  const shown = total > CHIPS ? reqs.slice(0, CHIPS - 1) : reqs.slice(0, CHIPS);
  const more = total - shown.length;
  return (
    <g>
      <text x={0} y={y + 25} class="lock-queue-title">{label}</text>
      {shown.map((r, i) => (
        <Chip key={r.id} r={r} x={LEFT + i * (CHIP_W + 6)} y={y} now={now} waiting={waiting} />
      ))}
      {more > 0 && (
        <text x={LEFT + shown.length * (CHIP_W + 6) + 4} y={y + 25} class="lock-queue-more">+{more} more</text>
      )}
      {total === 0 && <text x={LEFT} y={y + 25}>nobody</text>}
    </g>
  );
}

export default function LockQueue() {
  const policy = useSignal<PolicyKey>(INITIAL.policy);
  const reportSeconds = useSignal(INITIAL.reportSeconds);
  const frame = useSignal(INITIAL.frame);
  const tick = useRef(0);

  const run = useComputed(() =>
    simulate({ ...DEFAULT_OPTIONS, reportMs: reportSeconds.value * 1000, policy: policy.value === 'retry' ? RETRY : { kind: 'wait' } }),
  );
  const last = run.value.frames.length - 1;
  const player: Player = usePlayer(() => {
    if (frame.value >= last) return false;
    // While playing, hold each model frame for a few animation frames; Step moves one at once.
    if (player.playing.value && ++tick.current % SLOW !== 0) return true;
    frame.value = Math.min(last, frame.value + 1);
    return frame.value < last;
  });
  const reset = () => {
    policy.value = INITIAL.policy;
    reportSeconds.value = INITIAL.reportSeconds;
    frame.value = INITIAL.frame;
  };

  const r = run.value;
  const f = r.frames[Math.min(frame.value, last)]!;
  const horizon = DEFAULT_OPTIONS.horizonMs;
  const oldest = f.head[0];
  const x = (ms: number) => LEFT + ((W - LEFT - 10) * ms) / horizon;
  const peak = Math.max(10, ...r.frames.map((fr) => fr.waitingCount));
  const yTop = 240;
  const yBase = 322;
  const y = (n: number) => yBase - ((yBase - yTop) * n) / peak;
  const area =
    `M${x(0)} ${yBase} ` + r.frames.map((fr) => `L${x(fr.t).toFixed(1)} ${y(fr.waitingCount).toFixed(1)}`).join(' ') + ` L${x(horizon)} ${yBase} Z`;
  const yTicks = [0, Math.round(peak / 2), peak];
  const attemptsDone = r.attempts.filter((a) => a.start <= f.t);
  const done = r.alterDoneAt !== undefined && r.alterDoneAt <= f.t;
  const alterState = done
    ? `ALTER TABLE finished at ${sec(r.alterDoneAt!)}`
    : attemptsDone.length === 0
      ? 'ALTER TABLE has not started'
      : attemptsDone.at(-1)!.end !== undefined && attemptsDone.at(-1)!.end! <= f.t
        ? `ALTER TABLE gave up ${attemptsDone.length} time${attemptsDone.length === 1 ? '' : 's'} and is backing off`
        : `ALTER TABLE waiting (attempt ${attemptsDone.length})`;
  const summary =
    `At ${sec(f.t)}: ${f.granted.length} granted, ${f.waitingCount} waiting${oldest ? `, the oldest for ${sec(f.t - oldest.since)}` : ''}; ${alterState}. ` +
    `Over the minute ${r.delayedQueries} of ${r.queries} application queries waited, the worst ${sec(r.worstQueryWaitMs)}.`;

  return (
    <LabFigure
      id="lock-queue"
      controls={
        <>
          <Select label="The migration" value={policy} options={POLICIES} />
          <Slider label="Report runs for" value={reportSeconds} min={10} max={50} step={5} format={(v) => `${v} s`} />
          <PlayControls player={player} onReset={reset} done={frame.value >= last} />
        </>
      }
    >
      <div class="lock-queue-scroll" tabIndex={0} role="group" aria-label="Lock queue and timeline (scrolls sideways)">
        <svg viewBox={`0 0 ${W} 360`} class="lock-queue" role="img" aria-label={summary} data-lab-output>
          <defs>
            <pattern id="lock-queue-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
              <rect width="6" height="6" fill="var(--surface)" />
              <line x1="0" y1="0" x2="0" y2="6" stroke="var(--fig-2)" stroke-width="2" />
            </pattern>
          </defs>
          <text x={0} y={14} class="lock-queue-head">Table lock on orders at {sec(f.t)}</text>
          <Row label="Granted" y={26} reqs={f.granted} total={f.granted.length} now={f.t} waiting={false} />
          <Row label="Waiting" y={76} reqs={f.head} total={f.waitingCount} now={f.t} waiting />
          <text x={LEFT} y={134} class="lock-queue-note">first come, first served →</text>

          <text x={0} y={158} class="lock-queue-head">The whole minute</text>
          <text x={LEFT - 8} y={181} text-anchor="end">report</text>
          <rect x={x(0)} y={171} width={x(reportSeconds.value * 1000) - x(0)} height={12} class="lock-queue-report" />
          <text x={LEFT - 8} y={203} text-anchor="end">ALTER</text>
          {r.attempts.map((a, i) => {
            const end = a.end ?? horizon;
            return (
              <g key={i}>
                <rect x={x(a.start)} y={193} width={Math.max(2, x(end) - x(a.start))} height={12} fill="url(#lock-queue-hatch)" class="lock-queue-wait" />
                {a.outcome === 'timeout' && <text x={x(end) + 2} y={204} class="lock-queue-mark">✕</text>}
                {a.outcome === 'granted' && (
                  <text x={x(end) + 4} y={203} class="lock-queue-mark">✓ done</text>
                )}
              </g>
            );
          })}
          {yTicks.map((v) => (
            <g key={v}>
              <line x1={LEFT} x2={x(horizon)} y1={y(v)} y2={y(v)} class="lock-queue-grid" />
              <text x={LEFT - 8} y={y(v) + 4} text-anchor="end">{v}</text>
            </g>
          ))}
          <text x={LEFT - 8} y={yTop - 14} text-anchor="end" class="lock-queue-note">waiting</text>
          <path d={area} class="lock-queue-area" />
          {[0, 10, 20, 30, 40, 50, 60].map((s) => (
            <text key={s} x={x(s * 1000)} y={yBase + 16} text-anchor={s === 60 ? 'end' : 'middle'}>{s} s</text>
          ))}
          <line x1={x(f.t)} x2={x(f.t)} y1={166} y2={yBase} class="lock-queue-cursor" />
          <text x={x(f.t)} y={yBase + 30} text-anchor="middle" class="lock-queue-now">{sec(f.t)}</text>
        </svg>
      </div>
      <p class="lab-readout" data-lab-output>
        <span>Waiting now <strong>{f.waitingCount}</strong></span>
        <span>Worst wait of a query <strong>{sec(r.worstQueryWaitMs)}</strong></span>
        <span>Queries that waited <strong>{r.delayedQueries} of {r.queries}</strong></span>
        <span>ALTER TABLE <strong>{r.alterDoneAt !== undefined ? `done at ${sec(r.alterDoneAt)}, attempt ${r.attempts.length}` : 'not done'}</strong></span>
      </p>
    </LabFigure>
  );
}
