import { describe, expect, it } from 'vitest';
import { compareGuarantees, runPipeline, type PipelineOptions } from './delivery';

const base: PipelineOptions = { messages: 5_000, loss: 0.05, duplicate: 0.05, crash: 0.02, seed: 1 };
const seeds = [1, 2, 3, 4, 5];
const rates = [0, 0.01, 0.1, 0.3, 0.6];

describe('at-least-once with an idempotent consumer (a dedupe table)', () => {
  it('applies every message exactly once, whatever the duplication, loss and crash rates', () => {
    for (const seed of seeds) {
      for (const duplicate of rates) {
        for (const [loss, crash] of [[0, 0], [0.05, 0.02], [0.3, 0.2], [0.5, 0.3]] as const) {
          const r = runPipeline('idempotent', { ...base, messages: 2_000, seed, duplicate, loss, crash });
          expect(r.lost, `seed ${seed}, duplicate ${duplicate}`).toBe(0);
          expect(r.duplicated, `seed ${seed}, duplicate ${duplicate}`).toBe(0);
          expect(r.applied.every((n) => n === 1)).toBe(true);
          expect(r.effects).toBe(r.messages);
        }
      }
    }
  });

  it('receives as many duplicate deliveries as plain at-least-once: only the effect is deduplicated', () => {
    const plain = runPipeline('at-least-once', { ...base, duplicate: 0.2 });
    const deduped = runPipeline('idempotent', { ...base, duplicate: 0.2 });
    expect(deduped.deliveries).toBeGreaterThan(deduped.messages * 1.1);
    expect(deduped.deliveries).toBe(plain.deliveries);
  });
});

describe('at-most-once', () => {
  it('loses messages whenever loss is above zero', () => {
    for (const seed of seeds) {
      for (const loss of [0.01, 0.05, 0.3]) {
        expect(runPipeline('at-most-once', { ...base, seed, loss, crash: 0 }).lost).toBeGreaterThan(0);
      }
    }
  });

  it('never duplicates, at any rate of loss, duplication or crashes', () => {
    for (const seed of seeds) {
      for (const rate of rates) {
        const r = runPipeline('at-most-once', { ...base, seed, loss: rate / 2, duplicate: rate, crash: rate / 2 });
        expect(r.duplicated).toBe(0);
        expect(r.applied.every((n) => n <= 1)).toBe(true);
      }
    }
  });

  it('loses more as the consumer crashes more, and nothing on a perfect network', () => {
    const calm = runPipeline('at-most-once', { ...base, crash: 0.01 });
    const stormy = runPipeline('at-most-once', { ...base, crash: 0.2 });
    expect(stormy.lost).toBeGreaterThan(calm.lost);
    expect(runPipeline('at-most-once', { ...base, loss: 0, duplicate: 0.3, crash: 0 }).once).toBe(base.messages);
  });
});

describe('at-least-once', () => {
  it('never loses a message: the producer retries until acknowledged', () => {
    for (const seed of seeds) {
      for (const loss of [0, 0.1, 0.5]) {
        const r = runPipeline('at-least-once', { ...base, seed, loss, crash: 0.2 });
        expect(r.lost).toBe(0);
        expect(r.applied.every((n) => n >= 1)).toBe(true);
      }
    }
  });

  it('duplicates when acknowledgements are lost, even with a perfect consumer', () => {
    const r = runPipeline('at-least-once', { ...base, loss: 0.1, duplicate: 0, crash: 0 });
    expect(r.acksLost).toBeGreaterThan(0);
    expect(r.logEntries).toBeGreaterThan(r.messages);
    expect(r.duplicated).toBeGreaterThan(0);
  });

  it('duplicates when the consumer crashes after applying, even on a perfect network', () => {
    const r = runPipeline('at-least-once', { ...base, loss: 0, duplicate: 0, crash: 0.05 });
    expect(r.logEntries).toBe(r.messages);
    expect(r.duplicated).toBeGreaterThan(0);
  });

  it('with no faults at all, every guarantee delivers every message exactly once', () => {
    for (const r of compareGuarantees({ ...base, loss: 0, duplicate: 0, crash: 0 })) expect(r.once).toBe(base.messages);
  });

  it("an idempotent producer cleans the broker's log, not the consumer's duplicates", () => {
    const r = runPipeline('at-least-once', { ...base, loss: 0.1, crash: 0.05, idempotentProducer: true });
    expect(r.logEntries).toBe(r.messages);
    expect(r.duplicated).toBeGreaterThan(0);
  });
});

it('is seeded: the same options give the same counts', () => {
  const a = compareGuarantees({ ...base, seed: 7 }).map((r) => [r.lost, r.duplicated, r.once]);
  const b = compareGuarantees({ ...base, seed: 7 }).map((r) => [r.lost, r.duplicated, r.once]);
  expect(a).toEqual(b);
});
