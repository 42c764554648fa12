/**
 * Figure: logistic regression on a seeded, separable cloud. Left, the points over the model's
 * probability (shaded by confidence) with the 0.5 boundary and the 0.1 and 0.9 lines; right, every
 * point on the sigmoid at its own z, and the loss curve. Training runs once per control change.
 */
import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { PlayControls } from '../../../components/lab/PlayControls';
import { Slider } from '../../../components/lab/controls';
import { usePlayer } from '../../../components/lab/use-player';
import { logit, separableData, sigmoid, trainLogistic, type LogisticState, type Sample } from './logistic-regression';
import { boundaryInWindow, heatRuns, num, px, toPixels } from './plane';
import './logistic-regression.css';

const SIZE = 300;
const WINDOW = { min: -1.1, max: 1.1 };
const { sx, sy } = toPixels(WINDOW, SIZE);
const EPOCHS = 400;
/** Epochs per Step, and per animation frame while playing: 200 frames, a little over 3 s. */
const STRIDE = 2;
const CELLS = 30;
/** z where the model says 0.9: its 0.1 and 0.9 lines sit at z = ±ln 9. */
const Z90 = Math.log(9);

export default function LogisticRegressionLab() {
  const lr = useSignal(1);
  const seed = useSignal(3);
  const cursor = useSignal(0);
  const data = useComputed(() => separableData(seed.value));
  const states = useComputed(() => trainLogistic(data.value, lr.value, seed.value, EPOCHS));
  useSignalEffect(() => {
    states.value;
    cursor.value = 0;
  });
  const player = usePlayer(() => {
    cursor.value = Math.min(EPOCHS, cursor.value + STRIDE);
    return cursor.value < EPOCHS;
  });

  const epoch = cursor.value;
  const s = states.value[epoch]!;
  const wrong = data.value.filter((d) => (logit(s, d.x) > 0 ? 1 : 0) !== d.y).length;
  const boundary = boundaryInWindow(s.w, s.b, WINDOW);
  const cell = SIZE / CELLS;

  return (
    <LabFigure
      id="logistic-regression"
      controls={
        <>
          <PlayControls player={player} done={epoch >= EPOCHS} onReset={() => (cursor.value = 0)} />
          <Slider label="Learning rate" value={lr} min={0.1} max={5} step={0.1} format={(v) => v.toFixed(1)} />
          <Slider label="Seed" value={seed} min={1} max={20} />
        </>
      }
    >
      <div class="logistic-panels">
        <svg
          viewBox={`0 0 ${SIZE} ${SIZE}`}
          role="img"
          data-lab-output
          aria-label={`Epoch ${epoch}: the boundary ${num(s.w[0])}·x1 + ${num(s.w[1])}·x2 + ${num(s.b)} = 0 misclassifies ${wrong} of ${data.value.length} points; loss ${num(s.loss, 3)}.`}
        >
          {heatRuns(CELLS, WINDOW, (x) => sigmoid(logit(s, x))).map((r) => (
            <rect key={`${r.row}-${r.col}`} class={`logistic-heat-${r.level < 0 ? 'n' : 'p'}${Math.abs(r.level)}`} x={r.col * cell} y={r.row * cell} width={r.length * cell + 0.5} height={cell + 0.5} />
          ))}
          {[-Z90, Z90].map((z) => {
            const seg = boundaryInWindow(s.w, s.b - z, WINDOW);
            return seg && <line key={z} class="logistic-contour" x1={sx(seg[0][0])} y1={sy(seg[0][1])} x2={sx(seg[1][0])} y2={sy(seg[1][1])} />;
          })}
          {boundary && <line class="logistic-boundary" x1={sx(boundary[0][0])} y1={sy(boundary[0][1])} x2={sx(boundary[1][0])} y2={sy(boundary[1][1])} />}
          <rect class="logistic-frame" x={0} y={0} width={SIZE} height={SIZE} />
          {data.value.map((d, i) => (
            <Marker key={i} sample={d} cx={sx(d.x[0])} cy={sy(d.x[1])} />
          ))}
        </svg>
        <SigmoidAndLoss data={data.value} states={states.value} epoch={epoch} />
      </div>
      <p class="lab-readout" data-lab-output aria-live="polite">
        <span>
          Epoch <strong>{epoch}</strong> of {EPOCHS}
        </span>
        <span>
          loss <strong>{num(s.loss, 3)}</strong>
        </span>
        <span>
          w = <strong>[{num(s.w[0])}, {num(s.w[1])}]</strong> b = <strong>{num(s.b)}</strong> η = <strong>{lr.value.toFixed(1)}</strong>
        </span>
        <span>
          wrong side: <strong>{wrong}</strong>
        </span>
      </p>
      <p class="logistic-legend">● class 1 · ■ class 0 · solid line: p = 0.5 · dashed: p = 0.1 and 0.9 · deeper shade, more confident</p>
    </LabFigure>
  );
}

