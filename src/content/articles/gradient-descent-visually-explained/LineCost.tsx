/**
 * Every line is a point on the cost map: move θ₀ and θ₁ (sliders, drag, or a click on the map) and
 * the line, its errors and its cost change together. The arrow is −∇J, the way downhill from there.
 */
import { useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Slider } from '../../../components/lab/controls';
import { num } from './chart';
import { ContourMap, T0_RANGE } from './ContourMap';
import { FitPanel } from './FitPanel';
import { POINTS, cost, gradient, minimum, type Theta } from './descent';
import './descent.css';

const T1 = [-0.5, 4.5] as const;
const BEST = minimum(POINTS);
const ARROW = 0.9;

export default function LineCost() {
  const t0 = useSignal(0);
  const t1 = useSignal(1);
  const theta: Theta = [t0.value, t1.value];
  const j = cost(POINTS, theta);
  const g = gradient(POINTS, theta);
  const size = Math.hypot(g[0], g[1]);
  const downhill: [number, number] | undefined = size > 1e-3 ? [(-g[0] / size) * ARROW, (-g[1] / size) * ARROW] : undefined;
  const line = `y = ${num(t0.value, 2)} + ${num(t1.value, 2)}x`;
  return (
    <LabFigure
      id="line-cost"
      controls={
        <>
          <Slider label="Intercept θ₀" value={t0} min={T0_RANGE[0]} max={T0_RANGE[1]} step={0.05} format={(v) => num(v, 2)} />
          <Slider label="Slope θ₁" value={t1} min={T1[0]} max={T1[1]} step={0.05} format={(v) => num(v, 2)} />
        </>
      }
    >
      <div class="descent-panels" data-lab-output>
        <ContourMap
          id="line-cost"
          label={`The line ${line} is the point (${num(t0.value, 2)}, ${num(t1.value, 2)}) on the cost map, where J = ${num(j)}; the minimum is at (${num(BEST[0], 2)}, ${num(BEST[1], 2)}).`}
          snap={0.05}
          handle={theta}
          onMove={([a, b]) => {
            t0.value = a;
            t1.value = Math.min(T1[1], Math.max(T1[0], b));
          }}
          downhill={downhill}
        />
        <div class="descent-side">
          <FitPanel id="line-cost" theta={theta} />
          <div class="descent-readout">
            <p aria-live="polite">
              {line}
              <br />
              J(θ₀, θ₁) = <strong>{num(j)}</strong>
              <br />
              ∇J = ({num(g[0], 2)}, {num(g[1], 2)})
            </p>
            <p>
              Best line: y = {num(BEST[0], 2)} + {num(BEST[1], 2)}x
              <br />
              with J = {num(cost(POINTS, BEST), 4)}
            </p>
          </div>
        </div>
      </div>
    </LabFigure>
  );
}
