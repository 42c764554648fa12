/**
 * Geometry shared by the figures that draw a linear boundary w·x + b = 0 over a square window:
 * the part of the window the model calls positive, and the segment of the line inside it.
 */
export type Vec = [number, number];

/** A square window [min, max]² in model coordinates. */
export interface Window {
  min: number;
  max: number;
}

/**
 * The polygon of the window where w·x + b > 0 (one pass of Sutherland–Hodgman against a single
 * half-plane). Empty when the whole window is on the negative side.
 */
export function positiveRegion(w: Vec, b: number, win: Window): Vec[] {
  const { min, max } = win;
  const square: Vec[] = [[min, min], [max, min], [max, max], [min, max]];
  const f = (p: Vec) => w[0] * p[0] + w[1] * p[1] + b;
  const out: Vec[] = [];
  for (let i = 0; i < square.length; i++) {
    const p = square[i]!;
    const q = square[(i + 1) % square.length]!;
    const fp = f(p);
    const fq = f(q);
    if (fp > 0) out.push(p);
    if (fp > 0 !== fq > 0) {
      const t = fp / (fp - fq);
      out.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
    }
  }
  return out;
}

/** The segment of w·x + b = 0 inside the window, or null when the line misses it (or w is 0). */
export function boundaryInWindow(w: Vec, b: number, win: Window): [Vec, Vec] | null {
  const { min, max } = win;
  const hits: Vec[] = [];
  if (w[1] !== 0) {
    for (const x of [min, max]) {
      const y = -(w[0] * x + b) / w[1] + 0; // + 0 turns -0 into 0
      if (y >= min && y <= max) hits.push([x, y]);
    }
  }
  if (w[0] !== 0) {
    for (const y of [min, max]) {
      const x = -(w[1] * y + b) / w[0] + 0;
      if (x > min && x < max) hits.push([x, y]);
    }
  }
  return hits.length >= 2 ? [hits[0]!, hits[1]!] : null;
}

/** Numbers as the figures print them: fixed digits, a real minus sign. */
export function num(v: number, digits = 2): string {
  const s = v.toFixed(digits);
  return (s.startsWith('-') ? `−${s.slice(1)}` : s).replace(/^−(0\.0+)$/, '$1');
}

/** One horizontal run of equal cells in a heat map: row, first column, length, signed level. */
export interface HeatRun {
  row: number;
  col: number;
  length: number;
  /** −levels…levels: the sign says which class, the size how far p is from 0.5. 0 is left blank. */
  level: number;
}

/**
 * A probability map over an n × n grid as runs of equal shade. Quantizing p into a few levels and
 * merging neighbours keeps a smooth surface to a few hundred rectangles instead of one per cell,
 * which matters because the first frame is shipped in the page's HTML. `p(x, y)` is sampled at cell
 * centres; row 0 is the top of the window.
 */
export function heatRuns(n: number, win: Window, p: (x: Vec) => number, levels = 8): HeatRun[] {
  const runs: HeatRun[] = [];
  const size = (win.max - win.min) / n;
  for (let row = 0; row < n; row++) {
    let current: HeatRun | undefined;
    for (let col = 0; col < n; col++) {
      const level = Math.round((p([win.min + (col + 0.5) * size, win.max - (row + 0.5) * size]) - 0.5) * 2 * levels);
      if (current && current.level === level) current.length++;
      else {
        current = { row, col, length: 1, level };
        if (level !== 0) runs.push(current);
      }
    }
  }
  return runs;
}

/**
 * A coordinate rounded to a tenth of a pixel. Besides keeping the page's HTML small, this makes the
 * build's first frame and the browser's identical: Node and the browser may differ in the last bit
 * of Math.exp, and Preact keeps the server's attributes when it hydrates.
 */
export const px = (v: number): number => Math.round(v * 10) / 10;

/**
 * Model coordinates to SVG pixels for the window drawn as a `size`-pixel square, y pointing up, on
 * the same tenth-of-a-pixel grid as `px`.
 */
export function toPixels(win: Window, size: number): { sx: (x: number) => number; sy: (y: number) => number } {
  const sx = (x: number) => px(((x - win.min) / (win.max - win.min)) * size);
  return { sx, sy: (y: number) => px(size - sx(y)) };
}
