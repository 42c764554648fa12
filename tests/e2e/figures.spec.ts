/**
 * Every explorable figure on the built site, found through the lab DOM contract: it hydrates when
 * scrolled into view, each control changes its output, it works from the keyboard alone, it does not
 * animate under reduced motion, and axe finds nothing. A new figure is covered by being built.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectNoAxeViolations } from './axe';
import { hydratedFigure } from './labs';
import { builtArticles, DIST } from './pages';

/** Figures per article, read from the built HTML so each gets a test of its own. */
function figuresOf(slug: string): string[] {
  const html = readFileSync(join(DIST, 'articles', slug, 'index.html'), 'utf8');
  return [...html.matchAll(/data-lab="figure" id="([^"]+)"/g)].map((m) => m[1] ?? '');
}

const FIGURES = builtArticles().flatMap((slug) => figuresOf(slug).map((id) => ({ slug, id })));

async function outputOf(figure: Locator): Promise<string> {
  return (await figure.locator('[data-lab-output]').evaluateAll((els) => els.map((e) => e.outerHTML))).join('\n');
}

async function ready(page: Page, slug: string, id: string): Promise<Locator> {
  await page.goto(`/articles/${slug}/`);
  return hydratedFigure(page, id);
}

/** Operates one control from the keyboard the way its kind expects. */
async function operate(page: Page, control: Locator): Promise<void> {
  await control.focus();
  const kind = await control.evaluate((el) => (el instanceof HTMLInputElement ? el.type : el.tagName.toLowerCase()));
  if (kind === 'range') {
    const atMax = await control.evaluate((el) => (el as HTMLInputElement).value === (el as HTMLInputElement).max);
    await page.keyboard.press(atMax ? 'Home' : 'End');
  } else if (kind === 'select') {
    const atLast = await control.evaluate((el) => (el as HTMLSelectElement).selectedIndex === (el as HTMLSelectElement).options.length - 1);
    await page.keyboard.press(atLast ? 'Home' : 'ArrowDown');
  } else if (kind === 'checkbox') {
    await page.keyboard.press('Space');
  } else {
    await page.keyboard.press('Enter');
  }
}

test('the figure test finds the figures', () => {
  // Guards against a contract change silently emptying the list below.
  expect(FIGURES.length).toBeGreaterThan(0);
});

for (const { slug, id } of FIGURES) {
  test.describe(`figure ${slug}#${id}`, () => {
    test('hydrates, and each control changes its output from the keyboard', async ({ page }) => {
      const figure = await ready(page, slug, id);
      const initial = await outputOf(figure);
      expect(initial.length).toBeGreaterThan(0);
      const controls = figure.locator('[data-lab-control]');
      const count = await controls.count();
      expect(count).toBeGreaterThan(0);
      for (let i = 0; i < count; i++) {
        const control = controls.nth(i);
        if (!(await control.isEnabled()) || !(await control.isVisible())) continue;
        const name = (await control.getAttribute('aria-label')) ?? (await control.textContent()) ?? '';
        const before = await outputOf(figure);
        await operate(page, control);
        await expect(control).toBeFocused();
        if (/^\s*reset\s*$/i.test(name)) {
          // Reset brings back the first state (from any state, including the first).
          await expect.poll(() => outputOf(figure), { message: `Reset in ${id}` }).toBe(initial);
        } else {
          await expect.poll(() => outputOf(figure), { message: `control ${i} (${name.trim() || 'unnamed'}) of ${id} changes the output` }).not.toBe(before);
        }
        // A control that starts an animation is stopped before the next one is judged.
        const pause = figure.locator('[data-lab-control][aria-pressed="true"]');
        if (await pause.count()) await pause.first().click();
      }
    });

    test('under reduced motion nothing plays by itself', async ({ page }) => {
      await page.emulateMedia({ reducedMotion: 'reduce' });
      const figure = await ready(page, slug, id);
      const controls = figure.locator('[data-lab-control]');
      for (let i = 0; i < (await controls.count()); i++) {
        const control = controls.nth(i);
        if (!(await control.isEnabled()) || !(await control.isVisible())) continue;
        await operate(page, control);
        const settled = await outputOf(figure);
        await page.waitForTimeout(250);
        expect(await outputOf(figure), `control ${i} of ${id} left something animating`).toBe(settled);
      }
    });

    test('axe finds nothing, in both themes', async ({ page }) => {
      await page.addInitScript(() => localStorage.setItem('theme', 'light'));
      await ready(page, slug, id);
      await expectNoAxeViolations(page, `[id="${id}"]`);
      // The reader's own switch: the hydrated figure must hold up when the theme changes under it.
      await page.locator('[data-theme-toggle]').first().click();
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await expectNoAxeViolations(page, `[id="${id}"]`);
    });
  });
}
