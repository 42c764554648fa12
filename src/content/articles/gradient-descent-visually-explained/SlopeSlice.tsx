/**
 * One slice through the bowl: θ₀ held fixed, the cost as a function of θ₁ alone. The tangent at the
 * chosen θ₁ has slope ∂J/∂θ₁, and one step of size α along −slope lands where the hollow ring is.
 */
import { useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Slider } from '../../../components/lab/controls';
import { linear, num, pathOf } from './chart';
import { POINTS, cost, gradient, hessian, numericGradient, regime, type Regime } from './descent';
import './descent.css';

const W = 400;
const H = 250;
const M = { left: 44, right: 14, top: 14, bottom: 42 };
const sx = linear(0, 4, M.left, W - M.right);
const sy = linear(0, 30, H - M.bottom, M.top);
/** The slice's curvature, ∂²J/∂θ₁² = mean x²: the same for every θ₀. */
const CURVATURE = hessian(POINTS).d;
const TANGENT_HALF = 0.8;

const STEP_TEXT: Record<Regime, string> = {
  crawl: 'a small step in the right direction',
  converge: 'short of the bottom, on the same side',
  zigzag: 'past the bottom, but lower than it started',
  diverge: 'past the bottom and higher than it started',
};

export default function SlopeSlice() {
  const t0 = useSignal(1.05);
  const t1 = useSignal(0.5);
  const alpha = useSignal(0.05);

  const J = (b: number) => cost(POINTS, [t0.value, b]);
  const p = t1.value;
  const slope = gradient(POINTS, [t0.value, p])[1];
  const numeric = numericGradient((t) => cost(POINTS, t), [t0.value, p])[1];
  const next = p - alpha.value * slope;
  const curve = Array.from({ length: 81 }, (_, i) => [sx(i / 20), sy(J(i / 20))] as const);
  const tangent = [p - TANGENT_HALF, p + TANGENT_HALF].map((b) => [sx(b), sy(J(p) + slope * (b - p))] as const);
  const kind = regime(alpha.value, CURVATURE);
  const outcome = Math.abs(slope) < 1e-6 ? 'at the bottom the slope is zero, and so is the step' : STEP_TEXT[kind];
  const axisY = H - M.bottom - 10;
  const label = `Slice at θ₀ = ${num(t0.value, 2)}: at θ₁ = ${num(p, 2)} the cost is ${num(J(p))} and the slope is ${num(slope, 2)}; one step with α = ${alpha.value} moves θ₁ to ${num(next, 2)}, cost ${num(J(next))}.`;

  return (
    <LabFigure
      id="slope-slice"
      controls={
        <>
          <Slider label="θ₁" value={t1} min={0} max={4} step={0.05} format={(v) => num(v, 2)} />
          <Slider label="α" value={alpha} min={0.01} max={0.2} step={0.01} format={(v) => num(v, 2)} />
          <Slider label="Slice at θ₀" value={t0} min={-1} max={3} step={0.05} format={(v) => num(v, 2)} />
        </>
      }
    >
      <div class="descent-panels">
        <svg class="descent-slice" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} data-lab-output>
          <defs>
            <clipPath id="slope-slice-clip">
              <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
            </clipPath>
            <marker id="slope-slice-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path class="descent-arrowhead" d="M0 0L10 5L0 10Z" />
            </marker>
          </defs>
          <rect class="descent-frame" x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
          {[0, 10, 20, 30].map((v) => (
            <text x={M.left - 8} y={sy(v) + 4} text-anchor="end" key={v}>{v}</text>
          ))}
          {[0, 1, 2, 3, 4].map((v) => (
            <text x={sx(v)} y={H - M.bottom + 16} text-anchor="middle" key={v}>{v}</text>
          ))}
          <text x={(M.left + W - M.right) / 2} y={H - 6} text-anchor="middle">θ₁ (θ₀ held at {num(t0.value, 2)})</text>
          <text x={M.left + 8} y={M.top + 16}>J</text>
          <g clip-path="url(#slope-slice-clip)">
            <path class="descent-curve" d={pathOf(curve)} />
            <path class="descent-tangent" d={pathOf(tangent)} />
            <path class="descent-drop" d={`M${sx(next)} ${axisY}V${sy(J(next))}`} />
            {Math.abs(next - p) > 0.02 && (
              <path class="descent-step-arrow" d={`M${sx(p)} ${axisY}H${Math.round(sx(next) * 10) / 10}`} marker-end="url(#slope-slice-head)" />
            )}
            <circle class="descent-landing" cx={sx(next)} cy={sy(J(next))} r={5} />
            <circle class="descent-now" cx={sx(p)} cy={sy(J(p))} r={5} />
          </g>
          <text class="descent-tangent-label" x={sx(p)} y={Math.max(M.top + 14, sy(J(p)) - 14)} text-anchor={p < 2 ? 'start' : 'end'}>
            slope {num(slope, 2)}
          </text>
        </svg>
        <div class="descent-readout" data-lab-output>
          <p>
            At θ₁ = {num(p, 2)}: J = <strong>{num(J(p))}</strong>
          </p>
          <p aria-live="polite">
            Slope ∂J/∂θ₁ = <strong>{num(slope)}</strong> by the formula, {num(numeric)} by central differences.
          </p>
          <p>
            One step: θ₁ ← {num(p, 2)} − {num(alpha.value, 2)} × ({num(slope, 2)}) = <strong>{num(next, 2)}</strong>, where J = {num(J(next))}{' '}
            ({J(next) < J(p) ? 'lower' : 'higher'}): {outcome}.
          </p>
        </div>
      </div>
    </LabFigure>
  );
}
