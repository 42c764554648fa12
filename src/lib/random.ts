/**
 * A seeded pseudo-random generator (mulberry32) for simulations in figures. The same seed gives the
 * same sequence in the unit test, at build (the figure's first frame) and in the reader's browser,
 * so a figure and its test agree. Not for anything that needs real randomness.
 */
export type Random = () => number;

export function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
