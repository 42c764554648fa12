import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRubySession } from '../../../labs/ruby/node-runner';
import { DEFAULT_SERIES, niceStep, parseSamples, trend, type Samples } from './samples';

const ARTICLE = readFileSync(new URL('./index.mdx', import.meta.url), 'utf8');
/** A named block of the article, as the page runs it. */
const block = (id: string) => new RegExp(`\`\`\`ruby run fresh id=${id}\\n([\\s\\S]*?)\`\`\``).exec(ARTICLE)?.[1] ?? '';

/** Runs code in a fresh VM, as the page runs a `fresh` block, and parses what it printed. */
async function samplesOf(code: string): Promise<Samples> {
  const ruby = await createRubySession();
  try {
    const result = ruby.run(code);
    expect(result.error).toBeUndefined();
    return parseSamples(result.stdout);
  } finally {
    ruby.close();
  }
}

describe('the cache blocks, sampled on the real engine', () => {
  it('shows the leaking cache growing as fast at the end of the run as at the start', async () => {
    const { series, metrics } = await samplesOf(block('leak'));
    expect(metrics).toEqual(['live', 'allocated', 'entries']);
    const [leak] = series;
    expect(leak!.name).toBe(DEFAULT_SERIES);
    expect(leak!.samples.length).toBeGreaterThanOrEqual(5);
    expect(trend(leak!, 'live').verdict).toBe('keeps growing');
    expect(trend(leak!, 'entries').verdict).toBe('keeps growing');
  }, 30_000);

  it('levels the same cache off once its key space is finite', async () => {
    // 3,000 distinct keys: the cache fills over the first three samples, then stops. (The article's
    // `% 500` fills it before the first sample, so that line reads flat: the browser test checks it.)
    const bounded = block('leak').replace('user_id    = 1_000 + request ', 'user_id    = 1_000 + request % 3_000 ');
    expect(bounded).not.toBe(block('leak'));
    const [series] = (await samplesOf(bounded)).series;
    expect(trend(series!, 'live').verdict).toBe('levels off');
    // Allocation never levels off: every request still allocates, the GC just takes it back.
    expect(trend(series!, 'allocated').verdict).toBe('keeps growing');
  }, 30_000);

  it('flattens the LRU cache at its bound while the unbounded one keeps growing on the same traffic', async () => {
    const { series } = await samplesOf(block('lru'));
    const byName = Object.fromEntries(series.map((s) => [s.name, s]));
    expect(Object.keys(byName)).toEqual(['unbounded', 'lru']);
    expect(trend(byName['unbounded']!, 'live').verdict).toBe('keeps growing');
    expect(trend(byName['lru']!, 'live').verdict).toBe('levels off');
    const bound = Number(/serve\("lru", LRUCache\.new\(([\d_]+)\)\)/.exec(block('lru'))?.[1]?.replace(/_/g, ''));
    expect(byName['lru']!.samples.at(-1)!.values['entries']).toBe(bound);
    expect(byName['unbounded']!.samples.at(-1)!.values['live']).toBeGreaterThan(2 * byName['lru']!.samples.at(-1)!.values['live']!);
  }, 30_000);
});

describe('reading samples', () => {
  it('ignores everything that is not a sample line, and names unnamed series', () => {
    const text = ['=> nil', 'warming up', 'requests=10 live=5', 'live=7', 'requests=20', 'lru requests=20 live=9', 'requests=30 live=6'].join('\n');
    const { series, metrics } = parseSamples(text);
    expect(metrics).toEqual(['live']);
    expect(series.map((s) => [s.name, s.samples.length])).toEqual([
      [DEFAULT_SERIES, 2],
      ['lru', 1],
    ]);
  });

  it('accepts the numbers a reader might print: signs, underscores, separators, decimals', () => {
    const { series } = parseSamples('lru requests=1_000 live=+2,003 ratio=0.5 delta=-12');
    expect(series[0]!.samples[0]).toEqual({ requests: 1000, values: { live: 2003, ratio: 0.5, delta: -12 } });
  });

  it('offers any metric the block prints, in the order it first appears', () => {
    const { metrics } = parseSamples('a requests=1 old=3 live=2\nb requests=1 live=4 rss=9');
    expect(metrics).toEqual(['old', 'live', 'rss']);
  });

  it('returns no series for output without samples', () => {
    expect(parseSamples('').series).toEqual([]);
    expect(parseSamples('undefined method (NoMethodError)').series).toEqual([]);
  });
});

describe('the verdict', () => {
  const series = (values: number[]) => ({ name: 's', samples: values.map((v, i) => ({ requests: (i + 1) * 100, values: { live: v } })) });

  it('calls a straight line growth, a line that stops rising levels off, and noise flat', () => {
    expect(trend(series([10, 20, 30, 40, 50, 60]), 'live').verdict).toBe('keeps growing');
    expect(trend(series([10, 20, 30, 30, 31, 30]), 'live').verdict).toBe('levels off');
    expect(trend(series([500, 501, 500, 502, 500, 501]), 'live').verdict).toBe('flat');
    expect(trend(series([60, 50, 40, 30, 20, 10]), 'live').verdict).toBe('shrinks');
  });

  it('does not judge fewer than three samples', () => {
    expect(trend(series([1, 100]), 'live').verdict).toBe('too few samples');
    expect(trend(series([1, 2, 3]), 'missing').verdict).toBe('too few samples');
  });

  it('picks round axis steps', () => {
    for (const raw of [0.3, 7, 42, 999, 12_345]) {
      const step = niceStep(raw);
      expect(step).toBeGreaterThanOrEqual(raw);
      expect(step / 10 ** Math.floor(Math.log10(step))).toSatisfy((m: number) => [1, 2, 5].includes(Math.round(m)));
    }
  });
});
