/**
 * The suspect hierarchy as a decision path: six checks in the order a Rails app is most often guilty,
 * each clearing or convicting one slice of the request's time. The first slice at or above the
 * threshold is convicted and the walk stops there.
 */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Select, Slider } from '../../../components/lab/controls';
import { parseFolded } from './flame-graph';
import database from './profiles/database.folded?raw';
import external from './profiles/external-call.folded?raw';
import gc from './profiles/gc-allocation.folded?raw';
import { splitProfile, walk, type Split } from './suspects';
import './suspect-path.css';

const CASES = {
  database: { label: 'GET /orders (profile)', split: splitProfile(parseFolded(database)) },
  external: { label: 'GET /cart (profile)', split: splitProfile(parseFolded(external)) },
  gc: { label: 'GET /reports/export.json (profile)', split: splitProfile(parseFolded(gc)) },
  // A profile cannot see time spent before the app runs; this case is an APM's numbers in milliseconds.
  saturated: { label: 'Busy hour, from the APM', split: { queue: 420, database: 40, external: 0, gc: 10, ruby: 70 } satisfies Split },
} as const;
type CaseName = keyof typeof CASES;
const OPTIONS = (Object.keys(CASES) as CaseName[]).map((value) => ({ value, label: CASES[value].label }));

const STATUS_MARK = { cleared: '✓', convicted: '●', 'not reached': '–' } as const;

export default function SuspectPath() {
  const which = useSignal<CaseName>('database');
  const threshold = useSignal(30);
  const verdict = useComputed(() => walk(CASES[which.value].split, threshold.value / 100));
  const v = verdict.value;
  const culprit = v.steps.find((s) => s.status === 'convicted')!;
  const largest = v.steps.find((s) => s.slice === v.largest)!;

  return (
    <LabFigure
      id="suspect-path"
      controls={
        <>
          <Select label="Case" value={which} options={OPTIONS} />
          <Slider label="Convict a slice at" value={threshold} min={10} max={60} step={5} format={(x) => `≥ ${x}%`} />
        </>
      }
    >
      <ol class="sp-steps" data-lab-output aria-label="The suspect hierarchy, checked in order">
        {v.steps.map((s, i) => (
          <li key={s.slice} class={`sp-step sp-${s.status.replace(' ', '-')}`}>
            <span class="sp-mark" aria-hidden="true">{STATUS_MARK[s.status]}</span>
            <span class="sp-body">
              <span class="sp-head">
                <strong>{i + 1}. {s.name}</strong>
                <span class="sp-status">{s.status}{s.share !== undefined ? `, ${Math.round(s.share * 100)}% of the time` : ''}</span>
              </span>
              {s.share !== undefined && (
                <span class="sp-bar" aria-hidden="true">
                  <span style={{ width: `${s.share * 100}%` }} />
                  <i style={{ left: `${threshold.value}%` }} />
                </span>
              )}
              <span class="sp-check">Check: {s.check}</span>
            </span>
          </li>
        ))}
      </ol>
      <p class="sp-verdict" data-lab-output aria-live="polite">
        <strong>Verdict: {culprit.name.toLowerCase()}.</strong>{' '}
        {culprit.slice === 'machine'
          ? `No slice reaches ${threshold.value}%; the largest is ${largest.name.toLowerCase()} at ${Math.round((largest.share ?? 0) * 100)}%. Before you chase it, look below Ruby: ${culprit.tool}.`
          : `Reach for ${culprit.tool}.`}
      </p>
    </LabFigure>
  );
}
