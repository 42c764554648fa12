/**
 * Figure: the perceptron on AND, OR or XOR, one point at a time. Left, the unit square with the
 * current line and the side it calls 1; right, the mistakes of each epoch. The whole run is computed
 * when a control changes; playing only moves a cursor through its steps.
 */
import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { LabFigure } from '../../../components/lab/LabFigure';
import { PlayControls } from '../../../components/lab/PlayControls';
import { Select, Slider } from '../../../components/lab/controls';
import { usePlayer } from '../../../components/lab/use-player';
import { CORNERS, GATES, predict, trainPerceptron, type Gate } from './perceptron';
import { boundaryInWindow, num, positiveRegion, toPixels } from './plane';
import './perceptron.css';

const SIZE = 300;
const WINDOW = { min: -0.5, max: 1.5 };
const { sx, sy } = toPixels(WINDOW, SIZE);
const MAX_EPOCHS = 60;
/** While playing, one update every this many animation frames: about 15 a second, slow enough to follow. */
const FRAMES_PER_UPDATE = 4;

const GATE_OPTIONS = [
  { value: 'AND', label: 'AND' },
  { value: 'OR', label: 'OR' },
  { value: 'XOR', label: 'XOR' },
] as const;

export default function PerceptronLab() {
  const gate = useSignal<Gate>('AND');
  const lr = useSignal(0.2);
  const seed = useSignal(1);
  const cursor = useSignal(0);
  const run = useComputed(() => trainPerceptron(gate.value, lr.value, seed.value, MAX_EPOCHS));
  // A new run starts from its first step.
  useSignalEffect(() => {
    run.value;
    cursor.value = 0;
  });

  const frames = useRef(0);
  const last = run.value.steps.length - 1;
  const player = usePlayer(() => {
    if (player.playing.value && ++frames.current % FRAMES_PER_UPDATE !== 0) return true;
    if (cursor.value >= last) return false;
    cursor.value++;
    return cursor.value < last;
  });

  const { steps, mistakesPerEpoch, convergedAt } = run.value;
  const step = steps[Math.min(cursor.value, last)]!;
  const targets = GATES[gate.value];
  const wrong = CORNERS.filter((x, i) => predict(step.w, step.b, x) !== targets[i]).length;
  const region = positiveRegion(step.w, step.b, WINDOW);
  const line = boundaryInWindow(step.w, step.b, WINDOW);
  const equation = `${num(step.w[0])}·x1 + ${num(step.w[1])}·x2 + ${num(step.b)} = 0`.replace(/\+ −/g, '− ');
  const done = cursor.value >= last;
  const outcome = !done
    ? ''
    : convergedAt !== null
      ? `Converged: epoch ${convergedAt} had no mistakes.`
      : `Stopped after ${MAX_EPOCHS} epochs: not one without a mistake.`;

  return (
    <LabFigure
      id="perceptron"
      controls={
        <>
          <PlayControls player={player} done={done} onReset={() => (cursor.value = 0)} />
          <Select label="Data" value={gate} options={GATE_OPTIONS} />
          <Slider label="Learning rate" value={lr} min={0.05} max={1} step={0.05} format={(v) => v.toFixed(2)} />
          <Slider label="Seed" value={seed} min={1} max={20} />
        </>
      }
    >
      <div class="perceptron-panels">
        <svg
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          role="img"
          data-lab-output
          aria-label={`${gate.value}, epoch ${step.epoch}: the line ${equation} leaves ${wrong} of 4 points on the wrong side.`}
        >
          {region.length > 2 && <polygon class="perceptron-positive" points={region.map(([x, y]) => `${sx(x)},${sy(y)}`).join(' ')} />}
          {[0, 1].map((t) => (
            <g key={t}>
              <line class="perceptron-grid" x1={sx(t)} x2={sx(t)} y1={0} y2={SIZE} />
              <line class="perceptron-grid" x1={0} x2={SIZE} y1={sy(t)} y2={sy(t)} />
            </g>
          ))}
          <rect class="perceptron-frame" x={0} y={0} width={SIZE} height={SIZE} />
          <text x={SIZE - 6} y={sy(0) - 6} text-anchor="end">x1</text>
          <text x={sx(0) + 6} y={14}>x2</text>
          <text x={sx(1) + 4} y={SIZE - 6}>1</text>
          <text x={4} y={sy(1) - 4}>1</text>
          <text x={sx(0) + 4} y={SIZE - 6}>0</text>
          {line && <line class="perceptron-line" x1={sx(line[0][0])} y1={sy(line[0][1])} x2={sx(line[1][0])} y2={sy(line[1][1])} />}
          {CORNERS.map((x, i) => {
            const cx = sx(x[0]);
            const cy = sy(x[1]);
            const miss = predict(step.w, step.b, x) !== targets[i];
            const below = x[1] === 0;
            return (
              <g key={i}>
                {step.point === i && <circle class="perceptron-current" cx={cx} cy={cy} r={17} />}
                {targets[i] ? <circle class="perceptron-one" cx={cx} cy={cy} r={8} /> : <rect class="perceptron-zero" x={cx - 7} y={cy - 7} width={14} height={14} />}
                <text class={miss ? 'perceptron-miss' : ''} x={cx} y={below ? cy + 30 : cy - 22} text-anchor="middle">
                  {`y=${targets[i]}${miss ? ' ✗' : ''}`}
                </text>
              </g>
            );
          })}
        </svg>
        <MistakesChart perEpoch={mistakesPerEpoch} epoch={step.epoch} current={step.epochMistakes} convergedAt={done ? convergedAt : null} />
      </div>
      <p class="lab-readout" data-lab-output aria-live="polite">
        <span>
          Epoch <strong>{step.epoch}</strong>
          {step.point >= 0 && <> · point ({CORNERS[step.point]!.join(',')}) {step.mistake ? 'misclassified, weights move' : 'right, nothing moves'}</>}
        </span>
        <span>
          w = <strong>[{num(step.w[0])}, {num(step.w[1])}]</strong> b = <strong>{num(step.b)}</strong> η = <strong>{lr.value.toFixed(2)}</strong>
        </span>
        {!line && <span>The line is outside this view: every point gets {region.length ? 1 : 0}.</span>}
        {outcome && <strong>{outcome}</strong>}
      </p>
      <p class="perceptron-legend">● target 1 · ■ target 0 · shaded side: predicts 1 · ✗ wrong side</p>
    </LabFigure>
  );
}

