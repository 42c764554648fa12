/**
 * The validation table the article's DSL builds, read back from what the `signup` block prints.
 * The block prints one line per rule, in the order the class holds them, then one line per sample
 * record with a mark per rule (✓ passes, ✗ fails) and the record's errors:
 *
 *   rule 3: email format /\A[^@\s]+@[^@\s]+\z/
 *   ✓✓✗✓✗✓ ada.example.com: email is invalid; password is too short
 *
 * Readers edit and rerun that block, so the parser takes whatever comes: lines it does not know are
 * skipped, and a record with fewer marks than there are rules leaves the rest unknown.
 */

export interface Rule {
  attribute: string;
  /** presence, length, format, with (a block), or a kind the reader added. */
  kind: string;
  /** The rule's option as Ruby printed it (`true`, `{maximum: 64}`, `block at line 10`). */
  option: string;
}

/** One rule against one record: the mark Ruby printed, or unknown when it printed none. */
export type Verdict = 'pass' | 'fail' | 'unknown';

export interface CheckedRecord {
  name: string;
  /** One per rule, in the rules' order. */
  verdicts: Verdict[];
  /** The record's errors as Ruby joined them, or "valid". */
  summary: string;
}

export interface RuleTable {
  rules: Rule[];
  records: CheckedRecord[];
}

const RULE = /^rule \d+: (\S+) (\S+) ?(.*)$/;
const RECORD = /^([✓✗]+) (.*?): (.*)$/;
/** What a record printed with an empty name (a blank email) is called. */
export const BLANK = '(blank)';

export function parseRuleTable(stdout: string): RuleTable {
  const rules: Rule[] = [];
  const marked: { marks: string[]; name: string; summary: string }[] = [];
  for (const line of stdout.split('\n')) {
    const rule = RULE.exec(line.trimEnd());
    if (rule) {
      rules.push({ attribute: rule[1]!, kind: rule[2]!, option: rule[3]! });
      continue;
    }
    const record = RECORD.exec(line.trimEnd());
    // Spread, not split(''): the marks are single code points, and this stays right if that changes.
    if (record) marked.push({ marks: [...record[1]!], name: record[2]! || BLANK, summary: record[3]! });
  }
  const records = marked.map(({ marks, name, summary }) => ({
    name,
    summary,
    verdicts: rules.map((_, i): Verdict => (marks[i] === '✓' ? 'pass' : marks[i] === '✗' ? 'fail' : 'unknown')),
  }));
  return { rules, records };
}

/** How many rules a record breaks, and of how many. */
export function failures(table: RuleTable, record: CheckedRecord): { failed: number; of: number } {
  return { failed: record.verdicts.filter((v) => v === 'fail').length, of: table.rules.length };
}

/** Rules no sample record breaks: the ones the samples do not exercise yet. */
export function untested(table: RuleTable): Rule[] {
  return table.rules.filter((_, i) => table.records.every((r) => r.verdicts[i] !== 'fail'));
}
