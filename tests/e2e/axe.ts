import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Runs axe-core on the page as it is (or only on `include`) and fails listing each violation with its nodes. */
export async function expectNoAxeViolations(page: Page, include?: string): Promise<void> {
  // Only violations are read: asking axe for nothing else spares it from serialising every passing
  // node, which on a long article (tens of thousands of highlighted tokens) is most of its time.
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] });
  if (include) builder.include(include);
  const { violations } = await builder.analyze();
  const report = violations.map((v) => `${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(report, `axe on ${page.url()}`).toEqual([]);
}

/** Sets the site theme the way a returning reader's choice would. */
export async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.addInitScript((t) => localStorage.setItem('theme', t), theme);
}
