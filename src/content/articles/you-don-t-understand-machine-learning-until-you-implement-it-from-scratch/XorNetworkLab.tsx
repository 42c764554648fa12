/**
 * Figure: the 2-H-1 network learning XOR. Left, the decision surface (the network's output over the
 * plane) with each hidden unit's 0.5 line dashed; right, the loss of every epoch, the part not yet
 * played ghosted. The run is trained once per control change; playing moves through its snapshots.
 */
import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { PlayControls } from '../../../components/lab/PlayControls';
import { Select, Slider } from '../../../components/lab/controls';
import { usePlayer } from '../../../components/lab/use-player';
import { forward, hiddenLine, solves, trainXor, XOR } from './xor-network';
import { boundaryInWindow, heatRuns, num, px, toPixels } from './plane';
import './xor-network.css';

const SIZE = 300;
const WINDOW = { min: -0.25, max: 1.25 };
const { sx, sy } = toPixels(WINDOW, SIZE);
const EPOCHS = 5000;
/** Epochs between snapshots: one per Step and per animation frame, 200 frames in all. */
const EVERY = 25;
const CELLS = 30;

const HIDDEN_OPTIONS = [
  { value: '2', label: '2' },
  { value: '3', label: '3' },
  { value: '4', label: '4' },
] as const;

export default function XorNetworkLab() {
  const hidden = useSignal<'2' | '3' | '4'>('2');
  const lr = useSignal(1);
  const seed = useSignal(1);
  const frame = useSignal(0);
  const run = useComputed(() => trainXor(Number(hidden.value), lr.value, seed.value, EPOCHS, EVERY));
  useSignalEffect(() => {
    run.value;
    frame.value = 0;
  });
  const lastFrame = run.value.frames.length - 1;
  const player = usePlayer(() => {
    frame.value = Math.min(lastFrame, frame.value + 1);
    return frame.value < lastFrame;
  });

  const params = run.value.frames[frame.value]!;
  const epoch = frame.value * EVERY;
  const loss = run.value.losses[epoch]!;
  const outputs = XOR.map(({ x }) => forward(params, x));
  const solved = solves(params);
  const cell = SIZE / CELLS;

  return (
    <LabFigure
      id="xor-network"
      controls={
        <>
          <PlayControls player={player} done={frame.value >= lastFrame} onReset={() => (frame.value = 0)} />
          <Slider label="Learning rate" value={lr} min={0.1} max={3} step={0.1} format={(v) => v.toFixed(1)} />
          <Slider label="Seed" value={seed} min={1} max={20} />
          <Select label="Hidden units" value={hidden} options={HIDDEN_OPTIONS} />
        </>
      }
    >
      <div class="xor-panels">
        <svg
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          role="img"
          data-lab-output
          aria-label={`Epoch ${epoch}: outputs ${outputs.map((o) => num(o)).join(', ')} for (0,0), (0,1), (1,0), (1,1); ${solved ? 'XOR solved' : 'not solved yet'}.`}
        >
          {heatRuns(CELLS, WINDOW, (x) => forward(params, x)).map((r) => (
            <rect key={`${r.row}-${r.col}`} class={`xor-heat-${r.level < 0 ? 'n' : 'p'}${Math.abs(r.level)}`} x={r.col * cell} y={r.row * cell} width={r.length * cell + 0.5} height={cell + 0.5} />
          ))}
          {Array.from({ length: params.hidden }, (_, j) => {
            const { w, b } = hiddenLine(params, j);
            const seg = boundaryInWindow(w, b, WINDOW);
            if (!seg) return null;
            // Label each line near whichever end is further from the corner points' labels.
            const [a, c] = seg;
            const end = Math.abs(a[1] - 0.5) > Math.abs(c[1] - 0.5) ? c : a;
            return (
              <g key={j}>
                <line class="xor-hidden" x1={sx(a[0])} y1={sy(a[1])} x2={sx(c[0])} y2={sy(c[1])} />
                <text class="xor-hidden-label" x={Math.min(SIZE - 16, Math.max(4, sx(end[0]) + 4))} y={Math.min(SIZE - 6, Math.max(14, sy(end[1]) - 4))}>
                  h{j + 1}
                </text>
              </g>
            );
          })}
          <rect class="xor-frame" x={0} y={0} width={SIZE} height={SIZE} />
          {XOR.map(({ x, y }, i) => {
            const cx = sx(x[0]);
            const cy = sy(x[1]);
            return (
              <g key={i}>
                {y ? <circle class="xor-point-one" cx={cx} cy={cy} r={8} /> : <rect class="xor-point-zero" x={cx - 7} y={cy - 7} width={14} height={14} />}
                <text class="xor-output" x={cx} y={x[1] ? cy - 14 : cy + 24} text-anchor="middle">
                  {num(outputs[i]!)}
                </text>
              </g>
            );
          })}
        </svg>
        <LossCurve losses={run.value.losses} epoch={epoch} />
      </div>
      <p class="lab-readout" data-lab-output aria-live="polite">
        <span>
          Epoch <strong>{epoch}</strong> of {EPOCHS}
        </span>
        <span>
          loss <strong>{num(loss, 4)}</strong>
        </span>
        <span>
          η = <strong>{lr.value.toFixed(1)}</strong>
        </span>
        <strong>{solved ? 'All four points on the right side' : `${outputs.filter((o, i) => (o >= 0.5 ? 1 : 0) !== XOR[i]!.y).length} of 4 on the wrong side`}</strong>
      </p>
      <p class="xor-legend">● target 1 · ■ target 0 · numbers: the network’s output · shade: output above (blue) or below (orange) 0.5 · dashed: where a hidden unit reads 0.5</p>
    </LabFigure>
  );
}

