/**
 * Runnable SQL blocks in Chromium, on the built site: nothing of PGlite before the first Run, every
 * block answering in the browser as it did at build, edit and rerun, Reset back to the article's
 * setup, a runaway query stopped by the watchdog while the page stays responsive, keyboard, axe.
 */
import { expect, test, type Locator } from '@playwright/test';
import { expectNoAxeViolations } from './axe';
import { articlesWithLabs, editTo, expectEveryBlockAsBuilt, expectStoppedByWatchdog, firstLab, requestsThroughFirstRun, settled } from './labs';

const SQL_ARTICLES = articlesWithLabs('sql');
const ENGINE_FILES = /pglite[.-][\w-]+\.(wasm|data)|pgdata\.[0-9a-f]+\.tar|editor\.[\w-]+\.js|browser-engine/;

/**
 * What a result says, without what legitimately differs between the build and a browser (buffer
 * hits of a cold cache, timings, rates): the command tags, the columns and the row counts.
 */
async function shape(lab: Locator): Promise<string> {
  return lab.locator('[data-lab-output]').evaluate((el) =>
    [...el.querySelectorAll('.sql-tag, .sql-error, table, .sql-count, .plan')]
      .map((n) => (n.tagName === 'TABLE' ? [...n.querySelectorAll('th')].map((th) => th.textContent).join('|') : n.classList.contains('plan') ? 'plan' : n.textContent))
      .join('\n'),
  );
}

test('the site has SQL labs', () => {
  expect(SQL_ARTICLES.length).toBeGreaterThan(0);
});

for (const slug of SQL_ARTICLES) {
  test(`${slug}: every block, run in order in the browser, answers as it did at build`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(`/articles/${slug}/`);
    await expectEveryBlockAsBuilt(page, 'sql', shape);
  });
}

test.describe('one block', () => {
  const slug = SQL_ARTICLES[0] ?? '';

  test('nothing of PostgreSQL is fetched before the first Run, then it starts from the prepared database', async ({ page }) => {
    const fetched = await requestsThroughFirstRun(page, slug, 'sql', ENGINE_FILES);
    expect(fetched.filter((u) => /pgdata\.[0-9a-f]+\.tar/.test(u))).toHaveLength(1);
    await expect(firstLab(page, 'sql').locator('[data-lab-message]')).toContainText(/PostgreSQL 18\.\d+ started in/);
  });

  test('edit and rerun with Ctrl+Enter, then Reset brings back the article', async ({ page }) => {
    await page.goto(`/articles/${slug}/`);
    const lab = firstLab(page, 'sql');
    const built = await lab.locator('[data-lab-output]').innerHTML();
    await lab.locator('[data-lab-run]').click();
    await settled(lab);
    await editTo(page, lab, 'SELECT 6 * 7 AS answer, NULL AS nothing;');
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(lab.locator('[data-lab-status]')).toHaveText('done');
    await expect(lab.locator('[data-lab-output] td').first()).toHaveText('42');
    await expect(lab.locator('[data-lab-output] td.sql-null')).toHaveText('NULL');
    await lab.locator('[data-lab-reset]').click();
    await expect(lab.locator('[data-lab-status]')).toHaveText('idle');
    expect(await lab.locator('[data-lab-output]').innerHTML()).toBe(built);
  });

  test('a runaway query is stopped by the watchdog, the page stays responsive, and PostgreSQL comes back', async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto(`/articles/${slug}/`);
    const lab = firstLab(page, 'sql');
    await lab.locator('[data-lab-run]').click();
    await settled(lab);
    await expectStoppedByWatchdog(page, lab, 'SELECT count(*) FROM generate_series(1, 100000000000);');
    await editTo(page, lab, 'SELECT 1 AS back;');
    await lab.locator('[data-lab-run]').click();
    expect(await settled(lab)).toBe('done');
    await expect(lab.locator('[data-lab-output] td').first()).toHaveText('1');
  });

  test('works from the keyboard alone, and axe finds nothing in either theme', async ({ page }) => {
    test.setTimeout(90_000);
    for (const theme of ['light', 'dark'] as const) {
      await page.addInitScript((t) => localStorage.setItem('theme', t), theme);
      await page.goto(`/articles/${slug}/`);
      const run = firstLab(page, 'sql').locator('[data-lab-run]');
      await run.focus();
      await page.keyboard.press('Enter');
      await settled(firstLab(page, 'sql'));
      await expect(run).toBeFocused();
      await expectNoAxeViolations(page, '.lab[data-lab="sql"]');
    }
  });
});
