/** Four seconds of a listener under load: the per-CPU backlog, the SYN queue and the accept queue,
 * each against its limit, with what the kernel did when one was full and what `ss` and `nstat`
 * would print at the end. */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Select, Slider, Toggle } from '../../../components/lab/controls';
import { DEFAULT_SETTINGS, simulate, type QueueName, type Simulation } from './listen-queues';
import './listen-queues.css';

const LOADS = [500, 1000, 1500, 2000, 3000, 5000, 10_000, 30_000, 100_000] as const;
const FLOODS = [0, 1000, 10_000, 100_000, 1_000_000] as const;
const SOMAXCONN = [
  { value: '4096', label: '4096 (default)' },
  { value: '128', label: '128 (pre-5.4)' },
] as const;
const W = 600;
const BUCKETS = 150;
const fmt = (n: number) => n.toLocaleString('en-US');
/** Slider read-outs stay narrow enough for a phone: 3,000, 30k, 1M. */
const short = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e4 ? `${n / 1e3}k` : fmt(n));

function Spark({ sim, queue, label }: { sim: Simulation; queue: QueueName; label: string }) {
  const series = sim.series[queue];
  const cap = sim.limits.capacity[queue];
  const per = series.length / BUCKETS;
  const xs = (i: number) => (i / BUCKETS) * W;
  const ys = (v: number) => 58 - (v / cap) * 52;
  let d = `M0 ${ys(0)}`;
  const marks = new Map<number, 'drop' | 'cookie'>();
  for (let b = 0; b < BUCKETS; b++) {
    let max = 0;
    for (let t = Math.floor(b * per); t < Math.floor((b + 1) * per); t++) max = Math.max(max, series[t]!);
    d += ` L${xs(b).toFixed(1)} ${ys(max).toFixed(1)} L${xs(b + 1).toFixed(1)} ${ys(max).toFixed(1)}`;
  }
  for (const o of sim.overflows) if (o.queue === queue) marks.set(Math.floor(o.t / per), o.action === 'drop' || marks.get(Math.floor(o.t / per)) === 'drop' ? 'drop' : 'cookie');
  d += ` L${W} 58 Z`;
  return (
    <svg class="listen-queues-spark" viewBox={`0 0 ${W} 64`} preserveAspectRatio="none" role="img" aria-label={label}>
      <line x1={0} x2={W} y1={6} y2={6} class="listen-queues-limit" vector-effect="non-scaling-stroke" />
      <path d={d} class="listen-queues-area" vector-effect="non-scaling-stroke" />
      {[...marks].map(([b, kind]) => (
        <rect key={b} x={xs(b)} y={kind === 'drop' ? 0 : 60} width={W / BUCKETS} height={4} class={`listen-queues-mark is-${kind}`} />
      ))}
    </svg>
  );
}

function firstFull(sim: Simulation, queue: QueueName): string {
  const t = sim.series[queue].findIndex((v) => v >= sim.limits.capacity[queue]);
  return t < 0 ? 'never full' : `full at ${(t / 1000).toFixed(2)} s`;
}

