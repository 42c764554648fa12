/** The cost of each I/O model per second, side by side, for the reader's connection count and
 * active share: system calls, descriptors examined, and thread stack memory. Bars are on a log
 * scale because the models differ by orders of magnitude. */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Slider } from '../../../components/lab/controls';
import { CONNECTION_STEPS, IO_MODELS, PID_MAX, ROUNDS_PER_SECOND, SHARE_STEPS, roundCost, syscallsPerRequest, type RoundCost } from './io-models';
import { formatBytes, formatCompact, formatCount, formatShare } from './format';
import './io-cost.css';

interface Panel {
  title: string;
  /** Log-scale domain of the bars. */
  domain: [number, number];
  value: (c: RoundCost) => number;
  label: (c: RoundCost) => string;
}

const PANELS: Panel[] = [
  {
    title: 'System calls per second',
    domain: [10, 1e8],
    value: (c) => c.syscalls * ROUNDS_PER_SECOND,
    label: (c) => `${formatCompact(c.syscalls * ROUNDS_PER_SECOND)} · ${perRequest(c)} per request`,
  },
  {
    title: 'Descriptors examined per second',
    domain: [10, 1e8],
    value: (c) => c.examined * ROUNDS_PER_SECOND,
    label: (c) => (c.examined === 0 ? '0: the kernel wakes the right thread' : formatCompact(c.examined * ROUNDS_PER_SECOND)),
  },
  {
    title: 'Thread stack memory in use',
    domain: [1e4, 1e10],
    value: (c) => c.residentStackBytes,
    label: (c) => `${formatBytes(c.residentStackBytes)} (${formatCount(c.threads)} thread${c.threads === 1 ? '' : 's'}${c.threads > PID_MAX ? ', past pid_max here' : ''})`,
  },
];

function perRequest(c: RoundCost): string {
  const v = syscallsPerRequest(c);
  return v >= 0.1 ? v.toFixed(1) : v.toPrecision(2);
}

function width([lo, hi]: [number, number], v: number): number {
  if (v <= 0) return 0;
  const t = (Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo));
  return Math.round(Math.min(1, Math.max(0.01, t)) * 1000) / 10;
}

export default function IoCost() {
  const connections = useSignal(4);
  const share = useSignal(2);
  const costs = useComputed(() => IO_MODELS.map((m) => ({ ...m, cost: roundCost(m.value, CONNECTION_STEPS[connections.value]!, SHARE_STEPS[share.value]!) })));

  const byModel = Object.fromEntries(costs.value.map((c) => [c.value, c.cost]));
  const poll = byModel.poll!;
  const epoll = byModel.epoll!;
  const uring = byModel.io_uring!;
  const perSecond = (n: number) => formatCount(n * ROUNDS_PER_SECOND);

  return (
    <LabFigure
      id="io-cost"
      controls={
        <>
          <Slider label="Connections" value={connections} min={0} max={CONNECTION_STEPS.length - 1} format={(i) => formatCount(CONNECTION_STEPS[i]!)} />
          <Slider label="Active" value={share} min={0} max={SHARE_STEPS.length - 1} format={(i) => formatShare(SHARE_STEPS[i]!)} />
        </>
      }
    >
      <div class="io-cost" data-lab-output>
        <p class="io-cost-summary" aria-live="polite">
          {formatCount(poll.connections)} connections, {formatCount(poll.ready)} ready at each of {ROUNDS_PER_SECOND} wake-ups a second: poll examines{' '}
          <strong>{perSecond(poll.examined)}</strong> descriptors a second, epoll <strong>{perSecond(epoll.examined)}</strong>; io_uring makes{' '}
          <strong>{perSecond(uring.syscalls)}</strong> system calls a second to epoll's <strong>{perSecond(epoll.syscalls)}</strong>.
        </p>
        <div class="io-cost-panels">
          {PANELS.map((panel) => (
            <table class="io-cost-table" key={panel.title}>
              <caption>{panel.title}</caption>
              <tbody>
                {costs.value.map(({ value, label, cost }) => (
                  <tr key={value}>
                    <th scope="row">{label === 'Thread per connection' ? 'threads' : label}</th>
                    <td>
                      {cost.refused ? (
                        <span class="io-cost-refused">refused: fd ≥ 1,024</span>
                      ) : (
                        <>
                          <span class="io-cost-bar" style={{ width: `${width(panel.domain, panel.value(cost))}%` }} />
                          <span class="io-cost-value">{panel.label(cost)}</span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
        </div>
      </div>
    </LabFigure>
  );
}
