/**
 * The cost surface J(θ₀, θ₁) seen from above: exact elliptical contours, the minimum, an optional
 * descent path, and one point the reader drags (or places with a click). Keyboard users move the
 * same point with the figure's sliders, so the handle itself stays out of the tab order.
 */
import { useRef } from 'preact/hooks';
import { linear, pathOf } from './chart';
import { POINTS, levelSet, minimum, type Theta } from './descent';

const W = 420;
const H = 300;
const M = { left: 46, right: 12, top: 12, bottom: 40 };
/**
 * The window onto parameter space: wide enough for the whole valley floor and the first zigzags, and
 * about as many pixels per unit on both axes, so "downhill" looks perpendicular to the contours.
 */
export const T0_RANGE = [-3, 5] as const;
export const T1_RANGE = [-0.6, 4.8] as const;

const sx = linear(T0_RANGE[0], T0_RANGE[1], M.left, W - M.right);
const sy = linear(T1_RANGE[0], T1_RANGE[1], H - M.bottom, M.top);
const px = (t: Theta): [number, number] => [sx(t[0]), sy(t[1])];

/** Contour levels double each time, so rings sit about evenly apart; every other one from 1 up carries its value. */
const LEVELS = [0.125, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64];
const LABELLED = new Set([1, 4, 16, 64]);
const BEST = minimum(POINTS);

const CONTOURS = LEVELS.map((level) => {
  const ring = levelSet(POINTS, level, 96) ?? [];
  // Label each ring where it crosses the vertical through the minimum, above it: a clear column.
  const top = ring.reduce((a, b) => (Math.abs(b[0] - BEST[0]) < Math.abs(a[0] - BEST[0]) && b[1] > BEST[1] ? b : a), ring[0]!);
  return { level, d: pathOf(ring.map(px), true), label: LABELLED.has(level) && top[1] < T1_RANGE[1] - 0.15 ? px(top) : null };
});

const TICKS_T0 = [-3, -2, -1, 0, 1, 2, 3, 4, 5];
const TICKS_T1 = [0, 1, 2, 3, 4];

/** Keeps a diverging path drawable: cut it at the first point far outside the window, shortened on its line. */
function clipFar(points: Theta[]): [number, number][] {
  const out: [number, number][] = [];
  for (const t of points) {
    const p = px(t);
    const far = Math.max(Math.abs(p[0] - W / 2), Math.abs(p[1] - H / 2));
    if (far > 4 * W && out.length) {
      const prev = out[out.length - 1]!;
      const k = (4 * W) / far;
      out.push([prev[0] + (p[0] - prev[0]) * k, prev[1] + (p[1] - prev[1]) * k]);
      break;
    }
    out.push(p);
  }
  return out;
}

interface Props {
  id: string;
  label: string;
  /** The draggable point: the line's θ, or the descent's start. */
  handle: Theta;
  onMove: (theta: Theta) => void;
  /** Steps taken so far (solid) and the whole planned descent (dashed). */
  path?: Theta[];
  ghost?: Theta[];
  /** Grid the dragged point snaps to: the step of the sliders that move it too. */
  snap: number;
  /** A word beside the handle ("start"). */
  handleLabel?: string;
  /** An arrow from the handle along −∇J, this long in parameter units. */
  downhill?: [number, number] | undefined;
}

