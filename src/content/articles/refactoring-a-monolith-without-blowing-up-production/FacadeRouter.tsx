/**
 * The strangler fig's facade: one percentage flag per route, 100 users, and where each user's
 * request to each route goes. The reader moves routes to the new app and watches the same users stay
 * put as a percentage grows, and a broken release fail only the users routed to it.
 */
import { useComputed, useSignal, type Signal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Select, Slider } from '../../../components/lab/controls';
import { RELEASES, ROUTES, routeTraffic, type Route, type RouteTraffic } from './routing';
import './facade-router.css';

const USERS = Array.from({ length: 100 }, (_, i) => i + 1);
const COLUMNS = 25;
const CELL = 12;
const SIZE = 10;

function Cells({ traffic }: { traffic: RouteTraffic }) {
  const rows = Math.ceil(traffic.requests.length / COLUMNS);
  const label = `${traffic.route}: ${traffic.onNew} of ${traffic.requests.length} users on the new app, ${traffic.errors} ${traffic.errors === 1 ? 'error' : 'errors'}`;
  return (
    <svg viewBox={`0 0 ${COLUMNS * CELL} ${rows * CELL}`} role="img" aria-label={label} class="facade-router-cells">
      {traffic.requests.map((r, i) => {
        const x = (i % COLUMNS) * CELL + 1;
        const y = Math.floor(i / COLUMNS) * CELL + 1;
        const cls = r.error ? 'is-error' : r.app === 'new' ? 'is-new' : 'is-legacy';
        return (
          <g key={r.userId} class={cls}>
            <rect x={x} y={y} width={SIZE} height={SIZE} rx={1.5} />
            {r.error && <path d={`M${x + 2.5} ${y + 2.5}l5 5m0 -5l-5 5`} />}
            {!r.error && r.creditNotes && traffic.route === '/invoices' && <circle cx={x + SIZE / 2} cy={y + SIZE / 2} r={1.8} />}
          </g>
        );
      })}
    </svg>
  );
}

export default function FacadeRouter() {
  const shares: Record<Route, Signal<number>> = {
    '/products': useSignal(100),
    '/search': useSignal(50),
    '/invoices': useSignal(10),
    '/checkout': useSignal(0),
  };
  const releaseId = useSignal(RELEASES[0]?.id ?? '');
  const traffic = useComputed(() => {
    const release = RELEASES.find((r) => r.id === releaseId.value) ?? RELEASES[0];
    const values = Object.fromEntries(ROUTES.map((r) => [r, shares[r].value])) as Record<Route, number>;
    return release ? routeTraffic(values, release, USERS) : [];
  });
  const requests = traffic.value.reduce((s, t) => s + t.requests.length, 0);
  const onNew = traffic.value.reduce((s, t) => s + t.onNew, 0);
  const errors = traffic.value.reduce((s, t) => s + t.errors, 0);
  const failing = traffic.value.filter((t) => t.errors > 0).map((t) => t.route);

  const controls = (
    <>
      {ROUTES.map((route) => (
        <Slider key={route} label={`${route} on new app`} value={shares[route]} min={0} max={100} step={5} format={(v) => `${v}%`} />
      ))}
      <Select label="New app" value={releaseId} options={RELEASES.map((r) => ({ value: r.id, label: r.label }))} />
    </>
  );

  return (
    <LabFigure id="facade-router" controls={controls}>
      <div class="facade-router" data-lab-output>
        <ul class="facade-router-legend" aria-hidden="true">
          <li><svg viewBox="0 0 12 12" class="is-legacy"><rect x="1" y="1" width="10" height="10" rx="1.5" /></svg>legacy monolith</li>
          <li><svg viewBox="0 0 12 12" class="is-new"><rect x="1" y="1" width="10" height="10" rx="1.5" /></svg>new app</li>
          <li><svg viewBox="0 0 12 12" class="is-error"><rect x="1" y="1" width="10" height="10" rx="1.5" /><path d="M3.5 3.5l5 5m0 -5l-5 5" /></svg>error</li>
          <li><svg viewBox="0 0 12 12" class="is-legacy"><rect x="1" y="1" width="10" height="10" rx="1.5" /><circle cx="6" cy="6" r="1.8" /></svg>has credit notes</li>
        </ul>
        {traffic.value.map((t) => (
          <div class="facade-router-row" key={t.route}>
            <span class="facade-router-route mono">{t.route}</span>
            <Cells traffic={t} />
            <span class="facade-router-count">
              <strong>{t.onNew}</strong> on new{t.errors > 0 && <>, <strong class="facade-router-bad">{t.errors} failed</strong></>}
            </span>
          </div>
        ))}
        <p class="lab-readout" aria-live="polite">
          <span>New app: <strong>{onNew}</strong> of {requests} requests</span>
          <span>
            Errors: <strong>{errors}</strong>
            {errors > 0 ? `, all on the new app's ${failing.join(', ')}` : ', legacy and new app both clean'}
          </span>
        </p>
      </div>
    </LabFigure>
  );
}
