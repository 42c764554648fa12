/**
 * The plans the expand/contract figure steps through, as data: moving `orders.amount` (dollars,
 * numeric) to `orders.amount_cents` (integer cents). One safe plan and four that go wrong in the
 * ways teams actually go wrong; `play` in migration.ts finds where.
 */
import type { Code, Step } from './migration';

export const V1: Code = { version: 'v1', summary: 'dollars only', writes: ['amount'], reads: 'amount' };
export const V2: Code = { version: 'v2', summary: 'dual write', writes: ['amount', 'amount_cents'], reads: 'amount' };
export const V3: Code = { version: 'v3', summary: 'reads cents', writes: ['amount', 'amount_cents'], reads: 'amount_cents' };
export const V4: Code = { version: 'v4', summary: 'cents only', writes: ['amount_cents'], reads: 'amount_cents' };

const start: Step = { kind: 'start', title: 'v1 reads and writes dollars', command: 'amount numeric(10,2) NOT NULL', code: V1 };

const expand: Step = {
  kind: 'migration',
  title: 'Expand: add amount_cents (nullable) and a sync trigger',
  command: 'ALTER TABLE orders ADD COLUMN amount_cents bigint; CREATE TRIGGER orders_sync_amount_cents …',
  schema: { amount_cents: 'nullable', trigger: true },
};

const dualWrite: Step = {
  kind: 'deploy',
  title: 'v2 writes both columns',
  command: 'before_save { self.amount_cents = (amount * 100).round }',
  code: V2,
};

const backfill: Step = {
  kind: 'backfill',
  title: 'Fill old rows in batches',
  command: 'Order.where(amount_cents: nil).in_batches(of: 10_000).update_all("amount_cents = round(amount * 100)")',
};

const enforce: Step = {
  kind: 'migration',
  title: 'Enforce NOT NULL on amount_cents',
  command: 'ALTER TABLE orders VALIDATE CONSTRAINT orders_amount_cents_present; ALTER COLUMN amount_cents SET NOT NULL',
  schema: { amount_cents: 'not-null' },
};

const switchReads: Step = {
  kind: 'deploy',
  title: 'v3 reads amount_cents (behind a flag)',
  command: 'def total_cents = Flags.enabled?(:read_cents, user_id) ? amount_cents : (amount * 100).round',
  code: V3,
};

const relax: Step = {
  kind: 'migration',
  title: 'Relax amount: drop the trigger, allow NULL',
  command: 'DROP TRIGGER orders_sync_amount_cents ON orders; ALTER TABLE orders ALTER COLUMN amount DROP NOT NULL',
  schema: { trigger: false, amount: 'nullable' },
};

const stopWriting: Step = {
  kind: 'deploy',
  title: 'v4 stops writing amount',
  command: 'self.ignored_columns += ["amount"]',
  code: V4,
};

const contract: Step = {
  kind: 'migration',
  title: 'Contract: drop amount',
  command: 'ALTER TABLE orders DROP COLUMN amount',
  schema: { amount: 'absent' },
};

const inPlace: Step = {
  kind: 'migration',
  title: "Change the column's type in place",
  command: 'ALTER TABLE orders ALTER COLUMN amount TYPE bigint USING round(amount * 100); ALTER TABLE orders RENAME amount TO amount_cents',
  schema: { amount: 'absent', amount_cents: 'not-null', trigger: false },
  rewrites: true,
};

export type PlanId = 'expand-contract' | 'contract-early' | 'reads-before-backfill' | 'stop-before-relax' | 'in-place';

export interface Plan {
  id: PlanId;
  label: string;
  steps: readonly Step[];
}

export const PLANS: readonly Plan[] = [
  { id: 'expand-contract', label: 'Expand, migrate, contract', steps: [start, expand, dualWrite, backfill, enforce, switchReads, relax, stopWriting, contract] },
  { id: 'contract-early', label: 'Drop amount too early', steps: [start, expand, dualWrite, backfill, contract, switchReads] },
  { id: 'reads-before-backfill', label: 'Read cents before the backfill', steps: [start, expand, dualWrite, switchReads, backfill, enforce, relax, stopWriting, contract] },
  { id: 'stop-before-relax', label: 'Stop writing amount too early', steps: [start, expand, dualWrite, backfill, enforce, switchReads, stopWriting, relax, contract] },
  { id: 'in-place', label: 'Change the type in place', steps: [start, inPlace, { ...stopWriting, title: 'v4 reads and writes amount_cents' }] },
];

/** Steps by name, for tests that build plans of their own. */
export const STEPS = { start, expand, dualWrite, backfill, enforce, switchReads, relax, stopWriting, contract, inPlace } as const;