/** The loss of every epoch on a linear axis, with ln 2 (answering 0.5 everywhere) and ln 2 / 2 marked. */
function LossCurve({ losses, epoch }: { losses: Float64Array; epoch: number }) {
  const W = 300;
  const H = 300;
  const left = 34;
  const right = W - 10;
  const top = 30;
  const bottom = H - 34;
  const max = Math.max(0.8, losses[0]!);
  const ex = (e: number) => px(left + (e / (losses.length - 1)) * (right - left));
  const ly = (l: number) => px(bottom - (l / max) * (bottom - top));
  // Every 10th epoch is plenty for 260 pixels.
  const path = (to: number) => {
    let d = `M${ex(0)},${ly(losses[0]!)}`;
    for (let e = 10; e < to; e += 10) d += `L${ex(e)},${ly(losses[e]!)}`;
    return `${d}L${ex(to)},${ly(losses[to]!)}`;
  };
  const last = losses.length - 1;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" data-lab-output aria-label={`Loss ${num(losses[epoch]!, 4)} at epoch ${epoch}; this run ends at ${num(losses[last]!, 4)}.`}>
      <text x={left} y={16}>Mean log loss</text>
      {[Math.LN2, Math.LN2 / 2].map((l, i) => (
        <g key={l}>
          <line class="xor-ref" x1={left} x2={right} y1={ly(l)} y2={ly(l)} />
          <text x={right} y={ly(l) - 5} text-anchor="end">{i ? 'ln 2 / 2: stuck on two points' : 'ln 2: guessing 0.5'}</text>
        </g>
      ))}
      <line class="xor-axis" x1={left} x2={right} y1={bottom} y2={bottom} />
      <path class="xor-loss-ghost" d={path(last)} />
      <path class="xor-loss" d={path(epoch)} />
      <circle class="xor-loss-now" cx={ex(epoch)} cy={ly(losses[epoch]!)} r={4} />
      <text x={left - 6} y={ly(0) + 4} text-anchor="end">0</text>
      <text x={left - 6} y={ly(max) + 4} text-anchor="end">{max.toFixed(1)}</text>
      <text x={left} y={H - 12}>epoch 0</text>
      <text x={right} y={H - 12} text-anchor="end">{last}</text>
    </svg>
  );
}