export default function ListenQueues() {
  const load = useSignal(4);
  const flood = useSignal(0);
  const somaxconn = useSignal<'4096' | '128'>('4096');
  const cookies = useSignal(true);
  const sim = useComputed(() =>
    simulate({ ...DEFAULT_SETTINGS, connectionsPerSecond: LOADS[load.value]!, floodPerSecond: FLOODS[flood.value]!, somaxconn: Number(somaxconn.value), syncookies: cookies.value }),
  );
  const s = sim.value;
  const c = s.counters;
  const { maxAckBacklog, capacity } = s.limits;
  const syn = c.syncookiesSent ? `${fmt(c.syncookiesSent)} SYN cookies sent` : c.reqQFullDrop + c.synBacklogDrop ? `${fmt(c.reqQFullDrop + c.synBacklogDrop)} SYNs dropped` : 'no cookies, no drops';
  const rows: { queue: QueueName; name: string; limit: string; outcome: string }[] = [
    { queue: 'backlog', name: 'Per-CPU backlog', limit: `net.core.netdev_max_backlog = ${s.settings.netdevMaxBacklog}`, outcome: c.backlogDropped ? `${fmt(c.backlogDropped)} packets dropped (softnet_stat)` : 'no drops' },
    {
      queue: 'syn',
      name: 'SYN queue',
      limit: capacity.syn < maxAckBacklog + 1 ? `¾ of tcp_max_syn_backlog = ${s.settings.maxSynBacklog}` : `min(backlog, somaxconn) = ${maxAckBacklog}`,
      outcome: syn,
    },
    { queue: 'accept', name: 'Accept queue', limit: `min(backlog ${s.settings.backlog}, somaxconn ${somaxconn.value}) = ${maxAckBacklog}`, outcome: c.listenOverflows ? `${fmt(c.listenOverflows)} dropped (ListenOverflows)` : 'no drops' },
  ];
  const ss = `LISTEN ${String(s.finalAcceptQueue).padEnd(6)} ${String(maxAckBacklog).padEnd(6)}       0.0.0.0:3000      0.0.0.0:*`;
  // In the order nstat prints them.
  const nstat = ([
    ['TcpExtSyncookiesSent', c.syncookiesSent],
    ['TcpExtListenOverflows', c.listenOverflows],
    ['TcpExtListenDrops', c.listenDrops],
    ['TcpExtTCPReqQFullDrop', c.reqQFullDrop],
  ] as const).map(([name, v]) => `${name.padEnd(32)}${String(v).padEnd(19)}0.0`);

  return (
    <LabFigure
      id="listen-queues"
      controls={
        <>
          <Slider label="Connections/s" value={load} min={0} max={LOADS.length - 1} format={(i) => short(LOADS[i]!)} />
          <Slider label="SYN flood/s" value={flood} min={0} max={FLOODS.length - 1} format={(i) => short(FLOODS[i]!)} />
          <Select label="net.core.somaxconn" value={somaxconn} options={SOMAXCONN} />
          <Toggle label="net.ipv4.tcp_syncookies = 1" value={cookies} />
        </>
      }
    >
      <div class="listen-queues" data-lab-output>
        <p class="listen-queues-summary" aria-live="polite">
          {fmt(s.settings.connectionsPerSecond)} new connections a second{s.settings.floodPerSecond ? ` and ${fmt(s.settings.floodPerSecond)} spoofed SYNs` : ''} against a Puma that accepts{' '}
          {fmt(s.settings.acceptsPerSecond)}: it accepted <strong>{fmt(c.accepted)}</strong> in 4 s; clients resent <strong>{fmt(c.clientRetries)}</strong> dropped SYNs.
        </p>
        {rows.map((r) => (
          <div class="listen-queues-row" key={r.queue}>
            <p class="listen-queues-head">
              <strong>{r.name}</strong> <code>{r.limit}</code>
              <span class="listen-queues-outcome">
                {firstFull(s, r.queue)}; {r.outcome}
              </span>
            </p>
            <Spark sim={s} queue={r.queue} label={`${r.name}, capacity ${fmt(capacity[r.queue])}: ${firstFull(s, r.queue)}, ${r.outcome}.`} />
          </div>
        ))}
        <p class="listen-queues-axis" aria-hidden="true">
          <span>0 s</span>
          <span>1 s</span>
          <span>2 s</span>
          <span>3 s</span>
          <span>4 s</span>
        </p>
        <p class="listen-queues-legend">
          <span>
            <span class="listen-queues-key is-limit" />
            capacity
          </span>
          <span>
            <span class="listen-queues-key is-drop" />
            drops (along the top)
          </span>
          <span>
            <span class="listen-queues-key is-cookie" />
            SYN cookies (along the bottom)
          </span>
        </p>
        <pre class="listen-queues-term">
          <code>
            {`$ ss -ltn 'sport = :3000'    # at 4 s\nState  Recv-Q Send-Q Local Address:Port Peer Address:Port\n${ss}\n$ nstat -az | grep -E 'Syncookies|Listen|ReqQFullDrop'\n${nstat.join('\n')}`}
          </code>
        </pre>
      </div>
    </LabFigure>
  );
}
