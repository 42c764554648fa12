/**
 * Expand and contract, one step at a time: the plan as a list, and for the current step the schema,
 * the code versions serving traffic, what each reads and writes, and what breaks. The steps are
 * data (migration-plans.ts); this component renders any of them.
 */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Button, Select } from '../../../components/lab/controls';
import { COLUMNS, play, type Code, type Column, type Issue, type State, type StepKind } from './migration';
import { PLANS, type PlanId } from './migration-plans';
import './expand-contract.css';

const KIND: Record<StepKind, string> = { start: 'today', migration: 'migration', deploy: 'deploy', backfill: 'backfill job' };

const TYPE: Record<Column, string> = { amount: 'numeric', amount_cents: 'bigint' };

function SchemaCell({ state, column }: { state: State; column: Column }) {
  const s = state.schema[column];
  if (s === 'absent') return <td class="expand-contract-absent">{state.index > 0 && column === 'amount' ? 'dropped' : 'not there yet'}</td>;
  return (
    <td>
      <span class="mono">{TYPE[column]}</span>, {s === 'not-null' ? 'NOT NULL' : 'nullable'}
      <br />
      <span class={state.complete[column] ? 'expand-contract-ok' : 'expand-contract-warn'}>
        {state.complete[column] ? '✓ every row has a value' : '○ NULL in some rows'}
      </span>
      {column === 'amount_cents' && state.schema.trigger && <><br /><span class="expand-contract-note">sync trigger fills it from amount</span></>}
    </td>
  );
}

function UseCell({ code, column, issues, trigger }: { code: Code; column: Column; issues: Issue[]; trigger: boolean }) {
  const uses = [code.reads === column && 'reads', code.writes.includes(column) && 'writes'].filter(Boolean).join(' + ');
  const viaTrigger = column === 'amount_cents' && trigger && code.writes.includes('amount') && !code.writes.includes('amount_cents');
  const broken = issues.some((i) => i.version === code.version && i.column === column);
  return (
    <td class={broken ? 'expand-contract-broken' : undefined}>
      {broken && <span aria-hidden="true">✗ </span>}
      {uses || (viaTrigger ? 'filled by the trigger' : '—')}
      {broken && <span class="expand-contract-sr"> (breaks)</span>}
    </td>
  );
}

function roleOf(state: State, code: Code): string {
  if (state.running.length === 1) return 'serving';
  return code === state.previous ? 'old, still serving' : 'rolling out';
}

function verdict(state: State): string[] {
  const lines: string[] = [];
  if (state.issues.length === 0) {
    const names = state.running.map((c) => c.version).join(' and ');
    lines.push(state.running.length > 1 ? `✓ ${names} both work here, so the deploy can roll back to ${state.previous.version}.` : `✓ Nothing breaks: ${names} works with this schema.`);
  }
  if (state.olderVersion && state.olderVersion !== state.previous && state.issues.length === 0) {
    lines.push(
      state.olderStillWorks
        ? `↩ ${state.olderVersion.version} could still run here if ${state.code.version} had to go.`
        : `⚠ Point of no return: ${state.olderVersion.version} could not run on this schema. Take this step once ${state.code.version} has proven itself.`,
    );
  }
  return lines;
}

export default function ExpandContract() {
  const planId = useSignal<PlanId>('expand-contract');
  const index = useSignal(0);
  const plan = useComputed(() => PLANS.find((p) => p.id === planId.value) ?? PLANS[0]);
  const states = useComputed(() => play(plan.value?.steps ?? []));
  const last = states.value.length - 1;
  const at = Math.min(index.value, last);
  const state = states.value[at];
  if (!state) return null;
  const brokenSteps = states.value.filter((s) => s.issues.length > 0).length;

  const controls = (
    <>
      <Select label="Plan" value={planId} options={PLANS.map((p) => ({ value: p.id, label: p.label }))} />
      <Button onClick={() => (index.value = Math.max(0, at - 1))} disabled={at === 0}>Previous step</Button>
      <Button onClick={() => (index.value = Math.min(last, at + 1))} disabled={at === last}>Next step</Button>
    </>
  );

  return (
    <LabFigure id="expand-contract" controls={controls}>
      <div class="expand-contract" data-lab-output>
        <ol class="expand-contract-steps" aria-label={`${plan.value?.label}: ${brokenSteps === 0 ? 'nothing breaks at any step' : `${brokenSteps} of ${states.value.length} steps break production`}`}>
          {states.value.map((s) => (
            <li key={s.index} class={`${s.index === at ? 'is-current' : ''} ${s.issues.length ? 'is-broken' : ''}`} aria-current={s.index === at ? 'step' : undefined}>
              <span class="expand-contract-mark" aria-hidden="true">{s.issues.length ? '✗' : '✓'}</span>
              <span class="expand-contract-kind">{s.index}. {KIND[s.step.kind]}</span>{' '}
              <span>{s.step.title}</span>
              {s.issues.length > 0 && <span class="expand-contract-sr"> (breaks production)</span>}
            </li>
          ))}
        </ol>

        <div class="expand-contract-detail" aria-live="polite">
          <p class="expand-contract-head">
            <strong>{at === 0 ? 'Before the change' : `Step ${at} of ${last}`}: {state.step.title}</strong>
            <code class="expand-contract-command">{state.step.command}</code>
          </p>
          <table class="expand-contract-table">
            <thead>
              <tr><th scope="col">in production</th>{COLUMNS.map((c) => <th scope="col" key={c} class="mono">{c}</th>)}</tr>
            </thead>
            <tbody>
              <tr><th scope="row">schema</th>{COLUMNS.map((c) => <SchemaCell key={c} state={state} column={c} />)}</tr>
              {state.running.map((code) => (
                <tr key={code.version}>
                  <th scope="row">
                    {code.version} <span class="expand-contract-note">{code.summary}</span>
                    <br />
                    <span class="expand-contract-role">{roleOf(state, code)}</span>
                  </th>
                  {COLUMNS.map((c) => <UseCell key={c} code={code} column={c} issues={state.issues} trigger={state.schema.trigger} />)}
                </tr>
              ))}
            </tbody>
          </table>
          <ul class="expand-contract-checks">
            {state.issues.map((i) => <li key={i.message} class="expand-contract-broken">✗ {i.message}</li>)}
            {verdict(state).map((line) => <li key={line}>{line}</li>)}
          </ul>
        </div>
      </div>
    </LabFigure>
  );
}
