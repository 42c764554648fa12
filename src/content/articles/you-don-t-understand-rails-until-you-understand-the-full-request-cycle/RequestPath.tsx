/**
 * The whole path of a request as a list of layers: choose one to read what it does and what it costs.
 * The middleware block is the stack the chosen configuration builds; layers it leaves out stay listed,
 * marked "off", with the setting that would bring them back. The layers are a listbox with one tab
 * stop: arrows, Home and End move the selection, a click selects.
 */
import { useComputed, useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
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

  const order = layers.value.map((l) => l.id);
  const list = useRef<HTMLDivElement>(null);
  const moved = useRef(false);
  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    list.current?.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  });
  const onKeyDown = (e: KeyboardEvent) => {
    const at = selected.value === null ? -1 : order.indexOf(selected.value);
    const moves: Record<string, number> = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: order.length - 1 };
    const to = moves[e.key];
    if (to === undefined) return;
    e.preventDefault();
    selected.value = order[Math.max(0, Math.min(order.length - 1, to))] ?? null;
    moved.current = true;
  };
  // One tab stop: the selected layer, or the first one before anything is selected.
  const tabStop = selected.value ?? order[0];

  const row = (layer: Layer, label: string) => (
    <div
      key={layer.id}
      role="option"
      aria-selected={layer.id === selected.value}
      tabIndex={layer.id === tabStop ? 0 : -1}
      class={`rp-layer${layer.active ? '' : ' rp-off'}`}
      onClick={() => (selected.value = layer.id)}
    >
      <span class="rp-num mono" aria-hidden="true">{label}</span>
      <span class="rp-name">{layer.group === 'middleware' ? breakable(layer.name) : layer.name}</span>
      {!layer.active && <span class="rp-badge">off</span>}
    </div>
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
      <div
        ref={list}
        class="rp-path"
        role="listbox"
        aria-label="Layers of the request, in order. Arrows move between layers."
        data-lab-output
        onKeyDown={onKeyDown}
      >
        {layers.value.filter((l) => l.group !== 'middleware' && layers.value.indexOf(l) < layers.value.indexOf(middleware[0]!)).map((l) => row(l, String(++n)))}
        <div
          class="rp-stack rp-mw"
          role="group"
          aria-label={`Rack middleware, ${active.length} of ${middleware.length} in this stack, outermost first`}
          data-title={`Rack middleware (bin/rails middleware): ${active.length} of ${middleware.length} in this stack, outermost first`}
        >
          {(() => {
            let m = 0;
            return middleware.map((l) => row(l, l.active ? String(++m) : '–'));
          })()}
        </div>
        {layers.value.filter((l) => l.group !== 'middleware' && layers.value.indexOf(l) > layers.value.indexOf(middleware.at(-1)!)).map((l) => row(l, String(++n)))}
      </div>
    </LabFigure>
  );
}