export function ContourMap({ id, label, handle, onMove, snap, path, ghost, handleLabel, downhill }: Props) {
  const svg = useRef<SVGSVGElement>(null);
  const dragging = useRef(false);

  const toTheta = (e: PointerEvent | MouseEvent): Theta => {
    const ctm = svg.current?.getScreenCTM();
    if (!ctm) return handle;
    const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(ctm.inverse());
    const clamp = (v: number, [lo, hi]: readonly [number, number]) => Number((Math.round(Math.min(hi, Math.max(lo, v)) / snap) * snap).toFixed(2));
    return [clamp(sx.invert(p.x), T0_RANGE), clamp(sy.invert(p.y), T1_RANGE)];
  };
  const down = (e: PointerEvent) => {
    dragging.current = true;
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    e.stopPropagation();
  };
  const move = (e: PointerEvent) => dragging.current && onMove(toTheta(e));
  const up = () => (dragging.current = false);
  // A click anywhere on the map puts the point there; a click on the handle itself is the end of a drag.
  const place = (e: MouseEvent) => (e.target as Element).classList.contains('descent-hit') || onMove(toTheta(e));

  const solid = path && clipFar(path);
  const [hx, hy] = px(handle);
  const last = solid?.[solid.length - 1];
  return (
    <svg ref={svg} class="descent-map" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label} onClick={place}>
      <defs>
        <clipPath id={`${id}-clip`}>
          <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
        </clipPath>
      </defs>
      <rect class="descent-frame" x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
      {TICKS_T0.map((t) => (
        <text x={sx(t)} y={H - M.bottom + 16} text-anchor="middle" key={t}>{t}</text>
      ))}
      {TICKS_T1.map((t) => (
        <text x={M.left - 8} y={sy(t) + 4} text-anchor="end" key={t}>{t}</text>
      ))}
      <text x={(M.left + W - M.right) / 2} y={H - 4} text-anchor="middle">θ₀ (intercept)</text>
      <text x={12} y={(M.top + H - M.bottom) / 2} text-anchor="middle" transform={`rotate(-90 12 ${(M.top + H - M.bottom) / 2})`}>θ₁ (slope)</text>
      <g clip-path={`url(#${id}-clip)`}>
        {CONTOURS.map((c) => (
          <path class={LABELLED.has(c.level) ? 'descent-contour descent-contour-major' : 'descent-contour'} d={c.d} key={c.level} />
        ))}
        {CONTOURS.map((c) => c.label && (
          <text class="descent-contour-label" x={c.label[0]} y={c.label[1] + 4} text-anchor="middle" key={c.level}>{c.level}</text>
        ))}
        <path class="descent-min" d={`M${sx(BEST[0]) - 5} ${sy(BEST[1]) - 5}l10 10m0 -10l-10 10`} />
        {ghost && <path class="descent-ghost" d={pathOf(clipFar(ghost))} />}
        {solid && <path class="descent-path" d={pathOf(solid)} />}
        {solid?.slice(1).map(([x, y], i) => <circle class="descent-step" cx={x} cy={y} r={2} key={i} />)}
        {last && solid.length > 1 && <circle class="descent-now" cx={last[0]} cy={last[1]} r={5} />}
      </g>
      {downhill && <Arrow from={handle} by={downhill} />}
      <circle class="descent-handle" cx={hx} cy={hy} r={7} />
      {handleLabel && <text class="descent-handle-label" x={hx + 11} y={hy - 9}>{handleLabel}</text>}
      <circle class="descent-hit" cx={hx} cy={hy} r={16} onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={up} />
    </svg>
  );
}

/** A short arrow in parameter space, head drawn in pixels so it keeps its shape. */
function Arrow({ from, by }: { from: Theta; by: [number, number] }) {
  const [x0, y0] = px(from);
  const [x1, y1] = px([from[0] + by[0], from[1] + by[1]]);
  const a = Math.atan2(y1 - y0, x1 - x0);
  const head = (turn: number) => `${Math.round((x1 - 8 * Math.cos(a + turn)) * 10) / 10} ${Math.round((y1 - 8 * Math.sin(a + turn)) * 10) / 10}`;
  return (
    <g class="descent-arrow">
      <path d={`M${Math.round(x0)} ${Math.round(y0)}L${Math.round(x1)} ${Math.round(y1)}`} />
      <path d={`M${head(0.45)}L${Math.round(x1)} ${Math.round(y1)}L${head(-0.45)}`} />
      <text x={x1 + 6 * Math.cos(a)} y={y1 + 6 * Math.sin(a) + 4} text-anchor={Math.cos(a) < 0 ? 'end' : 'start'}>−∇J</text>
    </g>
  );
}
