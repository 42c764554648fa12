import { describe, expect, it } from 'vitest';
import { BLANK, failures, parseRuleTable, untested } from './rule-table';

// The shape the article's `signup` block prints (the build checks the real output against the page).
const printed = [
  'rule 1: email presence true',
  'rule 2: password presence true',
  'rule 3: email format /\\A[^@\\s]+@[^@\\s]+\\z/',
  'rule 4: password length {maximum: 64}',
  'rule 5: password with block at line 10',
  'rule 6: age with block at line 11',
  '✓✓✓✓✓✓ ada@example.com: valid',
  '✓✓✗✓✗✓ ada.example.com: email is invalid; password is too short',
  '✓✓✓✓✓✗ kid@example.com: age must be 18 or over on the pro plan',
  '6 rules, 3 records',
].join('\n');

describe('the rule table read from the signup block', () => {
  it('keeps the rules in the order the class holds them, with their options as Ruby printed them', () => {
    const { rules } = parseRuleTable(printed);
    expect(rules.map((r) => `${r.attribute} ${r.kind}`)).toEqual([
      'email presence',
      'password presence',
      'email format',
      'password length',
      'password with',
      'age with',
    ]);
    expect(rules[2]!.option).toBe('/\\A[^@\\s]+@[^@\\s]+\\z/');
    expect(rules[4]!.option).toBe('block at line 10');
  });

  it('gives each record one verdict per rule, the nth mark for the nth rule', () => {
    const table = parseRuleTable(printed);
    const bad = table.records[1]!;
    expect(bad.name).toBe('ada.example.com');
    const broken = table.rules.filter((_, i) => bad.verdicts[i] === 'fail').map((r) => `${r.attribute} ${r.kind}`);
    expect(broken).toEqual(['email format', 'password with']);
    expect(failures(table, bad)).toEqual({ failed: 2, of: 6 });
    expect(failures(table, table.records[0]!).failed).toBe(0);
  });

  it('names the rules no sample breaks, so the reader knows which record to add', () => {
    const names = untested(parseRuleTable(printed)).map((r) => `${r.attribute} ${r.kind}`);
    expect(names).toEqual(['email presence', 'password presence', 'password length']);
    // The article's suggestion: a blank email and a 70-character password.
    const withBlank = `${printed}\n✗✓✗✗✓✓ : email can't be blank; email is invalid; password is too long (maximum 64)`;
    const table = parseRuleTable(withBlank);
    expect(table.records[3]!.name).toBe(BLANK);
    expect(untested(table).map((r) => `${r.attribute} ${r.kind}`)).toEqual(['password presence']);
  });

  it('grows a row for a rule and a column for a record the reader adds', () => {
    const edited = printed.replace('rule 6: age with block at line 11', 'rule 6: age with block at line 11\nrule 7: plan inclusion ["free", "pro"]') + '\n✓✓✓✓✓✓✗ gold@example.com: plan is not in the list';
    const table = parseRuleTable(edited);
    expect(table.rules).toHaveLength(7);
    expect(table.records).toHaveLength(4);
    expect(table.records[3]!.verdicts[6]).toBe('fail');
  });

  it('leaves verdicts unknown when a record printed fewer marks than there are rules', () => {
    const table = parseRuleTable(`rule 1: email presence true\nrule 2: password presence true\n✓ ada@example.com: valid`);
    expect(table.records[0]!.verdicts).toEqual(['pass', 'unknown']);
    expect(failures(table, table.records[0]!).failed).toBe(0);
  });

  it('reads output that is not a table as an empty one instead of failing', () => {
    expect(parseRuleTable('')).toEqual({ rules: [], records: [] });
    expect(parseRuleTable('42\nhello: world\n=> nil')).toEqual({ rules: [], records: [] });
  });
});
