/**
 * Drawing helpers the article's figures share: a linear scale, SVG path strings and number formats.
 * A few lines each, so the islands ship no charting library.
 */

/** Maps [d0, d1] onto [r0, r1] linearly; `invert` goes back (pointer position to parameter). */
export function linear(d0: number, d1: number, r0: number, r1: number) {
  const k = (r1 - r0) / (d1 - d0);
  const scale = (v: number) => r0 + (v - d0) * k;
  scale.invert = (p: number) => d0 + (p - r0) / k;
  return scale;
}

/** A polyline's `d` attribute, rounded to 0.1 px: the built HTML carries every path, so keep them short. */
export function pathOf(points: readonly (readonly [number, number])[], closed = false): string {
  const d = points.map(([x, y], i) => `${i ? 'L' : 'M'}${round(x)} ${round(y)}`).join('');
  return closed ? `${d}Z` : d;
}

const round = (v: number) => Math.round(v * 10) / 10;

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** 10 to an integer power as text: `10⁻³`. */
export function powerOfTen(exponent: number): string {
  const digits = [...String(Math.abs(exponent))].map((c) => SUPERSCRIPT[Number(c)]).join('');
  return exponent === 0 ? '1' : `10${exponent < 0 ? '⁻' : ''}${digits}`;
}

/** A number for a readout: three decimals when small, a mantissa and a power of ten when huge. */
export function num(v: number, decimals = 3): string {
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  const sign = v < 0 ? '−' : '';
  const a = Math.abs(v);
  if (a >= 1e5) {
    const exponent = Math.floor(Math.log10(a));
    return `${sign}${(a / 10 ** exponent).toFixed(2)}×${powerOfTen(exponent)}`;
  }
  const text = a.toFixed(decimals);
  // No "−0.000": a value that rounds to zero is shown without a sign.
  return Number(text) === 0 ? text : sign + text;
}
