/**
 * Cost per step, as the distance above the minimum on a log scale: on a quadratic every regime is then
 * a straight line (a constant factor per step), falling when α is below 2/L and climbing above it.
 */
import { linear, pathOf, powerOfTen } from './chart';

const W = 260;
const H = 180;
const M = { left: 38, right: 10, top: 24, bottom: 28 };
const LOG_MIN = -4;
const LOG_MAX = 3;

interface Props {
  id: string;
  /** J − J_min at every step of the planned descent, step 0 first. */
  excess: number[];
  /** Steps taken so far. */
  step: number;
  label: string;
}

export function CostChart({ id, excess, step, label }: Props) {
  const steps = excess.length - 1;
  const sx = linear(0, steps, M.left, W - M.right);
  const sy = linear(LOG_MIN, LOG_MAX, H - M.bottom, M.top);
  // Below 10⁻⁴ is "at the minimum" for this picture; above the top the clip hides a diverging run.
  const y = (e: number) => sy(Math.min(LOG_MAX + 2, Math.max(LOG_MIN, Math.log10(Math.max(e, 1e-300)))));
  const points = excess.map((e, k) => [sx(k), y(e)] as const);
  const now = points[step]!;
  return (
    <svg class="descent-panel" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
      <defs>
        <clipPath id={`${id}-cost-clip`}>
          <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
        </clipPath>
      </defs>
      <rect class="descent-frame" x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
      <text class="descent-title" x={4} y={14}>Cost per step: J − J_min (log scale)</text>
      {[-4, -2, 0, 2].map((p) => (
        <g key={p}>
          <path class="descent-grid" d={`M${M.left} ${sy(p)}H${W - M.right}`} />
          <text x={M.left - 6} y={sy(p) + 4} text-anchor="end">{powerOfTen(p)}</text>
        </g>
      ))}
      {[0, steps / 2, steps].map((k) => (
        <text x={sx(k)} y={H - M.bottom + 16} text-anchor={k === 0 ? 'start' : k === steps ? 'end' : 'middle'} key={k}>{k === steps ? `step ${k}` : k}</text>
      ))}
      <g clip-path={`url(#${id}-cost-clip)`}>
        <path class="descent-ghost" d={pathOf(points)} />
        <path class="descent-path" d={pathOf(points.slice(0, step + 1))} />
        <circle class="descent-now" cx={now[0]} cy={now[1]} r={4} />
      </g>
    </svg>
  );
}
