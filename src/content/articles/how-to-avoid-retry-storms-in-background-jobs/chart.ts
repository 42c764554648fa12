/**
 * Geometry for the storm chart, kept out of the component so it stays a drawing: per-second series
 * squeezed into pixel columns, a square-root scale, and tick steps. No DOM.
 */

/** Splits `values` into `columns` runs of seconds and keeps the largest of each (peaks survive). */
export function columnMax(values: ArrayLike<number>, columns: number): number[] {
  const out: number[] = [];
  const per = Math.max(1, values.length / columns);
  for (let c = 0; c * per < values.length; c++) {
    let max = 0;
    const end = Math.min(values.length, Math.floor((c + 1) * per));
    for (let i = Math.floor(c * per); i < end; i++) if (values[i]! > max) max = values[i]!;
    out.push(max);
  }
  return out;
}

/** The largest of `steps` that still gives at most `most` ticks over `span`. */
export function tickStep(span: number, most: number, steps: readonly number[]): number {
  return steps.find((s) => span / s <= most) ?? steps[steps.length - 1]!;
}

/** An SVG path of a step area over columns from `x0` with width `w` each, down to `base`. */
export function stepArea(values: readonly number[], x0: number, w: number, y: (v: number) => number, base: number): string {
  let d = `M${x0},${base}`;
  values.forEach((v, i) => {
    const top = y(v).toFixed(1);
    d += `V${top}H${(x0 + (i + 1) * w).toFixed(1)}`;
  });
  return `${d}V${base}Z`;
}

/** Runs of true values as [start, end) index pairs. */
export function runs(flags: readonly boolean[]): [number, number][] {
  const out: [number, number][] = [];
  let start = -1;
  flags.forEach((on, i) => {
    if (on && start < 0) start = i;
    if (!on && start >= 0) {
      out.push([start, i]);
      start = -1;
    }
  });
  if (start >= 0) out.push([start, flags.length]);
  return out;
}

/** "12 min 49 s", "1 h 24 min" */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** "12:49", "1:23:59": compact, for table cells. */
export function clock(seconds: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
}
