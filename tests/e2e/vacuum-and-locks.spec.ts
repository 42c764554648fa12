/**
 * The figures of the two PostgreSQL-in-production articles against the engine on the page: the heap
 * page redraws from its block's rerun (and comes back on Reset), and the lock matrix says what
 * PostgreSQL answered when the article's blocks try every mode against a prepared holder.
 */
import { expect, test, type Locator } from '@playwright/test';
import { editTo, hydratedFigure as figure, settled } from './labs';
import { conflicts, LOCK_MODES, MODE_SQL, type LockMode } from '../../src/content/articles/lock-contention-the-silent-killer-in-postgresql/lock-modes';

const VACUUM = '/articles/what-vacuum-actually-does-in-postgresql/';
const LOCKS = '/articles/lock-contention-the-silent-killer-in-postgresql/';

async function run(lab: Locator, timeout = 60_000): Promise<string> {
  await lab.locator('[data-lab-run]').click();
  return settled(lab, timeout);
}

test('the heap page redraws when its block reruns after VACUUM, and Reset brings back the build', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto(VACUUM);
  const fig = await figure(page, 'heap-page');
  const label = () => fig.locator('svg[data-lab-output]').getAttribute('aria-label');
  expect(await label()).toContain('(7 normal, 0 redirect, 0 dead, 0 unused)');

  // The pruning block runs every block above it first, VACUUM (INDEX_CLEANUP OFF) included.
  expect(await run(page.locator('.lab[id="page-pruned"]'))).toBe('done');
  const block = page.locator('.lab[id="page"]');
  expect(await run(block)).toBe('done');
  await expect.poll(label).toContain('(4 normal, 1 redirect, 1 dead, 1 unused)');

  await block.locator('[data-lab-reset]').click();
  await expect.poll(label).toContain('(7 normal, 0 redirect, 0 dead, 0 unused)');
});

test('the heap page says so when its block no longer returns line pointers', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(VACUUM);
  const fig = await figure(page, 'heap-page');
  const block = page.locator('.lab[id="page"]');
  expect(await run(block)).toBe('done');
  await editTo(page, block, 'SELECT 1 AS one;');
  await block.locator('[data-lab-run]').click();
  expect(await settled(block)).toBe('done');
  await expect(fig.locator('[data-lab-output]').first()).toContainText('no heap_page_items rows');
});

/** The block's answer for each mode, as the page shows it. */
async function answers(lab: Locator): Promise<Map<string, string>> {
  const rows = await lab.locator('[data-lab-output] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  return new Map(rows.map(([mode, answer]) => [mode ?? '', answer ?? '']));
}

function expected(held: LockMode): Map<string, string> {
  return new Map(LOCK_MODES.map((m) => [MODE_SQL[m], conflicts(held, m) ? 'could not obtain lock on relation "orders"' : 'granted']));
}

test('the lock matrix agrees with PostgreSQL, at build and when the blocks run in the browser', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto(LOCKS);
  const report = page.locator('.lab[id="report-row"]');
  const index = page.locator('.lab[id="index-build"]');
  expect(await answers(report)).toEqual(expected('AccessShareLock'));
  expect(await answers(index)).toEqual(expected('ShareLock'));

  expect(await run(index)).toBe('done');
  expect(await answers(report)).toEqual(expected('AccessShareLock'));
  expect(await answers(index)).toEqual(expected('ShareLock'));

  // And the figure, set to the same pair, says the write waits.
  const fig = await figure(page, 'lock-matrix');
  await fig.getByLabel('Session 1 holds').selectOption('create-index');
  await fig.getByLabel('Session 2 asks for').selectOption('update');
  await expect(fig.locator('.lock-matrix-readout')).toContainText('Waits.');
  await fig.getByLabel('Session 2 asks for').selectOption('select');
  await expect(fig.locator('.lock-matrix-readout')).toContainText('Goes ahead.');
});
