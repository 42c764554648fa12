/**
 * The two ruby-internals figures drawn from a runnable block's output: the ancestors chain
 * (ancestors-chain-how-ruby-actually-resolves-methods, block `chain`) and the lookup stepper
 * (how-ruby-resolves-methods-internally, block `call`). The reader edits the block, reruns it, the
 * figure redraws from what Ruby printed in the browser; Reset on the block brings the build's back.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { editTo, hydratedFigure, settled } from './labs';

/** Runs the block once (which opens the editor), replaces its code, and reruns it with the keyboard. */
async function rerunWith(page: Page, lab: Locator, edit: (source: string) => string): Promise<void> {
  const source = (await lab.getAttribute('data-lab-source')) ?? '';
  await lab.locator('[data-lab-run]').click();
  expect(await settled(lab)).toBe('done');
  await editTo(page, lab, edit(source));
  await page.keyboard.press('ControlOrMeta+Enter');
  // The run is quick; callers wait for the figure to show the new output.
}

const outputOf = (figure: Locator) => figure.locator('[data-lab-output]').evaluate((el) => el.outerHTML);

async function ready(page: Page, slug: string, id: string): Promise<Locator> {
  await page.goto(`/articles/${slug}/`);
  return hydratedFigure(page, id);
}

test('the chain figure redraws from the edited block, and Reset brings the article’s chain back', async ({ page }) => {
  test.setTimeout(90_000);
  const figure = await ready(page, 'ancestors-chain-how-ruby-actually-resolves-methods', 'chain-figure');
  const initial = await outputOf(figure);
  const rows = figure.locator('.chain-fig-entry');
  await expect(rows.first()).toContainText('Invoice');
  await expect(figure.locator('.chain-fig-readout')).toContainText('runs Invoice#save');

  const lab = page.locator('.lab[data-lab="ruby"]#chain');
  await rerunWith(page, lab, (source) => source.replace('  include Timestamps\n', '  include Timestamps\n  prepend Auditing\n'));
  // Ruby in the browser printed a chain with Auditing prepended; the figure drew that one.
  await expect(rows.first()).toContainText('Auditing');
  await expect(rows.first()).toContainText('prepended');
  await expect(figure.locator('.chain-fig-readout')).toContainText('runs Auditing#save');
  await expect(rows).toHaveCount(9);
  await expect(lab.locator('[data-lab-status]')).toHaveText('done');

  await lab.locator('[data-lab-reset]').click();
  await expect.poll(() => outputOf(figure)).toBe(initial);
});

test('the lookup stepper redraws from the edited block, steps through it, and Reset restores it', async ({ page }) => {
  test.setTimeout(90_000);
  const figure = await ready(page, 'how-ruby-resolves-methods-internally', 'lookup-stepper');
  const initial = await outputOf(figure);
  const rows = figure.locator('.lookup-row');
  await expect(rows.first()).toContainText('#<Class:#<User>>');

  const lab = page.locator('.lab[data-lab="ruby"]#call');
  await rerunWith(page, lab, (source) => source.replace(/Chain\.show\(user\.singleton_class, /, 'Chain.show(User, '));
  // Without the singleton class the chain starts at the prepended module, above User.
  await expect(rows.first()).toContainText('Tracing');
  await expect(lab.locator('[data-lab-status]')).toHaveText('done');
  await figure.getByRole('button', { name: 'Step' }).click();
  await expect(figure.locator('.lookup-title')).toContainText("Read the receiver's class: User");
  await figure.getByRole('button', { name: 'Step' }).click();
  await figure.getByRole('button', { name: 'Back' }).click();
  await expect(figure.locator('.lookup-title')).toContainText("Read the receiver's class: User");

  await lab.locator('[data-lab-reset]').click();
  await figure.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => outputOf(figure)).toBe(initial);
});
