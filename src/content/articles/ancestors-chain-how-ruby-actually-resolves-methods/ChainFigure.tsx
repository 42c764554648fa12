/**
 * The ancestors chain of whatever the `chain` block printed, drawn one entry per row, with the
 * lookup of one method marked on it: where the walk checks and moves on, where it stops, and
 * (with "Follow super") every later definition `super` reaches. Redraws when the reader reruns
 * the block; the model (chain-report.ts) does the reading and the walking.
 */
import { useComputed, useSignal, useSignalEffect } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Select, Toggle } from '../../../components/lab/controls';
import { useLabOutput, type LabOutputProps } from '../../../components/lab/use-lab-output';
import { defaultMethod, displayName, lastChainReport, lookup, receiverPhrase, superclassChain, type ChainReport, type Lookup } from './chain-report';
import './chain-figure.css';

type Verdict = 'listed' | 'checked' | 'runs' | 'super' | 'passed' | 'unreached';

function verdictOf(at: number, found: Lookup | null, followSuper: boolean): Verdict {
  if (!found) return 'listed';
  if (found.runs === null || at < found.runs) return 'checked';
  if (at === found.runs) return 'runs';
  if (!followSuper) return 'unreached';
  const last = found.definers.at(-1) ?? found.runs;
  if (found.definers.includes(at)) return 'super';
  return at < last ? 'passed' : 'unreached';
}

const LABEL: Record<Verdict, string> = {
  listed: '',
  checked: 'no match, next',
  runs: 'runs here',
  super: 'super lands here',
  passed: 'super passes by',
  unreached: 'not searched',
};

function readout(report: ChainReport, found: Lookup | null, followSuper: boolean): string {
  const on = receiverPhrase(report.subject);
  const total = report.entries.length;
  if (!found) return `${total} entries and no methods to look up: pass some names, as in Chain.show(Invoice, :to_s).`;
  if (found.runs === null) {
    return `${found.method} ${on}: no entry defines it. The walk checks all ${total} entries, then Ruby calls method_missing, which raises NoMethodError unless something overrides it.`;
  }
  const owner = displayName(report.entries[found.runs]?.name ?? '');
  let text = `${found.method} ${on} runs ${owner}#${found.method}, found at entry ${found.runs + 1} of ${total}.`;
  if (followSuper) {
    const rest = found.definers.slice(1).map((i) => displayName(report.entries[i]?.name ?? ''));
    text += rest.length ? ` Each super goes on to the next definition: ${rest.join(', then ')}.` : ` Nothing further up defines ${found.method}, so a super in it would raise NoMethodError.`;
  }
  if (found.agreesWithRuby !== null) text += found.agreesWithRuby ? ` Ruby agrees: the owner it printed is ${owner}.` : ' Ruby printed a different owner, so something the table cannot show is in play.';
  return text;
}

export default function ChainFigure(props: LabOutputProps) {
  const output = useLabOutput(props);
  const report = useComputed(() => lastChainReport(output.value));
  const method = useSignal(report.value ? (defaultMethod(report.value) ?? '') : '');
  const followSuper = useSignal(true);
  // After a rerun, a name the new output no longer has gives way to the new default.
  useSignalEffect(() => {
    const r = report.value;
    if (r && !r.names.includes(method.peek())) method.value = defaultMethod(r) ?? '';
  });

  const r = report.value;
  const options = (r?.names ?? []).map((n) => ({ value: n, label: n }));
  const controls = (
    <>
      <Select label="Look up" value={method} options={options} />
      <Toggle label="Follow super" value={followSuper} />
    </>
  );

  if (!r) {
    return (
      <LabFigure id="chain-figure" controls={controls}>
        <p class="chain-fig-empty" data-lab-output aria-live="polite">
          The block printed no Chain.show report, so there is no chain to draw. Run it again with a Chain.show(SomeClass) line at the end.
        </p>
      </LabFigure>
    );
  }

  const found = method.value ? lookup(r, method.value) : null;
  const classes = superclassChain(r).map(displayName);
  return (
    <LabFigure id="chain-figure" controls={controls}>
      <div class="chain-fig" data-lab-output>
        <p class="chain-fig-subject">
          <code>{displayName(r.subject)}.ancestors</code>, searched top to bottom{found && <> for <code>{found.method}</code></>}
        </p>
        <ol class="chain-fig-list">
          {r.entries.map((e, i) => {
            const verdict = verdictOf(i, found, followSuper.value);
            return (
              <li key={`${i}-${e.name}`} class={`chain-fig-entry is-${e.kind} is-${verdict}`}>
                <span class="chain-fig-index mono">{i + 1}</span>
                <span class="chain-fig-name">
                  <span class="mono">{displayName(e.name)}</span> <span class="chain-fig-kind">{e.kind}</span>
                </span>
                <span class="chain-fig-methods mono">
                  {e.defines.map((m) => (
                    <span key={m} class={m === found?.method ? 'chain-fig-method is-picked' : 'chain-fig-method'}>{m}</span>
                  ))}
                </span>
                <span class="chain-fig-verdict">{LABEL[verdict]}</span>
              </li>
            );
          })}
          {found && found.runs === null && (
            <li class="chain-fig-entry is-missing is-runs">
              <span class="chain-fig-index mono">→</span>
              <span class="chain-fig-name">
                <span class="mono">method_missing</span> <span class="chain-fig-kind">the fallback</span>
              </span>
              <span class="chain-fig-methods mono" />
              <span class="chain-fig-verdict">NoMethodError</span>
            </li>
          )}
        </ol>
        <p class="chain-fig-rail">
          <span class="chain-fig-rail-label">superclass alone sees</span> <span class="mono">{classes.join(' → ')}</span>
        </p>
        <p class="chain-fig-readout" aria-live="polite">{readout(r, found, followSuper.value)}</p>
      </div>
    </LabFigure>
  );
}
