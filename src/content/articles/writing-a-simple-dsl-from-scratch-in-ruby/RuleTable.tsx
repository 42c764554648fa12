/**
 * The class-level table the article's validation DSL built, drawn from what the `signup` block
 * printed: one row per rule, one column per sample record, a mark where a record breaks a rule.
 * The reader edits and reruns the block (a rule, a record) and the table follows; Reset on the block
 * brings the article's table back. Parsing lives in rule-table.ts; this only draws.
 */
import { useComputed, useSignal } from '@preact/signals';
import { LabFigure } from '../../../components/lab/LabFigure';
import { Select } from '../../../components/lab/controls';
import { useLabOutput, type LabOutputProps } from '../../../components/lab/use-lab-output';
import { failures, parseRuleTable, untested, type Verdict } from './rule-table';
import './rule-table.css';

const MARK: Record<Verdict, { symbol: string; words: string }> = {
  pass: { symbol: '✓', words: 'passes' },
  fail: { symbol: '✗', words: 'fails' },
  unknown: { symbol: '–', words: 'not printed' },
};

/** Lets a long record name (an email address) break after its @ and dots in a narrow column. */
const breakable = (name: string) => name.replace(/([@.])/g, '$1\u200b');

export default function RuleTable(props: LabOutputProps) {
  const output = useLabOutput(props);
  const table = useComputed(() => parseRuleTable(output.value));
  const chosen = useSignal('1');

  const { rules, records } = table.value;
  const index = Math.max(0, Math.min(Number(chosen.value), records.length - 1));
  const record = records[index];
  const options = records.length ? records.map((r, i) => ({ value: String(i), label: r.name })) : [{ value: '0', label: 'no records printed' }];
  const quiet = untested(table.value);

  return (
    <LabFigure id="signup-rules" controls={<Select label="Record" value={chosen} options={options} />}>
      {rules.length === 0 ? (
        <p class="rules-empty" data-lab-output>
          The block printed no rule lines this time. Reset it to bring the article’s table back.
        </p>
      ) : (
        <div class="rules-scroll" tabIndex={0} role="group" aria-label="Signup’s validation table (scrolls sideways on a narrow screen)">
          <table class="rules" data-lab-output>
            <caption class="visually-hidden">Each rule Signup holds, checked against each sample record</caption>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Rule</th>
                {records.map((r, i) => (
                  <th scope="col" key={r.name + i} class={i === index ? 'rules-chosen' : undefined}>
                    {breakable(r.name)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rules.map((rule, n) => (
                <tr key={n}>
                  <th scope="row">{n + 1}</th>
                  <td class="rules-rule">
                    <code>{rule.attribute}</code> {rule.kind} <span class="rules-option">{rule.option}</span>
                  </td>
                  {records.map((r, i) => {
                    const verdict = r.verdicts[n] ?? 'unknown';
                    return (
                      <td key={i} class={`rules-mark rules-${verdict}${i === index ? ' rules-chosen' : ''}`}>
                        <span aria-hidden="true">{MARK[verdict].symbol}</span>
                        <span class="visually-hidden">{MARK[verdict].words}</span>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p class="lab-readout rules-readout" data-lab-output>
        {record ? (
          <span>
            <strong>{record.name}</strong> breaks <strong>{failures(table.value, record).failed}</strong> of {rules.length} rules
            {record.summary === 'valid' ? '' : `: ${record.summary}`}
          </span>
        ) : (
          <span>No sample records printed.</span>
        )}
        {rules.length > 0 && records.length > 0 && (
          <span>
            {quiet.length
              ? `No sample breaks ${quiet.map((r) => `${r.attribute} ${r.kind}`).join(', ')}: add a record that does.`
              : 'Every rule is broken by some sample.'}
          </span>
        )}
      </p>
    </LabFigure>
  );
}
