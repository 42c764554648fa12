/**
 * Expand and contract as data. A plan is an array of steps (a migration, a deploy, a backfill); the
 * model folds it into the state of production after each step (schema, the code versions running,
 * which columns hold a value in every row) and checks what would break. During any step the code of
 * the previous step still runs (a rolling deploy, or the app a migration runs under), and rolling a
 * deploy back means running that previous code on the new schema, so both are checked.
 */

export type Column = 'amount' | 'amount_cents';
export const COLUMNS: readonly Column[] = ['amount', 'amount_cents'];

/** A column is NOT NULL, nullable, or gone. */
export type ColumnState = 'not-null' | 'nullable' | 'absent';

export interface Schema {
  amount: ColumnState;
  amount_cents: ColumnState;
  /** A BEFORE INSERT trigger that sets amount_cents from amount on every write. */
  trigger: boolean;
}

/** A version of the application: the columns it writes on insert and the one it reads totals from. */
export interface Code {
  version: string;
  summary: string;
  writes: readonly Column[];
  reads: Column;
}

export type StepKind = 'start' | 'migration' | 'deploy' | 'backfill';

/** One step of a plan: what changes, and the command that changes it. */
export interface Step {
  kind: StepKind;
  title: string;
  command: string;
  /** Schema changes this step makes. */
  schema?: Partial<Schema>;
  /** The code this step deploys. */
  code?: Code;
  /** The step rewrites every row under an ACCESS EXCLUSIVE lock. */
  rewrites?: boolean;
}

export type IssueKind =
  | 'write-missing'
  | 'insert-fails'
  | 'read-missing'
  | 'read-incomplete'
  | 'trigger-nulls'
  | 'trigger-broken'
  | 'constraint-fails'
  | 'rewrite';

/** Something that breaks in production at a step, and which version (or the schema) breaks it. */
export interface Issue {
  kind: IssueKind;
  version: string | null;
  column: Column | null;
  message: string;
}

/** Production after a step. */
export interface State {
  index: number;
  step: Step;
  schema: Schema;
  /** The code this step leaves deployed. */
  code: Code;
  /** The code of the step before: still running during this step, and what a rollback returns to. */
  previous: Code;
  /** Code versions serving traffic during the step (one, or two while a deploy rolls out). */
  running: Code[];
  /** Whether every row has a value in the column: old rows backfilled and every running writer filling it. */
  complete: Record<Column, boolean>;
  issues: Issue[];
  /** The last version before `code`, and whether it could still run here. False marks the point of no return. */
  olderVersion: Code | null;
  olderStillWorks: boolean;
}

/** Whether a write by `code` leaves a value in `column`, counting the trigger (which copies amount). */
function fills(code: Code, column: Column, schema: Schema): boolean {
  if (schema[column] === 'absent') return false;
  if (column === 'amount') return code.writes.includes('amount');
  // The trigger computes amount_cents from amount on every insert: it fills the column for writers
  // of amount, and overwrites it with NULL for writers that no longer send amount.
  if (schema.trigger) return code.writes.includes('amount');
  return code.writes.includes('amount_cents');
}

/** What breaks when `code` runs against `schema` with the given column completeness. */
export function issuesOf(code: Code, schema: Schema, complete: Record<Column, boolean>): Issue[] {
  const issues: Issue[] = [];
  const v = code.version;
  for (const column of code.writes) {
    if (schema[column] === 'absent') {
      issues.push({ kind: 'write-missing', version: v, column, message: `${v} writes ${column}, which no longer exists: every insert fails` });
    }
  }
  if (schema.trigger && schema.amount_cents !== 'absent' && schema.amount !== 'absent' && !code.writes.includes('amount')) {
    const rejected = schema.amount_cents === 'not-null' ? ', and NOT NULL rejects the insert' : '';
    issues.push({ kind: 'trigger-nulls', version: v, column: 'amount_cents', message: `the sync trigger overwrites ${v}'s amount_cents with NULL${rejected}` });
  }
  for (const column of COLUMNS) {
    if (schema[column] !== 'not-null' || fills(code, column, schema)) continue;
    // A writer of amount_cents that the trigger nulls is reported once, as trigger-nulls, above.
    if (code.writes.includes(column)) continue;
    issues.push({ kind: 'insert-fails', version: v, column, message: `${v} inserts orders without ${column}, which is NOT NULL: inserts fail` });
  }
  const read = code.reads;
  if (schema[read] === 'absent') {
    issues.push({ kind: 'read-missing', version: v, column: read, message: `${v} reads ${read}, which no longer exists: every page that shows a total fails` });
  } else if (!complete[read]) {
    issues.push({ kind: 'read-incomplete', version: v, column: read, message: `${v} reads ${read}, but some rows hold NULL there: totals come out wrong` });
  }
  return issues;
}

const START_SCHEMA: Schema = { amount: 'not-null', amount_cents: 'absent', trigger: false };

/**
 * Folds a plan into the state of production after each step. The first step must be a `start`
 * step carrying the code deployed today.
 */
export function play(plan: readonly Step[]): State[] {
  const first = plan[0];
  if (!first?.code) throw new Error('a plan starts with the code running today');
  const states: State[] = [];
  let schema = START_SCHEMA;
  let code = first.code;
  let complete: Record<Column, boolean> = { amount: true, amount_cents: false };
  const history: Code[] = [];

  plan.forEach((step, index) => {
    const previous = code;
    const before = schema;
    schema = { ...schema, ...step.schema };
    if (step.code) code = step.code;
    if (code !== previous) history.push(previous);
    const running = code === previous ? [code] : [previous, code];

    // A column is complete if its rows were complete before (or a backfill just filled them) and
    // no running writer leaves it empty. A writer that skips it opens a gap only a backfill closes.
    // A NOT NULL column is complete by definition: a writer that leaves it empty fails instead.
    const filledByAll = (c: Column) => running.every((r) => fills(r, c, schema));
    const wasComplete = complete;
    complete = {
      amount: schema.amount === 'not-null' || (schema.amount !== 'absent' && complete.amount && filledByAll('amount')),
      amount_cents:
        schema.amount_cents === 'not-null' ||
        (schema.amount_cents !== 'absent' && (step.kind === 'backfill' || complete.amount_cents) && filledByAll('amount_cents')),
    };

    const issues = running.flatMap((r) => issuesOf(r, schema, complete));
    for (const column of COLUMNS) {
      if (schema[column] === 'not-null' && before[column] !== 'not-null' && !wasComplete[column]) {
        issues.push({ kind: 'constraint-fails', version: null, column, message: `SET NOT NULL fails: some rows still hold NULL in ${column}` });
      }
    }
    if (schema.trigger && schema.amount === 'absent') {
      issues.push({ kind: 'trigger-broken', version: null, column: 'amount', message: 'the sync trigger still reads amount, which no longer exists: every insert fails' });
    }
    if (step.rewrites) {
      issues.push({ kind: 'rewrite', version: null, column: null, message: 'rewrites every row under an ACCESS EXCLUSIVE lock: reads and writes wait until it ends' });
    }

    const olderVersion = history.at(-1) ?? null;
    const olderStillWorks = olderVersion === null || issuesOf(olderVersion, schema, complete).length === 0;
    states.push({ index, step, schema, code, previous, running, complete, issues, olderVersion, olderStillWorks });
  });
  return states;
}

/** Index of the first step where something breaks, or -1 for a plan that is safe all the way. */
export function firstBreak(states: readonly State[]): number {
  return states.findIndex((s) => s.issues.length > 0);
}
