/**
 * The three queues a new connection crosses on its way to `accept()`, simulated millisecond by
 * millisecond: the per-CPU backlog (`net.core.netdev_max_backlog`), the listener's SYN queue and its
 * accept queue (both bounded by `min(backlog, somaxconn)`). Clients whose packets are dropped retry
 * on TCP's timers, so drops come back as load.
 *
 * The limits follow Linux 6.18, the kernel the article ran on, including its off-by-ones: every
 * queue is "full" only when its length is *greater* than the limit, so each holds limit + 1
 * (checked on that kernel: backlog 4 gives 5 in the accept queue and 5 SYN-RECV sockets). The model
 * processes packets in per-millisecond batches; a batch fills a queue to capacity and the rest of it
 * meets a full queue, which is exactly when the kernel drops or, for SYNs, sends cookies.
 */
import { seeded, type Random } from '../../../lib/random';

export interface ListenerSettings {
  /** New connections per second from real clients. */
  connectionsPerSecond: number;
  /** Spoofed SYNs per second that never complete the handshake. */
  floodPerSecond: number;
  /** The `listen()` backlog the server asks for: Puma's default is 1024. */
  backlog: number;
  /** `net.core.somaxconn`: caps the backlog. */
  somaxconn: number;
  /** `net.ipv4.tcp_max_syn_backlog`: only matters with SYN cookies off. */
  maxSynBacklog: number;
  /** `net.ipv4.tcp_syncookies`: 1 (true) or 0 (false). */
  syncookies: boolean;
  /** `net.core.netdev_max_backlog`: the per-CPU backlog used with RPS, loopback and veth. */
  netdevMaxBacklog: number;
  /** Packets one core's NET_RX softirq gets through per second: an assumption, not a constant. */
  softirqPacketsPerSecond: number;
  /** Connections the application accepts per second (threads × workers ÷ time per request). */
  acceptsPerSecond: number;
  /** Client round-trip time: how long a request sock waits in the SYN queue for the ACK. */
  rttMs: number;
  durationMs: number;
  seed: number;
}

export const DEFAULT_SETTINGS: ListenerSettings = {
  connectionsPerSecond: 3000,
  floodPerSecond: 0,
  backlog: 1024,
  somaxconn: 4096,
  maxSynBacklog: 2048,
  syncookies: true,
  netdevMaxBacklog: 1000,
  softirqPacketsPerSecond: 250_000,
  acceptsPerSecond: 2000,
  rttMs: 20,
  durationMs: 4000,
  seed: 1,
};

/** First SYN retransmission (TCP_TIMEOUT_INIT); the SYN-ACK timer starts at the same second. */
const SYN_RETRY_MS = 1000;
/** A client that believes it is connected (cookie handshake) resends data after TCP_RTO_MIN. */
const DATA_RETRY_MS = 200;

export type QueueName = 'backlog' | 'syn' | 'accept';

export interface Limits {
  /** `sk_max_ack_backlog = min(backlog, somaxconn)`: what `ss -ltn` prints as Send-Q. */
  maxAckBacklog: number;
  /** Most entries each queue can hold: the length at which the next arrival is turned away. */
  capacity: Record<QueueName, number>;
}

/** The queue sizes the kernel derives from the settings. */
export function limits(s: ListenerSettings): Limits {
  const maxAckBacklog = Math.min(s.backlog, s.somaxconn);
  // Full when qlen > max_ack_backlog. Without cookies, a SYN is also dropped once
  // max_syn_backlog - qlen < max_syn_backlog / 4 (the last quarter is kept for proven peers).
  const noCookieCap = s.maxSynBacklog - (s.maxSynBacklog >> 2) + 1;
  const syn = s.syncookies ? maxAckBacklog + 1 : Math.min(maxAckBacklog + 1, noCookieCap);
  return { maxAckBacklog, capacity: { backlog: s.netdevMaxBacklog + 1, syn, accept: maxAckBacklog + 1 } };
}

/** A moment when a queue turned something away (or, for the SYN queue, answered with cookies). */
export interface Overflow {
  t: number;
  queue: QueueName;
  action: 'drop' | 'cookie';
  count: number;
  /** The queue's length when it happened: always its capacity, which the tests check. */
  length: number;
}

