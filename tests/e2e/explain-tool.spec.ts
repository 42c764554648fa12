import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, useTheme } from './axe';

const fixture = (file: string) => readFileSync(new URL(`../../src/labs/postgres/fixtures/${file}`, import.meta.url), 'utf8');
const URL_PATH = '/tools/explain/';

const input = (page: Page) => page.getByLabel('Plan as JSON');
const status = (page: Page) => page.locator('[data-explain-status]');
const tree = (page: Page) => page.locator('[data-explain-output] .plan-tree');

test('a pasted plan is drawn as a tree with its misestimate flagged, and the text form opens on request', async ({ page }) => {
  await page.goto(URL_PATH);
  await input(page).fill(fixture('hash-join.json'));
  await page.getByRole('button', { name: 'Show plan' }).click();

  await expect(page.getByRole('heading', { name: 'Your plan' })).toBeVisible();
  await expect(status(page)).toHaveText('Showing a plan of 4 nodes, 2 misestimates of 10× or more.');
  await expect(tree(page).locator('li.plan-node')).toHaveCount(4);
  await expect(tree(page).locator('.plan-head').first()).toHaveText('Hash Join');
  const flag = tree(page).locator('li[data-flagged] .plan-flag').first();
  await expect(flag).toBeVisible();
  await expect(flag).toHaveText(/^▲ \d+× more rows than estimated$/);

  const text = page.locator('[data-explain-output] pre.plan-pre');
  await expect(text).toBeHidden();
  await page.getByText('PostgreSQL’s text form').click();
  await expect(text).toBeVisible();
  await expect(text).toContainText('Hash Cond: (o.customer_id = c.id)');
  await expect(text).toContainText('->  Seq Scan on orders o  (cost=');
});

test('psql’s table, header and + marks included, reads as well as bare JSON', async ({ page }) => {
  await page.goto(URL_PATH);
  await input(page).fill(fixture('parallel-hash-join.psql.txt'));
  await page.getByRole('button', { name: 'Show plan' }).click();
  await expect(tree(page).locator('li.plan-node')).toHaveCount(8);
  await expect(tree(page).getByText('Parallel Hash Join', { exact: true })).toBeVisible();
  await expect(tree(page).getByText('Worker 0:  Sort Method: quicksort  Memory: 25kB')).toBeVisible();
});

test('a bad paste says what is wrong in the live region and hides the old plan', async ({ page }) => {
  await page.goto(URL_PATH);
  await expect(status(page)).toHaveAttribute('aria-live', 'polite');
  await input(page).fill('[\n  {\n    "Plan": { "Node Type" "Sort" }\n  }\n]');
  await page.getByRole('button', { name: 'Show plan' }).click();
  await expect(status(page)).toHaveText('This is not JSON: expected “:” after a key, found “"” at line 3, column 27.');
  await expect(input(page)).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('[data-explain-result]')).toBeHidden();

  await input(page).fill('{"rows": 3}');
  await page.getByRole('button', { name: 'Show plan' }).click();
  await expect(status(page)).toHaveText('No "Plan" key: paste the output of EXPLAIN (FORMAT JSON).');

  await input(page).fill(fixture('sort-disk.json'));
  await page.getByRole('button', { name: 'Show plan' }).click();
  await expect(input(page)).toHaveAttribute('aria-invalid', 'false');
  await expect(page.locator('[data-explain-result]')).toBeVisible();
  await expect(tree(page)).toContainText('Sort Method: external merge  Disk:');
});

test('everything works from the keyboard alone', async ({ page }) => {
  await page.goto(URL_PATH);
  const focused = () => page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el ? `${el.tagName.toLowerCase()}:${el.id || el.textContent?.trim().slice(0, 40) || ''}` : '';
  });
  const tabTo = async (target: string) => {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if ((await focused()).startsWith(target)) return;
    }
    throw new Error(`Tab never reached ${target}`);
  };

  await tabTo('textarea:explain-input');
  await page.keyboard.type('{ "Plan": ');
  await page.keyboard.press('Control+Enter');
  await expect(status(page)).toHaveText(/^This is not JSON: /);

  await tabTo('button:Use the example plan');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'The example plan' })).toBeVisible();
  await expect(status(page)).toHaveText(/^Showing a plan of 4 nodes/);

  // The first node's summary collapses and reopens its subtree.
  await tabTo('summary:');
  const first = page.locator('[data-explain-output] li.plan-node > details').first();
  await page.keyboard.press('Enter');
  await expect(first).not.toHaveAttribute('open', '');
  await expect(page.locator('[data-explain-output] .plan-children').first()).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(first).toHaveAttribute('open', '');

  await tabTo('summary:PostgreSQL’s text form');
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-explain-output] pre.plan-pre')).toBeVisible();
});

test('nothing is fetched or sent when a plan is shown', async ({ page }) => {
  await page.goto(URL_PATH);
  await page.waitForLoadState('networkidle');
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await input(page).fill(fixture('subplans.json'));
  await page.getByRole('button', { name: 'Show plan' }).click();
  await page.getByRole('button', { name: 'Use the example plan' }).click();
  await expect(tree(page).locator('li.plan-node')).toHaveCount(4);
  expect(requests).toEqual([]);
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the example plan is already drawn, and its text form opens', async ({ page }) => {
    await page.goto(URL_PATH);
    await expect(tree(page).locator('li.plan-node')).toHaveCount(4);
    await page.getByText('PostgreSQL’s text form').click();
    await expect(page.locator('pre.plan-pre')).toBeVisible();
  });
});

for (const theme of ['light', 'dark'] as const) {
  test(`axe finds no violations in the ${theme} theme, with a plan, its text form and an error shown`, async ({ page }) => {
    await useTheme(page, theme);
    await page.goto(URL_PATH);
    await expectNoAxeViolations(page);
    await input(page).fill(fixture('subplans.json'));
    await page.getByRole('button', { name: 'Show plan' }).click();
    await page.getByText('PostgreSQL’s text form').click();
    await expectNoAxeViolations(page);
    await input(page).fill('not a plan');
    await page.getByRole('button', { name: 'Show plan' }).click();
    await expect(status(page)).toHaveText(/^This is not JSON/);
    await expectNoAxeViolations(page);
  });
}