interface ChartProps {
  perEpoch: number[];
  epoch: number;
  /** Mistakes so far in the epoch under way. */
  current: number;
  convergedAt: number | null;
}

/** Bars of mistakes per epoch, up to the cursor; the epoch under way is drawn lighter. */
function MistakesChart({ perEpoch, epoch, current, convergedAt }: ChartProps) {
  const W = 300;
  const H = 240;
  const left = 34;
  const bottom = H - 34;
  const top = 36;
  const slots = Math.max(12, perEpoch.length);
  const bw = (W - left - 8) / slots;
  const by = (m: number) => bottom - (m / 4) * (bottom - top);
  const bars = perEpoch.slice(0, Math.max(0, epoch - 1));
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" data-lab-output aria-label={`Mistakes per epoch: ${bars.join(', ') || 'none yet'}${epoch ? `; ${current} so far in epoch ${epoch}` : ''}.`}>
      <text x={left} y={18}>Mistakes per epoch (of 4)</text>
      {[0, 1, 2, 3, 4].map((m) => (
        <g key={m}>
          <line class="perceptron-grid" x1={left} x2={W - 8} y1={by(m)} y2={by(m)} />
          <text x={left - 8} y={by(m) + 4} text-anchor="end">{m}</text>
        </g>
      ))}
      {bars.map((m, i) => (
        <rect key={i} class="perceptron-bar" x={left + i * bw + 0.5} y={by(m)} width={Math.max(1, bw - 1)} height={bottom - by(m)} />
      ))}
      {epoch > 0 && (
        <rect class="perceptron-bar perceptron-bar-now" x={left + (epoch - 1) * bw + 0.5} y={by(current)} width={Math.max(1, bw - 1)} height={bottom - by(current)} />
      )}
      {convergedAt !== null && (
        <text class="perceptron-done" x={Math.min(left + (convergedAt - 0.5) * bw, W - 8)} y={bottom - 8} text-anchor="middle">0 ✓</text>
      )}
      <text x={W - 8} y={H - 8} text-anchor="end">epoch →</text>
      <text x={left} y={H - 8}>1</text>
    </svg>
  );
}
