/**
 * The whole path of a request as a list of layers, each a button: choose one to read what it does and
 * what it costs. The middleware block is the stack the chosen configuration builds; layers it leaves
 * out stay listed, marked "off", with the setting that would bring them back.
 */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Select, Toggle } from '../../../components/lab/controls';
import { DEVELOPMENT, PRODUCTION } from './middleware-stack';
import { requestPath, type Layer } from './request-path';
import './request-path.css';

const ENVIRONMENTS = [
  { value: 'production', label: 'production' },
  { value: 'development', label: 'development' },
] as const;

const GROUP_LABEL: Record<Layer['group'], string> = {
  front: 'before Ruby',
  puma: 'Puma',
  middleware: 'Rack middleware',
  rails: 'Rails',
  database: 'Active Record and PostgreSQL',
  view: 'Action View',
  out: 'the way back',
};

/** `ActionDispatch::Session::CookieStore` may break after any `::` on a narrow screen. */
function breakable(name: string) {
  const parts = name.split('::');
  return parts.map((part, i) => (i < parts.length - 1 ? [part, '::', <wbr key={i} />] : part));
}

export default function RequestPath() {
  const environment = useSignal<(typeof ENVIRONMENTS)[number]['value']>('production');
  const apiOnly = useSignal(false);
  const selected = useSignal<string | null>(null);
  const layers = useComputed(() => requestPath({ ...(environment.value === 'production' ? PRODUCTION : DEVELOPMENT), apiOnly: apiOnly.value }));
  const middleware = layers.value.filter((l) => l.group === 'middleware');
  const active = middleware.filter((l) => l.active);
  const current = layers.value.find((l) => l.id === selected.value);

  const row = (layer: Layer, label: string) => (
    <li key={layer.id} class={layer.active ? undefined : 'rp-off'}>
      <button
        type="button"
        data-lab-control
        class="rp-layer"
        aria-current={layer.id === selected.value ? 'true' : undefined}
        onClick={() => (selected.value = layer.id)}
      >
        <span class="rp-num mono" aria-hidden="true">{label}</span>
        <span class="rp-name">{layer.group === 'middleware' ? breakable(layer.name) : layer.name}</span>
        {!layer.active && <span class="rp-badge">off</span>}
      </button>
    </li>
  );

  let n = 0;
  return (
    <LabFigure id="request-path">
      <div class="lab-controls">
        <Select label="Environment" value={environment} options={ENVIRONMENTS} />
        <Toggle label="API-only app" value={apiOnly} />
      </div>
      <div class="rp-detail" data-lab-output aria-live="polite">
        {current ? (
          <>
            <p class="rp-title">
              <strong class={current.group === 'middleware' ? 'mono' : undefined}>{breakable(current.name)}</strong>
              <span class="rp-group">{GROUP_LABEL[current.group]}</span>
            </p>
            {current.condition && (
              <p class="rp-condition">
                {current.condition === 'always' ? (
                  'In every Rails 8.0 stack.'
                ) : (
                  <>
                    {current.active ? 'In this stack because ' : 'Off here: it needs '}
                    {current.condition}.
                  </>
                )}
              </p>
            )}
            <p>{current.does}</p>
            <p class="rp-cost"><strong>Cost:</strong> {current.cost}</p>
          </>
        ) : (
          <>
            <p class="rp-title"><strong>{layers.value.length - (middleware.length - active.length)} layers between the socket and the response</strong></p>
            <p>
              The Rails 8.0 {environment.value} stack{apiOnly.value ? ' of an API-only app' : ''} has {active.length} middleware; {middleware.length - active.length} more
              exist in the framework and are off here. Choose any layer to see what it does and what it costs.
            </p>
          </>
        )}
      </div>
      <ol class="rp-path" data-lab-output aria-label="Layers of the request, in order">
        {layers.value.filter((l) => l.group !== 'middleware' && layers.value.indexOf(l) < layers.value.indexOf(middleware[0]!)).map((l) => row(l, String(++n)))}
        <li class="rp-stack">
          <p class="rp-stack-title">
            Rack middleware: <span class="mono">bin/rails middleware</span>, {active.length} of {middleware.length} in this stack, outermost first
          </p>
          <ol class="rp-mw">
            {(() => {
              let m = 0;
              return middleware.map((l) => row(l, l.active ? String(++m) : '–'));
            })()}
          </ol>
        </li>
        {layers.value.filter((l) => l.group !== 'middleware' && layers.value.indexOf(l) > layers.value.indexOf(middleware.at(-1)!)).map((l) => row(l, String(++n)))}
      </ol>
    </LabFigure>
  );
}
