/** One round of the chosen I/O model, frame by frame: a sample of descriptors, the model's own
 * structure (bitmap, ready list, rings) and the running totals for all connections. */
import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { LabFigure } from '../../../components/lab/LabFigure';
import { PlayControls } from '../../../components/lab/PlayControls';
import { Select, Slider } from '../../../components/lab/controls';
import { usePlayer } from '../../../components/lab/use-player';
import { CONNECTION_STEPS, FD_SETSIZE, IO_MODELS, SHARE_STEPS, highestFd, type IoModel } from './io-models';
import { buildRound, type Round, type RoundFrame } from './io-round';
import { formatBytes, formatCount, formatShare } from './format';
import './io-round.css';

const INITIAL = { model: 'select' as IoModel, connections: 4, share: 2 };
/** Animation frames each round frame stays on screen while playing (about 0.4 s at 60 fps). */
const HOLD = 24;
const COLS = 8;
const CELL = 30;
const GAP = 6;
const VIEW_W = 300;
const LEFT = (VIEW_W - (COLS * (CELL + GAP) - GAP)) / 2;
const TOP = 8;

function Cells({ round, frame, model }: { round: Round; frame: RoundFrame; model: IoModel }) {
  const ready = new Set(round.readyCells);
  return (
    <g>
      {Array.from({ length: round.sample }, (_, i) => {
        const x = LEFT + (i % COLS) * (CELL + GAP);
        const y = TOP + Math.floor(i / COLS) * (CELL + GAP);
        const scanned = frame.scan && i < frame.scan.upTo;
        const isReady = ready.has(i);
        return (
          <g key={i} transform={`translate(${x} ${y})`}>
            <rect
              class={`io-round-cell${scanned ? ` is-scanned-by-${frame.scan!.by}` : ''}${isReady && frame.signalled ? ' is-known' : ''}`}
              width={CELL}
              height={CELL}
              rx={4}
            />
            {isReady && !frame.served && <circle cx={CELL / 2} cy={CELL / 2} r={6} class="io-round-data" />}
            {isReady && frame.served && <path d="M8 16 l5 5 l10 -12" class="io-round-done" />}
            {model === 'threads' && !(isReady && frame.signalled) && (
              <text x={CELL / 2} y={CELL / 2 + 4} text-anchor="middle" class="io-round-zz">z</text>
            )}
          </g>
        );
      })}
    </g>
  );
}

function Slots({ y, label, filled }: { y: number; label: string; filled: number }) {
  const total = 7;
  const w = 22;
  const x0 = LEFT + 64;
  return (
    <g>
      <text x={LEFT} y={y + 15}>{label}</text>
      {Array.from({ length: total }, (_, i) => (
        <rect key={i} x={x0 + i * (w + 4)} y={y} width={w} height={20} rx={3} class={i < filled ? 'io-round-slot is-full' : 'io-round-slot'} />
      ))}
      {filled > total && <text x={x0 + total * (w + 4) + 2} y={y + 15}>+{filled - total}</text>}
    </g>
  );
}

function Structure({ model, round, frame, y }: { model: IoModel; round: Round; frame: RoundFrame; y: number }) {
  const { cost } = round;
  const width = COLS * (CELL + GAP) - GAP;
  if (model === 'select' || model === 'poll') {
    const used = model === 'select' ? Math.min(1, (highestFd(cost.connections) + 1) / FD_SETSIZE) : 1;
    const label =
      model === 'poll'
        ? `pollfd[${formatCount(cost.connections)}], 8 bytes each`
        : `fd_set: ${formatCount(FD_SETSIZE)} bits${cost.refused ? '' : `, ${formatCount(highestFd(cost.connections) + 1)} in use`}`;
    return (
      <g>
        <text x={LEFT} y={y + 12}>{label}</text>
        <rect x={LEFT} y={y + 20} width={width} height={16} rx={3} class="io-round-slot" />
        <rect x={LEFT} y={y + 20} width={width * used} height={16} rx={3} class={cost.refused ? 'io-round-overflow' : 'io-round-bits'} />
        {cost.refused && <text x={LEFT + width} y={y + 12} text-anchor="end">fd ≥ {formatCount(FD_SETSIZE)}: no bit</text>}
      </g>
    );
  }
  if (model === 'epoll') return <Slots y={y + 8} label="ready list" filled={frame.listed} />;
  if (model === 'io_uring') {
    return (
      <g>
        <Slots y={y} label="SQ ring" filled={frame.sq} />
        <Slots y={y + 26} label="CQ ring" filled={frame.cq} />
      </g>
    );
  }
  return <text x={LEFT} y={y + 24}>{`${formatCount(cost.threads)} stacks: ${formatBytes(cost.residentStackBytes)} resident`}</text>;
}

