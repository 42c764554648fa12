/** Helpers shared by the lab specs: find labs on the built site, wait for a run, edit a block. */
import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtArticles, DIST } from './pages';

type Engine = 'ruby' | 'sql';

const html = (slug: string) => readFileSync(join(DIST, 'articles', slug, 'index.html'), 'utf8');

/** Articles of the build with labs of this kind. */
export function articlesWithLabs(kind: Engine): string[] {
  return builtArticles().filter((slug) => html(slug).includes(`data-lab="${kind}"`));
}

export const firstLab = (page: Page, kind: Engine): Locator => page.locator(`.lab[data-lab="${kind}"]`).first();

export async function settled(lab: Locator, timeout = 30_000): Promise<string> {
  const status = lab.locator('[data-lab-status]');
  await expect(status).toHaveText(/^(done|error|stopped)$/, { timeout });
  return (await status.textContent()) ?? '';
}

export async function editTo(page: Page, lab: Locator, code: string): Promise<void> {
  await lab.locator('.cm-content').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(code);
}

/**
 * Clicks Run on every block of the page in order, as a reader going down the article would, and
 * expects each to end as its markup declares (done, or error where the error is intended) with
 * `shown` reading what the build embedded.
 */
export async function expectEveryBlockAsBuilt(page: Page, kind: Engine, shown: (lab: Locator) => Promise<string>): Promise<void> {
  const labs = page.locator(`.lab[data-lab="${kind}"]`);
  const count = await labs.count();
  for (let i = 0; i < count; i++) {
    const lab = labs.nth(i);
    const built = await shown(lab);
    await lab.locator('[data-lab-run]').click();
    const status = await settled(lab);
    const expectError = (await lab.getAttribute('data-lab-expect')) === 'error';
    expect(status, `block ${i + 1} (${await lab.getAttribute('id')})`).toBe(expectError ? 'error' : 'done');
    expect(await shown(lab), `block ${i + 1} output`).toBe(built);
  }
}

/**
 * Opens the article and scrolls through it, expects no request to match `engineFiles`, then runs
 * the first block and returns every address the page requested, for the caller's own checks.
 */
export async function requestsThroughFirstRun(page: Page, slug: string, kind: Engine, engineFiles: RegExp): Promise<string[]> {
  const fetched: string[] = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto(`/articles/${slug}/`);
  await page.mouse.wheel(0, 4000);
  await page.waitForTimeout(500);
  expect(fetched.filter((u) => engineFiles.test(u))).toEqual([]);
  await firstLab(page, kind).locator('[data-lab-run]').click();
  await settled(firstLab(page, kind));
  return fetched;
}

/**
 * Runs `code`, which never ends on its own: while the engine spins in its worker the page still
 * scrolls and answers, and the watchdog stops the run past the limit with a plain message.
 */
export async function expectStoppedByWatchdog(page: Page, lab: Locator, code: string): Promise<void> {
  await editTo(page, lab, code);
  await lab.locator('[data-lab-run]').click();
  await expect(lab.locator('[data-lab-status]')).toHaveText('running');
  const started = Date.now();
  await page.mouse.wheel(0, 300);
  expect(await page.evaluate(() => document.readyState)).toBe('complete');
  expect(Date.now() - started).toBeLessThan(1000);
  expect(await settled(lab, 20_000)).toBe('stopped');
  await expect(lab.locator('[data-lab-message]')).toContainText('Stopped after 10.0 s');
}

/** The figure once it has scrolled into view and hydrated. */
export async function hydratedFigure(page: Page, id: string): Promise<Locator> {
  const figure = page.locator(`[data-lab="figure"][id="${id}"]`);
  await figure.scrollIntoViewIfNeeded();
  await expect(figure).toHaveAttribute('data-lab-ready', '', { timeout: 10_000 });
  return figure;
}
