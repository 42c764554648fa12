/**
 * Every strategy of the storm figure at its default settings, as a table. Rendered once at build
 * (no client directive, no JavaScript shipped): the numbers come from the same model as the figure.
 */
import { clock } from './chart';
import './retry-storm.css';
import { DEFAULTS, simulateStorm, STRATEGIES, type StormParams } from './retry-storm';

const fmt = (n: number) => n.toLocaleString('en-US');
const CAP = 450;

const ROWS: { label: string; params: Partial<StormParams> }[] = [
  ...STRATEGIES.map((s) => ({ label: s.label, params: { strategy: s.value } })),
  { label: 'Full jitter + breaker', params: { strategy: 'full-jitter', breaker: true } },
  { label: `Full jitter + cap ${CAP}/s`, params: { strategy: 'full-jitter', cap: CAP } },
  { label: `Full jitter + breaker + cap`, params: { strategy: 'full-jitter', breaker: true, cap: CAP } },
];

export default function StormTable() {
  return (
    <table class="retry-storm-table">
      <thead>
        <tr>
          <th scope="col">strategy</th>
          <th scope="col">peak/s after recovery</th>
          <th scope="col">s over capacity</th>
          <th scope="col">API calls</th>
          <th scope="col">all done or parked</th>
          <th scope="col">in the DLQ</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(({ label, params }) => {
          const r = simulateStorm({ ...DEFAULTS, ...params });
          return (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>
                {fmt(r.peak)} <span class="retry-storm-ratio">{(r.peak / DEFAULTS.capacity).toFixed(1)}×</span>
              </td>
              <td>{fmt(r.secondsOver)}</td>
              <td>{fmt(r.calls)}</td>
              <td>{r.drainedAt === null ? `> ${clock(r.seconds)}` : clock(r.drainedAt)}</td>
              <td>{fmt(r.dead)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
