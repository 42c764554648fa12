/**
 * Samples a Ruby block printed while it served fake requests, one per line:
 * `unbounded requests=2000 live=4003 allocated=7814 entries=2000`. An optional first word names the
 * series; every `key=number` is a metric; `requests=` is the x axis. Anything else the block prints
 * is ignored, so the plot survives whatever the reader adds. Pure: the figure draws from it.
 */

export interface Sample {
  requests: number;
  values: Record<string, number>;
}

export interface Series {
  name: string;
  samples: Sample[];
}

export interface Samples {
  series: Series[];
  /** Every metric printed, in order of first appearance (`requests` excluded). */
  metrics: string[];
}

/** Used when a sample line has no name of its own. */
export const DEFAULT_SERIES = 'cache';

const PAIR = /^([A-Za-z_]\w*)=([+-]?\d[\d_,]*(?:\.\d+)?)$/;

export function parseSamples(text: string): Samples {
  const series = new Map<string, Series>();
  const metrics: string[] = [];
  for (const line of text.split('\n')) {
    const tokens = line.trim().split(/\s+/).filter(Boolean);
    const values: Record<string, number> = {};
    let name: string | undefined;
    tokens.forEach((token, i) => {
      const m = PAIR.exec(token);
      if (m) {
        const n = Number((m[2] ?? '').replace(/[_,]/g, ''));
        if (Number.isFinite(n)) values[m[1] ?? ''] = n;
      } else if (i === 0 && /^[A-Za-z][\w-]*$/.test(token)) {
        name = token;
      }
    });
    const requests = values['requests'];
    delete values['requests'];
    if (requests === undefined || Object.keys(values).length === 0) continue;
    for (const key of Object.keys(values)) if (!metrics.includes(key)) metrics.push(key);
    const key = name ?? DEFAULT_SERIES;
    let s = series.get(key);
    if (!s) series.set(key, (s = { name: key, samples: [] }));
    s.samples.push({ requests, values });
  }
  for (const s of series.values()) s.samples.sort((a, b) => a.requests - b.requests);
  return { series: [...series.values()], metrics };
}

export type Verdict = 'keeps growing' | 'levels off' | 'flat' | 'shrinks' | 'too few samples';

export interface Trend {
  verdict: Verdict;
  /** Change per 1,000 requests over the second half of the samples. */
  latePerThousand: number;
  /** Change per 1,000 requests over the first half. */
  earlyPerThousand: number;
}

function slope(a: { requests: number; value: number }, b: { requests: number; value: number }): number {
  return b.requests === a.requests ? 0 : (b.value - a.value) / (b.requests - a.requests);
}

/**
 * Leak or bound: compares how fast a metric grows in the second half of the run with the first half.
 * A leak grows as fast late as early; a bounded cache stops growing once it is full.
 */
export function trend(series: Series, metric: string): Trend {
  const points = series.samples.flatMap((s) => (s.values[metric] === undefined ? [] : [{ requests: s.requests, value: s.values[metric]! }]));
  if (points.length < 3) return { verdict: 'too few samples', latePerThousand: 0, earlyPerThousand: 0 };
  const mid = points[Math.floor((points.length - 1) / 2)]!;
  const early = slope(points[0]!, mid);
  const late = slope(mid, points[points.length - 1]!);
  const span = points[points.length - 1]!.requests - points[0]!.requests;
  const scale = Math.max(...points.map((p) => Math.abs(p.value)), 1);
  // Changes under 1% of the largest value across the whole run count as no change.
  const negligible = (s: number) => Math.abs(s) * span < 0.01 * scale;
  let verdict: Verdict;
  if (negligible(early) && negligible(late)) verdict = 'flat';
  else if (late < 0 && early <= 0) verdict = 'shrinks';
  else if (negligible(late) || late <= 0.1 * early) verdict = 'levels off';
  else verdict = 'keeps growing';
  return { verdict, latePerThousand: late * 1000, earlyPerThousand: early * 1000 };
}

/** Round axis steps: 1, 2 or 5 times a power of ten, at least `raw`. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}