export default function IoRound() {
  const model = useSignal<IoModel>(INITIAL.model);
  const connections = useSignal(INITIAL.connections);
  const share = useSignal(INITIAL.share);
  const frameIndex = useSignal(0);
  const round = useComputed(() => buildRound(model.value, CONNECTION_STEPS[connections.value]!, SHARE_STEPS[share.value]!));
  const ticks = useRef(0);

  // A new setting starts the round over.
  useSignalEffect(() => {
    void model.value, connections.value, share.value;
    frameIndex.value = 0;
  });

  const last = () => round.value.frames.length - 1;
  const player = usePlayer(() => {
    // While playing, hold each frame for HOLD animation frames; Step and Run to end move at once.
    if (player.playing.value && ++ticks.current % HOLD !== 0) return true;
    if (frameIndex.value >= last()) return false;
    frameIndex.value += 1;
    return frameIndex.value < last();
  });

  const { cost, frames } = round.value;
  const frame = frames[Math.min(frameIndex.value, frames.length - 1)]!;
  const rows = Math.ceil(round.value.sample / COLS);
  const structureY = TOP + rows * (CELL + GAP) + 14;
  const height = structureY + 56;
  const label = IO_MODELS.find((m) => m.value === model.value)!.label;
  const summary = cost.refused
    ? `${label} refuses ${formatCount(cost.connections)} connections: ${cost.refused}.`
    : `${label}, step ${frameIndex.value + 1} of ${frames.length}: ${formatCount(frame.syscalls)} system calls and ${formatCount(frame.examined)} descriptors examined so far, with ${formatCount(cost.ready)} of ${formatCount(cost.connections)} connections ready.`;

  return (
    <LabFigure
      id="io-round"
      controls={
        <>
          <Select label="Model" value={model} options={IO_MODELS} />
          <Slider label="Connections" value={connections} min={0} max={CONNECTION_STEPS.length - 1} format={(i) => formatCount(CONNECTION_STEPS[i]!)} />
          <Slider label="Active" value={share} min={0} max={SHARE_STEPS.length - 1} format={(i) => formatShare(SHARE_STEPS[i]!)} />
          <PlayControls
            player={player}
            done={frameIndex.value >= frames.length - 1}
            onReset={() => {
              model.value = INITIAL.model;
              connections.value = INITIAL.connections;
              share.value = INITIAL.share;
              frameIndex.value = 0;
              ticks.current = 0;
            }}
          />
        </>
      }
    >
      <div class="io-round" data-lab-output>
        <svg viewBox={`0 0 ${VIEW_W} ${height}`} role="img" aria-label={summary}>
          <Cells round={round.value} frame={frame} model={model.value} />
          <text x={LEFT} y={structureY - 2} class="io-round-range">
            {round.value.sample < cost.connections
              ? `${round.value.sample} of ${formatCount(cost.connections)} descriptors shown`
              : `all ${formatCount(cost.connections)} descriptors`}
          </text>
          <Structure model={model.value} round={round.value} frame={frame} y={structureY + 8} />
        </svg>
        <p class="io-round-caption" aria-live="polite">
          <span class="io-round-actor">{frame.actor === 'kernel' ? 'Kernel' : 'Your process'}</span>
          <span class="io-round-step">
            {frameIndex.value + 1}/{frames.length}
          </span>{' '}
          {frame.caption}
        </p>
        <p class="lab-readout">
          <span>
            System calls <strong>{formatCount(frame.syscalls)}</strong> of {formatCount(cost.syscalls)}
          </span>
          <span>
            Descriptors examined <strong>{formatCount(frame.examined)}</strong> of {formatCount(cost.examined)}
          </span>
          <span>
            Threads <strong>{formatCount(cost.threads)}</strong>
          </span>
          <span>
            Stack memory <strong>{formatBytes(cost.residentStackBytes)}</strong>
          </span>
        </p>
      </div>
    </LabFigure>
  );
}
