/**
 * Steps through one call's method lookup on the chain the `call` block printed: the call site and
 * its cache above, the chain below with the cursor on the entry the VM is looking at. The steps are
 * data from lookup-steps.ts; this component only draws the current one.
 */
import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Button, Select, Toggle } from '../../../components/lab/controls';
import { useLabOutput, type LabOutputProps } from '../../../components/lab/use-lab-output';
import { defaultMethod, displayName, lastChainReport } from '../ancestors-chain-how-ruby-actually-resolves-methods/chain-report';
import { lookupSteps, receiverExpr, type LookupStep } from './lookup-steps';
import './lookup-stepper.css';

function rowState(i: number, step: LookupStep): string {
  if (step.at === i) return step.phase === 'refused' || step.phase === 'missing' ? 'is-now is-bad' : 'is-now';
  if (step.found === i) return 'is-found';
  if (step.cached === i) return 'is-cached';
  if (step.checked.includes(i)) return 'is-checked';
  return 'is-ahead';
}

function rowNote(i: number, step: LookupStep): string {
  if (step.at === i) return '◀ now';
  if (step.found === i) return 'found';
  if (step.cached === i) return 'cached';
  if (step.checked.includes(i)) return 'not here';
  return '';
}

export default function LookupStepper(props: LabOutputProps) {
  const output = useLabOutput(props);
  const report = useComputed(() => lastChainReport(output.value));
  const first = () => (report.value ? (defaultMethod(report.value) ?? '') : '');
  const method = useSignal(first());
  const warm = useSignal(false);
  const index = useSignal(0);

  // A rerun whose output lacks the chosen name falls back to the new default.
  useSignalEffect(() => {
    const r = report.value;
    if (r && !r.names.includes(method.peek())) method.value = defaultMethod(r) ?? '';
  });
  const steps = useComputed(() => (report.value && method.value ? lookupSteps(report.value, method.value, { warm: warm.value }) : []));
  // A new call or cache state starts from its first step.
  useSignalEffect(() => {
    void steps.value;
    index.value = 0;
  });

  const r = report.value;
  const all = steps.value;
  const at = Math.min(index.value, Math.max(all.length - 1, 0));
  const step = all[at];
  const reset = () => {
    method.value = first();
    warm.value = false;
    index.value = 0;
  };
  const controls = (
    <>
      <Select label="Call" value={method} options={(r?.names ?? []).map((n) => ({ value: n, label: `${r ? receiverExpr(r.subject) : 'obj'}.${n}` }))} />
      <Toggle label="Second call (caches warm)" value={warm} />
      <div class="lab-control" role="group" aria-label="Steps">
        <Button onClick={() => (index.value = at - 1)} disabled={at === 0}>Back</Button>
        <Button onClick={() => (index.value = at + 1)} disabled={at >= all.length - 1}>Step</Button>
        <Button onClick={reset}>Reset</Button>
      </div>
    </>
  );

  if (!r || !step) {
    return (
      <LabFigure id="lookup-stepper" controls={controls}>
        <p class="lookup-empty" data-lab-output aria-live="polite">
          The block printed no Chain.show report, so there is no chain to step through. Run it again with a Chain.show(obj.singleton_class) line at the end.
        </p>
      </LabFigure>
    );
  }

  const recv = receiverExpr(r.subject);
  return (
    <LabFigure id="lookup-stepper" controls={controls}>
      <div class="lookup" data-lab-output>
        <div class="lookup-site">
          <code class="lookup-call">{recv}.{method.value}</code>
          <span class="lookup-cache">
            inline cache: <span class="mono">{step.cache ?? 'empty'}</span>
          </span>
        </div>
        <ol class="lookup-chain" aria-label={`${displayName(r.subject)}.ancestors`}>
          {r.entries.map((e, i) => (
            <li key={`${i}-${e.name}`} class={`lookup-row is-${e.kind} ${rowState(i, step)}`}>
              <span class="lookup-name mono">{displayName(e.name)}</span>
              <span class="lookup-kind">{e.kind}</span>
              <span class="lookup-note">{rowNote(i, step)}</span>
            </li>
          ))}
        </ol>
        <div class="lookup-step" aria-live="polite">
          <p class="lookup-count">
            Step {at + 1} of {all.length}
          </p>
          <p class="lookup-title">{step.title}</p>
          <p class="lookup-detail">{step.detail}</p>
        </div>
      </div>
    </LabFigure>
  );
}
