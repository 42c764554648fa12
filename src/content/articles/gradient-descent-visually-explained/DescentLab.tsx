/**
 * The descent itself: pick a start (drag it, click the map, or use the sliders) and a learning rate,
 * then step or play. The map shows the path, the side panels the line at the current step and the
 * cost per step, and the readout the update rule with this step's numbers in it.
 */
import { useComputed, useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import { LabFigure } from '../../../components/lab/LabFigure';
import { PlayControls } from '../../../components/lab/PlayControls';
import { Slider } from '../../../components/lab/controls';
import { usePlayer } from '../../../components/lab/use-player';
import { num } from './chart';
import { ContourMap, T0_RANGE } from './ContourMap';
import { CostChart } from './CostChart';
import { FitPanel } from './FitPanel';
import { POINTS, cost, descend, eigen, hessian, minimum, regime, type Regime, type Theta } from './descent';
import './descent.css';

const STEPS = 100;
/** Learning rates on the slider: dense where the regimes change (near 1/L ≈ 0.085 and 2/L ≈ 0.169). */
const ALPHAS = [
  0.001, 0.002, 0.003, 0.005, 0.0075, 0.01, 0.0125, 0.015, 0.02, 0.025, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1, 0.11,
  0.12, 0.13, 0.14, 0.15, 0.16, 0.165, 0.168, 0.17, 0.175, 0.18, 0.19, 0.2,
];
const START_ALPHA = ALPHAS.indexOf(0.08);
const START: Theta = [0, 0];
/** The start slider's range for θ₁: the map's window less a margin, so the handle is never cut in half. */
const START_T1 = [-0.5, 4.5] as const;
const L = eigen(hessian(POINTS)).large;
const J_MIN = cost(POINTS, minimum(POINTS));

const REGIME_TEXT: Record<Regime, string> = {
  crawl: 'every step goes the right way, and is tiny',
  converge: 'the steep direction is gone in a few steps, then a walk along the valley floor',
  zigzag: 'each step overshoots the valley and lands on the other side, a little lower',
  diverge: 'each overshoot is larger than the last, and the cost grows without bound',
};

/** Play slowly at first, where each step is worth watching, then faster (frames per step). */
const framesPerStep = (k: number) => (k < 10 ? 8 : k < 30 ? 3 : 1);

export default function DescentLab() {
  const alphaIndex = useSignal(START_ALPHA);
  const start0 = useSignal(START[0]);
  const start1 = useSignal(START[1]);
  const step = useSignal(0);
  const frames = useRef(0);

  const alpha = useComputed(() => ALPHAS[alphaIndex.value] ?? 0.08);
  const path = useComputed(() => descend(POINTS, [start0.value, start1.value], alpha.value, STEPS));

  const advance = () => {
    if (step.value >= STEPS) return false;
    // While playing, hold each step for a few frames; Step and Run to end move at once.
    if (player.playing.peek()) {
      if (++frames.current < framesPerStep(step.value)) return true;
      frames.current = 0;
    }
    step.value++;
    return step.value < STEPS;
  };
  const player = usePlayer(advance);
  const reset = () => {
    alphaIndex.value = START_ALPHA;
    start0.value = START[0];
    start1.value = START[1];
    step.value = 0;
  };

  const k = step.value;
  const states = path.value;
  const now = states[k]!;
  const a = alpha.value;
  const kind = regime(a, L);
  const next: Theta = [now.theta[0] - a * now.grad[0], now.theta[1] - a * now.grad[1]];
  const summary = `α = ${a}, αL = ${num(a * L, 2)}: ${kind}`;
  const constants = `L = ${num(L, 2)}, so 1/L = ${num(1 / L, 4)} and 2/L = ${num(2 / L, 4)}`;

  return (
    <LabFigure
      id="descent-lab"
      controls={
        <>
          <Slider label="Learning rate α" value={alphaIndex} min={0} max={ALPHAS.length - 1} format={(i) => String(ALPHAS[i])} />
          <Slider label="Start θ₀" value={start0} min={T0_RANGE[0]} max={T0_RANGE[1]} step={0.1} format={(v) => num(v, 2)} />
          <Slider label="Start θ₁" value={start1} min={START_T1[0]} max={START_T1[1]} step={0.1} format={(v) => num(v, 2)} />
          <PlayControls player={player} onReset={reset} done={k >= STEPS} />
        </>
      }
    >
      <div class="descent-panels" data-lab-output>
        <ContourMap
          id="descent-lab"
          label={`Descent from (${num(start0.value, 2)}, ${num(start1.value, 2)}) with ${summary}. Step ${k} of ${STEPS}, cost ${num(now.cost)}.`}
          snap={0.1}
          handle={[start0.value, start1.value]}
          handleLabel="start"
          onMove={([t0, t1]) => {
            start0.value = t0;
            start1.value = Math.min(START_T1[1], Math.max(START_T1[0], t1));
          }}
          path={states.slice(0, k + 1).map((s) => s.theta)}
          ghost={states.map((s) => s.theta)}
        />
        <div class="descent-side">
          <FitPanel id="descent-lab" theta={now.theta} />
          <CostChart
            id="descent-lab"
            excess={states.map((s) => s.cost - J_MIN)}
            step={k}
            label={`Cost per step: ${num(states[0]!.cost)} at the start, ${num(now.cost)} at step ${k}, ${num(states[STEPS]!.cost)} after ${STEPS} steps.`}
          />
        </div>
      </div>
      <div class="descent-readout" data-lab-output>
        <p aria-live="polite">
          <strong class="descent-regime">{kind}</strong>: α = {a}, αL = {num(a * L, 2)} ({constants}). Here {REGIME_TEXT[kind]}.
        </p>
        <p>
          Step <strong>{k}</strong> of {STEPS}: J = <strong>{num(now.cost, 4)}</strong>. The next step, θ := θ − α∇J(θ):
        </p>
        <p class="descent-rule mono">
          θ₀ ← {num(now.theta[0])} − {a} × ({num(now.grad[0])}) = {num(next[0])}
          <br />
          θ₁ ← {num(now.theta[1])} − {a} × ({num(now.grad[1])}) = {num(next[1])}
        </p>
      </div>
    </LabFigure>
  );
}
