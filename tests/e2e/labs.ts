/** Helpers shared by the lab specs: find labs on the built site, wait for a run, edit a block. */
import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtArticles, DIST } from './pages';

const html = (slug: string) => readFileSync(join(DIST, 'articles', slug, 'index.html'), 'utf8');

/** Articles of the build with labs of this kind. */
export function articlesWithLabs(kind: 'ruby' | 'sql'): string[] {
  return builtArticles().filter((slug) => html(slug).includes(`data-lab="${kind}"`));
}

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
