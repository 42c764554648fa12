/**
 * Runnable Ruby blocks in Chromium, on the built site: nothing of the engine before the first Run,
 * every block reproducing in the browser what the build embedded, edit and rerun, Reset, a runaway
 * loop stopped by the watchdog while the page stays responsive, keyboard only, axe.
 */
import { expect, test, type Locator } from '@playwright/test';
import { maskVolatile } from '../../src/labs/output.ts';
import { expectNoAxeViolations } from './axe';
import { articlesWithLabs, editTo, expectEveryBlockAsBuilt, expectStoppedByWatchdog, firstLab, requestsThroughFirstRun, settled } from './labs';

const RUBY_ARTICLES = articlesWithLabs('ruby');
const ENGINE_FILES = /ruby\.[\w-]+\.wasm|worker-[\w-]+\.js|editor\.[\w-]+\.js|browser-engine/;

/**
 * The output region's text as a reader sees it, without the build's "Output" caption. Blank lines
 * are left out: the highlighter draws an empty line as an empty block, which innerText skips.
 */
async function shownOutput(lab: Locator): Promise<string> {
  const text = await lab.locator('[data-lab-output]').evaluate((el) => (el.querySelector('pre') as HTMLElement | null)?.innerText ?? '');
  return text.replace(/\n{2,}/g, '\n');
}

test('the site has Ruby labs', () => {
  expect(RUBY_ARTICLES.length).toBeGreaterThan(0);
});

for (const slug of RUBY_ARTICLES) {
  test(`${slug}: every block, run in order in the browser, prints what the build printed`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`/articles/${slug}/`);
    await expectEveryBlockAsBuilt(page, 'ruby', async (lab) => maskVolatile(await shownOutput(lab)));
  });
}

test.describe('one block', () => {
  const slug = RUBY_ARTICLES[0] ?? '';

  test('nothing of the engine is fetched before the first Run', async ({ page }) => {
    const fetched = await requestsThroughFirstRun(page, slug, 'ruby', ENGINE_FILES);
    expect(fetched.filter((u) => /ruby\.[\w-]+\.wasm/.test(u))).toHaveLength(1);
  });

  test('edit and rerun with Ctrl+Enter, then Reset brings back the article', async ({ page }) => {
    await page.goto(`/articles/${slug}/`);
    const lab = firstLab(page, 'ruby');
    const builtOutput = await shownOutput(lab);
    await lab.locator('[data-lab-run]').click();
    await settled(lab);
    await editTo(page, lab, 'puts [1, 2, 3].sum * 7\nRUBY_VERSION');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(lab.locator('[data-lab-status]')).toHaveText('done');
    await expect.poll(() => shownOutput(lab)).toBe('42\n=> "3.4.1"');
    await lab.locator('[data-lab-reset]').click();
    await expect(lab.locator('[data-lab-status]')).toHaveText('idle');
    expect(await shownOutput(lab)).toBe(builtOutput);
    await expect(lab.locator('.cm-content')).not.toContainText('sum * 7');
  });

  test('an endless loop is stopped by the watchdog, the page stays responsive, and Ruby comes back', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(`/articles/${slug}/`);
    const lab = firstLab(page, 'ruby');
    await lab.locator('[data-lab-run]').click();
    await settled(lab);
    await expectStoppedByWatchdog(page, lab, 'puts "before the loop"\nloop {}');
    expect(await shownOutput(lab)).toBe('before the loop\n');
    // The restarted engine runs the next edit.
    await editTo(page, lab, 'puts :again');
    await lab.locator('[data-lab-run]').click();
    expect(await settled(lab)).toBe('done');
    expect(await shownOutput(lab)).toBe('again');
  });

  test('works from the keyboard alone, and axe finds nothing in either theme', async ({ page }) => {
    test.setTimeout(90_000);
    for (const theme of ['light', 'dark'] as const) {
      await page.addInitScript((t) => localStorage.setItem('theme', t), theme);
      await page.goto(`/articles/${slug}/`);
      const run = firstLab(page, 'ruby').locator('[data-lab-run]');
      await run.focus();
      await page.keyboard.press('Enter');
      await settled(firstLab(page, 'ruby'));
      await expect(run).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(firstLab(page, 'ruby').locator('[data-lab-reset]')).toBeFocused();
      await expectNoAxeViolations(page, '.lab[data-lab="ruby"]');
    }
  });
});
