/** The data and the line a θ stands for, with each point's error drawn as a dashed segment. */
import { linear, num, pathOf } from './chart';
import { POINTS, predict, type Theta } from './descent';

const W = 260;
const H = 180;
const M = { left: 30, right: 10, top: 24, bottom: 28 };
const sx = linear(0, 6, M.left, W - M.right);
const sy = linear(-2, 14, H - M.bottom, M.top);

/** The part of the line with y in [lo, hi], so a diverging θ (slope 10¹⁶) still draws as a sane segment. */
function segment(theta: Theta, lo = -50, hi = 70): [number, number][] {
  let [a, b] = [0, 6];
  if (theta[1] !== 0) {
    const [u, v] = [(lo - theta[0]) / theta[1], (hi - theta[0]) / theta[1]];
    [a, b] = [Math.max(a, Math.min(u, v)), Math.min(b, Math.max(u, v))];
  }
  return a < b ? [a, b].map((x) => [sx(x), sy(predict(theta, x))]) : [];
}

const clampY = (y: number) => Math.round(Math.min(1000, Math.max(-1000, sy(y))) * 10) / 10;

export function FitPanel({ id, theta }: { id: string; theta: Theta }) {
  const line = pathOf(segment(theta));
  return (
    <svg class="descent-panel" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`The line y = ${num(theta[0], 2)} + ${num(theta[1], 2)}x through the five data points`}>
      <defs>
        <clipPath id={`${id}-fit-clip`}>
          <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
        </clipPath>
      </defs>
      <rect class="descent-frame" x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
      <text class="descent-title" x={4} y={14}>The line: y = θ₀ + θ₁x</text>
      {[0, 5, 10].map((y) => (
        <text x={M.left - 6} y={sy(y) + 4} text-anchor="end" key={y}>{y}</text>
      ))}
      {[1, 2, 3, 4, 5].map((x) => (
        <text x={sx(x)} y={H - M.bottom + 16} text-anchor="middle" key={x}>{x}</text>
      ))}
      <text x={W - M.right} y={H - M.bottom + 16} text-anchor="end">x</text>
      <g clip-path={`url(#${id}-fit-clip)`}>
        {POINTS.xs.map((x, i) => (
          <path class="descent-residual" d={`M${sx(x)} ${sy(POINTS.ys[i] ?? 0)}V${clampY(predict(theta, x))}`} key={x} />
        ))}
        <path class="descent-line" d={line} />
        {POINTS.xs.map((x, i) => (
          <circle class="descent-point" cx={sx(x)} cy={sy(POINTS.ys[i] ?? 0)} r={4} key={x} />
        ))}
      </g>
    </svg>
  );
}
