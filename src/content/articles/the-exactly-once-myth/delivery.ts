/**
 * A producer, a broker and a consumer, with faults: requests and acknowledgements lost on the wire,
 * the broker handing a message out a second time, the consumer crashing between its two steps.
 * Each message gets a unique id at the producer; the model counts how many times its side effect
 * happened. Three guarantees run over the same faults:
 *
 * - at-most-once: the producer sends once; the consumer commits its offset, then applies.
 * - at-least-once: the producer resends until acknowledged; the consumer applies, then commits.
 * - idempotent: at-least-once, with a consumer that records the id in a dedupe table in the same
 *   transaction as the effect, and skips ids it has seen.
 */
import { seeded, type Random } from '../../../lib/random';

export type Guarantee = 'at-most-once' | 'at-least-once' | 'idempotent';

export const GUARANTEES: readonly { value: Guarantee; label: string; how: string }[] = [
  { value: 'at-most-once', label: 'At-most-once', how: 'send once; commit the offset, then apply' },
  { value: 'at-least-once', label: 'At-least-once', how: 'resend until acked; apply, then commit' },
  { value: 'idempotent', label: 'At-least-once + dedupe table', how: 'the same, with effect and id in one transaction' },
];

export interface Faults {
  /** Chance that one request, or one acknowledgement, is lost between producer and broker. */
  loss: number;
  /**
   * Chance the broker delivers a message again while its first delivery is still being processed
   * (a visibility timeout that ran out, a consumer-group rebalance). Only a message that is not yet
   * acknowledged can be handed out again, so a consumer that commits first never sees this.
   */
  duplicate: number;
  /** Chance the consumer crashes between its two steps (commit and effect, in its order). */
  crash: number;
}

export interface PipelineOptions extends Faults {
  messages: number;
  seed: number;
  /** The broker drops resent copies it already holds (Kafka's idempotent producer). */
  idempotentProducer?: boolean;
}

export interface PipelineResult {
  guarantee: Guarantee;
  messages: number;
  /** Requests the producer sent, and how many of them and of the acks the wire lost. */
  sends: number;
  requestsLost: number;
  acksLost: number;
  /** Copies of messages in the broker's log. */
  logEntries: number;
  /** Times a message was handed to the consumer. */
  deliveries: number;
  /** Deliveries repeated because the broker handed the message out again while it was in flight. */
  redeliveries: number;
  /** Consumer crashes between its two steps; when it applies first, each one repeats a delivery. */
  crashes: number;
  /** Messages whose effect never happened, happened more than once, and exactly once. */
  lost: number;
  duplicated: number;
  once: number;
  /** Effects applied in total (once per message is the goal). */
  effects: number;
  /** Effects per message id. */
  applied: Uint16Array;
}

/** Runs one guarantee over `messages` messages. Pure and seeded. */
export function runPipeline(guarantee: Guarantee, o: PipelineOptions): PipelineResult {
  const random = seeded(o.seed);
  const log = produce(guarantee, o, random);
  return { ...consume(guarantee, o, log.entries, random), ...log.counts, guarantee, messages: o.messages };
}

/** The same faults and seed through all three guarantees, side by side. */
export function compareGuarantees(o: PipelineOptions): PipelineResult[] {
  return GUARANTEES.map((g) => runPipeline(g.value, o));
}

function produce(guarantee: Guarantee, o: PipelineOptions, random: Random) {
  const entries: number[] = [];
  const counts = { sends: 0, requestsLost: 0, acksLost: 0, logEntries: 0 };
  const retries = guarantee !== 'at-most-once';
  for (let id = 0; id < o.messages; id++) {
    if (!retries) {
      // Fire and forget: one request, and nobody waits for an acknowledgement.
      counts.sends++;
      if (random() < o.loss) counts.requestsLost++;
      else entries.push(id);
      continue;
    }
    let stored = false;
    // Retrying until acknowledged ends because loss < 1; the bound only guards against a bad input.
    for (let attempt = 0; attempt < 10_000; attempt++) {
      counts.sends++;
      if (random() < o.loss) {
        counts.requestsLost++;
        continue;
      }
      if (!(stored && o.idempotentProducer)) entries.push(id);
      stored = true;
      if (random() >= o.loss) break;
      counts.acksLost++;
    }
  }
  counts.logEntries = entries.length;
  return { entries, counts };
}

function consume(guarantee: Guarantee, o: PipelineOptions, entries: number[], random: Random) {
  const applied = new Uint16Array(o.messages);
  const seen = new Uint8Array(o.messages); // the dedupe table
  let deliveries = 0, redeliveries = 0, crashes = 0, effects = 0;
  // Entries still to hand out; a redelivery goes back in the queue.
  const queue = entries.slice();
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    deliveries++;
    const crashed = random() < o.crash;
    if (crashed) crashes++;
    if (guarantee === 'at-most-once') {
      // Offset committed first: the broker is done with it. A crash now loses the effect.
      if (!crashed) {
        applied[id]!++;
        effects++;
      }
      continue;
    }
    // Apply, then commit. With the dedupe table, the effect and the id commit in one transaction.
    if (guarantee === 'at-least-once' || !seen[id]) {
      applied[id]!++;
      effects++;
      seen[id] = 1;
    }
    // While we worked, the broker may have given up on us and handed it out again.
    if (random() < o.duplicate) {
      redeliveries++;
      queue.push(id);
    }
    // Crashed after the effect, before the commit: the restarted consumer gets it again.
    if (crashed) queue.push(id);
  }
  let lost = 0, duplicated = 0;
  for (const n of applied) {
    if (n === 0) lost++;
    else if (n > 1) duplicated++;
  }
  return { deliveries, redeliveries, crashes, effects, lost, duplicated, once: o.messages - lost - duplicated, applied };
}