function Marker({ sample, cx, cy }: { sample: Sample; cx: number; cy: number }) {
  return sample.y ? <circle class="logistic-point-one" cx={cx} cy={cy} r={4.5} /> : <rect class="logistic-point-zero" x={cx - 4} y={cy - 4} width={8} height={8} />;
}

/** Top: each point at (z, σ(z)) on the curve. Bottom: the loss so far, with the rest of the run ghosted. */
function SigmoidAndLoss({ data, states, epoch }: { data: Sample[]; states: LogisticState[]; epoch: number }) {
  const W = 300;
  const left = 30;
  const right = W - 8;
  const Z = 10;
  const zx = (z: number) => px(left + ((Math.max(-Z, Math.min(Z, z)) + Z) / (2 * Z)) * (right - left));
  const pTop = 26;
  const pBottom = 126;
  const py = (p: number) => px(pBottom - p * (pBottom - pTop));
  const curve = Array.from({ length: 81 }, (_, i) => {
    const z = -Z + (i / 80) * 2 * Z;
    return `${i ? 'L' : 'M'}${zx(z)},${py(sigmoid(z))}`;
  }).join('');

  const lTop = 178;
  const lBottom = 272;
  const maxLoss = Math.max(0.8, states[0]!.loss);
  const ex = (e: number) => px(left + (e / (states.length - 1)) * (right - left));
  const ly = (l: number) => px(lBottom - (l / maxLoss) * (lBottom - lTop));
  const path = (from: number, to: number) =>
    states
      .slice(from, to + 1)
      .map((s, i) => `${i ? 'L' : 'M'}${ex(from + i)},${ly(s.loss)}`)
      .join('');
  const s = states[epoch]!;

  return (
    <svg viewBox={`0 0 ${W} 300`} role="img" data-lab-output aria-label={`Loss ${num(s.loss, 3)} at epoch ${epoch}, down from ${num(states[0]!.loss, 3)}.`}>
      <text x={left} y={14}>σ(z): each point at its own z</text>
      <line class="logistic-axis" x1={left} x2={right} y1={py(0.5)} y2={py(0.5)} stroke-dasharray="2 3" />
      <line class="logistic-axis" x1={zx(0)} x2={zx(0)} y1={pTop} y2={pBottom} stroke-dasharray="2 3" />
      <path class="logistic-sigmoid" d={curve} />
      {data.map((d, i) => {
        const z = logit(s, d.x);
        return <Marker key={i} sample={d} cx={zx(z)} cy={py(sigmoid(z))} />;
      })}
      <text x={left - 6} y={py(1) + 4} text-anchor="end">1</text>
      <text x={left - 6} y={py(0) + 4} text-anchor="end">0</text>
      <text x={left} y={pBottom + 16}>z = −10</text>
      <text x={zx(0)} y={pBottom + 16} text-anchor="middle">0</text>
      <text x={right} y={pBottom + 16} text-anchor="end">10</text>

      <text x={left} y={lTop - 10}>Mean log loss</text>
      <line class="logistic-axis" x1={left} x2={right} y1={lBottom} y2={lBottom} />
      <path class="logistic-loss-ghost" d={path(0, states.length - 1)} />
      <path class="logistic-loss" d={path(0, epoch)} />
      <circle class="logistic-loss-now" cx={ex(epoch)} cy={ly(s.loss)} r={3.5} />
      <text x={left - 6} y={ly(0) + 4} text-anchor="end">0</text>
      <text x={left - 6} y={ly(maxLoss) + 4} text-anchor="end">{maxLoss.toFixed(1)}</text>
      <text x={left} y={lBottom + 16}>epoch 0</text>
      <text x={right} y={lBottom + 16} text-anchor="end">{states.length - 1}</text>
    </svg>
  );
}
