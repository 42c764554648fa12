import { describe, expect, it } from 'vitest';
import { CONTEXTS, RX_STEPS } from './receive-steps';

const order = CONTEXTS.map((c) => c.id);

describe('the receive-path steps', () => {
  it('start at the NIC and end with Puma reading the request', () => {
    expect(RX_STEPS[0]!.stage).toBe('nic');
    expect(RX_STEPS.at(-1)!.stage).toBe('read');
  });

  it('place every step in a stage its context owns', () => {
    for (const step of RX_STEPS) expect(CONTEXTS.find((c) => c.id === step.context)!.stages).toContain(step.stage);
  });

  it('never go back to an earlier context: hardware, hard IRQ, softirq, then the process', () => {
    const ranks = RX_STEPS.map((s) => order.indexOf(s.context));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('hold the connection in the SYN queue before the accept queue, and in the accept queue until accept()', () => {
    const inSyn = RX_STEPS.findIndex((s) => s.queues.synq > 0);
    const inAccept = RX_STEPS.findIndex((s) => s.queues.acceptq > 0);
    const accepted = RX_STEPS.findIndex((s) => s.stage === 'accept');
    expect(inSyn).toBeGreaterThanOrEqual(0);
    expect(inAccept).toBeGreaterThan(inSyn);
    expect(RX_STEPS.slice(inAccept, accepted).every((s) => s.queues.acceptq === 1)).toBe(true);
    expect(RX_STEPS.slice(accepted).every((s) => s.queues.acceptq === 0)).toBe(true);
  });

  it('buffer the request in the kernel before any process has accepted it', () => {
    const buffered = RX_STEPS.findIndex((s) => s.queues.rcvbuf > 0);
    const accepted = RX_STEPS.findIndex((s) => s.stage === 'accept');
    expect(buffered).toBeLessThan(accepted);
    expect(RX_STEPS[buffered]!.packet).toBe('GET /');
  });
});
