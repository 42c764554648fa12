/**
 * One charge request, told as a sequence of events between four actors: the client, the network,
 * the server and the idempotency-keys table. The network may drop the first response (the server has
 * already charged), and the client then retries with the same body. With a key, the retry collides on
 * the table's primary key and the stored response is replayed; without one, the server cannot tell a
 * retry from a new purchase and charges again. Pure data: the figure only draws it.
 */

/** The four lanes of the timeline, left to right. */
export const LANES = ['client', 'network', 'server', 'keys'] as const;
export type Lane = (typeof LANES)[number];

export interface Scenario {
  /** The network loses the server's first response, after the charge was made. */
  dropResponse: boolean;
  /** The client sends an Idempotency-Key and the server keeps the keys table. */
  useKey: boolean;
}

export interface TimelineEvent {
  /** Where the event starts; `to` is set when it is a message between lanes. */
  from: Lane;
  to?: Lane;
  /** What happens, short enough to sit on an arrow. */
  label: string;
  /** Something went wrong here: a dropped message or a second charge. */
  bad?: boolean;
  /** Charges made so far, after this event. */
  charges: number;
}

export interface Timeline {
  events: TimelineEvent[];
  /** Charges on the card at the end. */
  charges: number;
  /** What the client finally holds: the charge id of the 201 it got. */
  clientChargeId: number;
  /** The retry was answered from the stored response, without doing the work again. */
  replayed: boolean;
}

export const DEFAULT_SCENARIO: Scenario = { dropResponse: true, useKey: true };

/** The whole story for one scenario, in order. */
export function buildTimeline({ dropResponse, useKey }: Scenario): Timeline {
  const events: TimelineEvent[] = [];
  let charges = 0;
  const push = (e: Omit<TimelineEvent, 'charges'>) => events.push({ ...e, charges });
  const key = useKey ? ', key k-123' : '';

  // One attempt of the request, as the server handles it; returns the charge id it answers with.
  const attempt = (n: number): { chargeId: number; replayed: boolean } => {
    push({ from: 'client', to: 'server', label: `POST /charges${key}${n > 1 ? ' (retry)' : ''}` });
    if (useKey) {
      const claimed = n === 1;
      push({
        from: 'server',
        to: 'keys',
        label: claimed ? 'INSERT key → 1 row: claimed' : 'INSERT key → 0 rows: conflict',
      });
      if (!claimed) {
        push({ from: 'keys', to: 'server', label: 'stored response: 201, charge 1' });
        return { chargeId: 1, replayed: true };
      }
    }
    charges += 1;
    push({ from: 'server', label: `charge the card: charge ${charges}`, bad: charges > 1 });
    if (useKey) push({ from: 'server', to: 'keys', label: `store 201, charge ${charges} under k-123` });
    return { chargeId: charges, replayed: false };
  };

  const first = attempt(1);
  if (dropResponse) {
    push({ from: 'server', to: 'network', label: `201, charge ${first.chargeId}: lost in transit`, bad: true });
    push({ from: 'client', label: 'timeout: retry the same body' });
    const second = attempt(2);
    push({ from: 'server', to: 'client', label: `201, charge ${second.chargeId}${second.replayed ? ' (replayed)' : ''}` });
    return { events, charges, clientChargeId: second.chargeId, replayed: second.replayed };
  }
  push({ from: 'server', to: 'client', label: `201, charge ${first.chargeId}` });
  return { events, charges, clientChargeId: first.chargeId, replayed: false };
}

/** A sentence saying what has happened after the first `shown` events. */
export function describe(timeline: Timeline, shown: number): string {
  const done = shown >= timeline.events.length;
  const charges = shown === 0 ? 0 : (timeline.events[shown - 1]?.charges ?? 0);
  if (!done) return `Step ${shown} of ${timeline.events.length}: ${charges} ${charges === 1 ? 'charge' : 'charges'} so far.`;
  if (timeline.charges > 1) return `Double charge: the card was charged ${timeline.charges} times for one purchase.`;
  if (timeline.replayed) return 'One charge: the retry was answered from the stored response.';
  return 'One charge, one response: nothing to retry.';
}
