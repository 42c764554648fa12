/**
 * "Writing a simple DSL from scratch in Ruby": the rule table figure is drawn from the `signup`
 * block's real output. Edited and rerun in the browser, the block redraws the figure; Reset on the
 * block brings the build's table back.
 */
import { expect, test } from '@playwright/test';
import { editTo, settled } from './labs';

const SLUG = 'writing-a-simple-dsl-from-scratch-in-ruby';
const KID = '{ email: "kid@example.com", password: "long enough", age: 15, plan: "pro" },';

test('the rule table follows the signup block: a new record adds a column, Reset restores the build’s table', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto(`/articles/${SLUG}/`);
  const lab = page.locator('.lab[data-lab="ruby"]#signup');
  const figure = page.locator('[data-lab="figure"]#signup-rules');
  const table = figure.locator('table.rules');
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toHaveAttribute('data-lab-ready', '');

  // The first frame comes from the build's output: six rules, three records.
  await expect(table.locator('tbody tr')).toHaveCount(6);
  await expect(table.locator('thead th')).toHaveCount(2 + 3);
  const built = await table.evaluate((el) => el.outerHTML);

  await lab.locator('[data-lab-run]').click();
  expect(await settled(lab, 60_000)).toBe('done');
  // The browser's run printed what the build did, so the figure is unchanged.
  expect(await table.evaluate((el) => el.outerHTML)).toBe(built);

  const source = (await lab.getAttribute('data-lab-source')) ?? '';
  expect(source).toContain(KID);
  await editTo(page, lab, source.replace(KID, `${KID}\n  { email: "", password: "x" * 70 },`));
  await page.keyboard.press('ControlOrMeta+Enter');
  expect(await settled(lab)).toBe('done');

  await expect(table.locator('thead th')).toHaveCount(2 + 4);
  await expect(table.locator('thead th').last()).toHaveText('(blank)');
  // The new record breaks email presence, email format and password length.
  await expect(table.locator('tbody tr td.rules-fail:last-child')).toHaveCount(3);
  await expect(figure.locator('select[data-lab-control] option')).toHaveCount(4);
  await expect(figure.locator('.rules-readout')).toContainText('No sample breaks password presence');

  await lab.locator('[data-lab-reset]').click();
  await expect(table.locator('thead th')).toHaveCount(2 + 3);
  expect(await table.evaluate((el) => el.outerHTML)).toBe(built);
});