export interface Counters {
  /** softnet_stat column 2. */
  backlogDropped: number;
  /** TcpExtTCPReqQFullDrop: SYN queue full, no cookies. */
  reqQFullDrop: number;
  /** SYNs dropped by the three-quarter rule of tcp_max_syn_backlog (counted only in ListenDrops). */
  synBacklogDrop: number;
  /** TcpExtSyncookiesSent. */
  syncookiesSent: number;
  /** TcpExtListenOverflows: SYNs or ACKs that met a full accept queue. */
  listenOverflows: number;
  /** TcpExtListenDrops: every drop at the listener. */
  listenDrops: number;
  /** Connections the application accepted. */
  accepted: number;
  /** SYN retransmissions by clients whose SYN was dropped. */
  clientRetries: number;
}

export interface Simulation {
  settings: ListenerSettings;
  limits: Limits;
  /** Queue lengths, one sample per millisecond. */
  series: Record<QueueName, Int32Array>;
  overflows: Overflow[];
  counters: Counters;
  /** Accept-queue length at the end: `ss -ltn` Recv-Q. */
  finalAcceptQueue: number;
}

function poisson(random: Random, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    for (let p = random(); p > limit; p *= random()) k++;
    return k;
  }
  // Normal approximation: plenty for arrival counts at these rates.
  const gauss = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * gauss));
}

/** Picks which `keep` of the items in `counts` get through, in proportion to the counts, rounding at random. */
function apportion(random: Random, counts: number[], keep: number): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (keep >= total) return counts.slice();
  const out = counts.map((n) => Math.floor((n * keep) / total));
  for (let left = keep - out.reduce((a, b) => a + b, 0); left > 0; left--) {
    const spare = counts.map((n, i) => n - out[i]!);
    let r = random() * spare.reduce((a, b) => a + b, 0);
    let i = 0;
    while (r >= spare[i]!) r -= spare[i++]!;
    out[i]! += 1;
  }
  return out;
}

type Batch = { kind: 'syn'; real: number; flood: number } | { kind: 'ack' | 'cookieAck'; n: number };

/** Runs the listener for `durationMs` and returns what each queue did. */
export function simulate(settings: ListenerSettings): Simulation {
  const s = settings;
  const lim = limits(s);
  const cap = lim.capacity;
  const random = seeded(s.seed);
  const ticks = s.durationMs;
  const horizon = ticks + SYN_RETRY_MS + 1;
  const synRetries = new Int32Array(horizon);
  const acks = new Int32Array(horizon);
  const cookieAcks = new Int32Array(horizon);
  const series = { backlog: new Int32Array(ticks), syn: new Int32Array(ticks), accept: new Int32Array(ticks) };
  const overflows: Overflow[] = [];
  const c: Counters = { backlogDropped: 0, reqQFullDrop: 0, synBacklogDrop: 0, syncookiesSent: 0, listenOverflows: 0, listenDrops: 0, accepted: 0, clientRetries: 0 };

  const backlog: Batch[] = [];
  let backlogLen = 0;
  let synReal = 0;
  let synFlood = 0; // spoofed request socks stay for the whole run: their SYN-ACK retries last a minute
  let acceptLen = 0;
  let softirqBudget = 0;
  let acceptBudget = 0;

  const later = (arr: Int32Array, t: number, n: number) => {
    if (n > 0 && t < horizon) arr[t]! += n;
  };
  const retrySyn = (t: number, n: number) => {
    later(synRetries, t + SYN_RETRY_MS, n);
    if (t + SYN_RETRY_MS < ticks) c.clientRetries += n;
  };
  const overflow = (t: number, queue: QueueName, action: Overflow['action'], count: number, length: number) => {
    if (count > 0) overflows.push({ t, queue, action, count, length });
  };

  /** An established handshake (stateful or cookie) tries to enter the accept queue. */
  const complete = (t: number, n: number, fromSynQueue: boolean) => {
    const moved = Math.min(n, cap.accept - acceptLen);
    acceptLen += moved;
    if (fromSynQueue) synReal -= moved;
    const rest = n - moved;
    c.listenOverflows += rest;
    c.listenDrops += rest;
    overflow(t, 'accept', 'drop', rest, acceptLen);
    // With tcp_abort_on_overflow = 0 the ACK is ignored: a stateful request stays in the SYN queue
    // until its SYN-ACK is resent; a cookie client resends its data.
    if (fromSynQueue) later(acks, t + SYN_RETRY_MS, rest);
    else later(cookieAcks, t + DATA_RETRY_MS, rest);
  };

  const handleSyns = (t: number, real: number, flood: number) => {
    const n = real + flood;
    const synLen = () => synReal + synFlood;
    // tcp_conn_request checks the SYN queue first (cookie or drop), then the accept queue.
    if (acceptLen >= cap.accept) {
      const synFull = synLen() >= lim.maxAckBacklog + 1;
      if (synFull && !s.syncookies) {
        c.reqQFullDrop += n;
        overflow(t, 'syn', 'drop', n, synLen());
      } else {
        c.listenOverflows += n;
        overflow(t, 'accept', 'drop', n, acceptLen);
      }
      c.listenDrops += n;
      retrySyn(t, real);
      return;
    }
    const room = Math.max(0, cap.syn - synLen());
    const [realIn, floodIn] = apportion(random, [real, flood], Math.min(n, room)) as [number, number];
    synReal += realIn;
    synFlood += floodIn;
    later(acks, t + s.rttMs, realIn);
    const realOut = real - realIn;
    const rest = n - realIn - floodIn;
    if (rest === 0) return;
    if (s.syncookies) {
      // No state kept: the SYN-ACK carries it. The client's ACK rebuilds the connection.
      c.syncookiesSent += rest;
      overflow(t, 'syn', 'cookie', rest, synLen());
      later(cookieAcks, t + s.rttMs, realOut);
    } else {
      if (cap.syn === lim.maxAckBacklog + 1) c.reqQFullDrop += rest;
      else c.synBacklogDrop += rest;
      c.listenDrops += rest;
      overflow(t, 'syn', 'drop', rest, synLen());
      retrySyn(t, realOut);
    }
  };

  for (let t = 0; t < ticks; t++) {
    // 1. Packets reach this CPU's backlog; past its capacity they are dropped before IP sees them.
    const realSyn = poisson(random, s.connectionsPerSecond / 1000) + synRetries[t]!;
    const floodSyn = poisson(random, s.floodPerSecond / 1000);
    const arriving = [realSyn, floodSyn, acks[t]!, cookieAcks[t]!];
    const total = arriving.reduce((a, b) => a + b, 0);
    const room = cap.backlog - backlogLen;
    // Which packets were lost: in proportion to what arrived.
    const [rs, fs, a, ca] = apportion(random, arriving, Math.min(total, room)) as [number, number, number, number];
    if (total > room) {
      c.backlogDropped += total - room;
      overflow(t, 'backlog', 'drop', total - room, cap.backlog);
      retrySyn(t, realSyn - rs);
      later(acks, t + SYN_RETRY_MS, acks[t]! - a);
      later(cookieAcks, t + DATA_RETRY_MS, cookieAcks[t]! - ca);
    }
    backlogLen += rs + fs + a + ca;
    if (a) backlog.push({ kind: 'ack', n: a });
    if (ca) backlog.push({ kind: 'cookieAck', n: ca });
    if (rs + fs) backlog.push({ kind: 'syn', real: rs, flood: fs });
    series.backlog[t] = backlogLen;

    // 2. The NET_RX softirq works through the backlog in order, up to its budget.
    softirqBudget += s.softirqPacketsPerSecond / 1000;
    while (softirqBudget >= 1 && backlog.length) {
      const head = backlog[0]!;
      const size = head.kind === 'syn' ? head.real + head.flood : head.n;
      const take = Math.min(size, Math.floor(softirqBudget));
      softirqBudget -= take;
      backlogLen -= take;
      if (head.kind === 'syn') {
        const [r, f] = apportion(random, [head.real, head.flood], take) as [number, number];
        head.real -= r;
        head.flood -= f;
        handleSyns(t, r, f);
      } else {
        head.n -= take;
        complete(t, take, head.kind === 'ack');
      }
      if (take === size) backlog.shift();
    }
    if (!backlog.length) softirqBudget = Math.min(softirqBudget, 1);
    series.syn[t] = synReal + synFlood;
    series.accept[t] = acceptLen;

    // 3. The application accepts what its threads can take.
    acceptBudget += s.acceptsPerSecond / 1000;
    const accepted = Math.min(acceptLen, Math.floor(acceptBudget));
    acceptLen -= accepted;
    acceptBudget -= accepted;
    if (acceptLen === 0) acceptBudget = Math.min(acceptBudget, 1);
    c.accepted += accepted;
  }

  return { settings: s, limits: lim, series, overflows, counters: c, finalAcceptQueue: acceptLen };
}

/** The highest value in a series. */
export function peak(series: Int32Array): number {
  let max = 0;
  for (const v of series) if (v > max) max = v;
  return max;
}
