/**
 * Figures drawn from runnable blocks in "Understanding Ruby's runtime" and "Debugging memory leaks
 * in Ruby": edit a named block in the browser, run it, and the figure redraws from the new output;
 * Reset on the block brings the build's drawing back.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { editTo, hydratedFigure as hydrated, settled } from './labs';

const RUNTIME = '/articles/understanding-ruby-s-runtime-not-just-the-language/';
const LEAKS = '/articles/debugging-memory-leaks-in-ruby-without-crying/';

/** Runs the block once (which mounts its editor), then replaces its code and runs that. */
async function runEdited(page: Page, block: Locator, code: string): Promise<void> {
  await block.locator('[data-lab-run]').click();
  expect(await settled(block, 60_000)).toBe('done');
  const before = await shown(block);
  await editTo(page, block, code);
  await page.keyboard.press('ControlOrMeta+Enter');
  // A fast run may be over before a "running" state could be seen: wait for new output instead.
  await expect.poll(() => shown(block), { timeout: 60_000 }).not.toBe(before);
  expect(await settled(block, 60_000)).toBe('done');
}

/** The block's output as shown. */
const shown = (block: Locator) => block.locator('[data-lab-output]').innerText();

const svgLabel = (figure: Locator) => figure.locator('svg[role="img"]').first().getAttribute('aria-label');

test.describe('the runtime article', () => {
  test('the YARV figure reads the listing of whatever the reader compiles, and Reset brings the article’s back', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(RUNTIME);
    const figure = await hydrated(page, 'yarv-stack');
    const listing = figure.locator('ol');
    await expect(listing).toContainText('opt_send_without_block');
    await expect(figure.locator('select')).toHaveCount(1); // two sequences: the top level and area

    const block = page.locator('.lab[data-lab="ruby"][id="yarv"]');
    await runEdited(page, block, 'puts RubyVM::InstructionSequence.compile("price = 3\\nprice * 2 - 1").disasm');
    await expect(listing).toContainText('opt_minus');
    await expect(listing).not.toContainText('opt_send_without_block');
    await expect(figure.locator('select')).toHaveCount(0); // one sequence: nothing to choose

    // Step to the subtraction and see the expression the stack holds.
    const slider = figure.locator('input[type="range"]');
    const rows = await listing.locator('li').allTextContents();
    const at = rows.findIndex((r) => r.includes('opt_minus'));
    await slider.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < at; i++) await page.keyboard.press('ArrowRight');
    expect(await svgLabel(figure)).toContain('price * 2, 1');
    await expect(figure.locator('.yarv-note')).toContainText('redefined');

    await block.locator('[data-lab-reset]').click();
    await expect(listing).toContainText('opt_send_without_block');
    await expect(figure.locator('select')).toHaveCount(1);
  });

  test('the heap figure redraws from an edited heap block, and says so when the block prints no pools', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(RUNTIME);
    const figure = await hydrated(page, 'heap-pools');
    const built = await svgLabel(figure);
    const block = page.locator('.lab[data-lab="ruby"][id="heap"]');

    const code = (await block.getAttribute('data-lab-source'))!.replace(/^keep = .*$/m, 'keep = Array.new(30_000) { Object.new }');
    await runEdited(page, block, code);
    await expect.poll(() => svgLabel(figure)).not.toBe(built);
    // Thirty thousand bare objects, all in the smallest pool.
    await figure.locator('select').selectOption('0');
    const readout = (await figure.locator('.lab-readout').textContent()) ?? '';
    expect(Number(/([\d,]+) live/.exec(readout)?.[1]?.replace(/,/g, ''))).toBeGreaterThan(30_000);

    await editTo(page, block, 'puts "no pools here"');
    await page.keyboard.press('ControlOrMeta+Enter');
    expect(await settled(block)).toBe('done');
    await expect(figure.locator('[data-lab-output]')).toContainText('nothing to draw');

    await block.locator('[data-lab-reset]').click();
    await expect.poll(() => svgLabel(figure)).toBe(built);
  });
});

test.describe('the memory leaks article', () => {
  test('bounding the key space of the leaking cache flattens its curve; Reset brings the leak back', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(LEAKS);
    const figure = await hydrated(page, 'cache-growth-leak');
    expect(await svgLabel(figure)).toContain('keeps growing');
    const block = page.locator('.lab[data-lab="ruby"][id="leak"]');

    const code = (await block.getAttribute('data-lab-source'))!.replace('user_id    = 1_000 + request ', 'user_id    = 1_000 + request % 500 ');
    await runEdited(page, block, code);
    // The article's own suggestion: 500 users × 40 products is 1,000 keys, all cached before the
    // first sample at 1,000 requests, so the line is flat from its first point, as the prose says.
    await expect.poll(() => svgLabel(figure)).toContain('cache flat');
    await expect(figure.locator('[data-lab-output]').last()).toContainText('entries 1,000');

    await block.locator('[data-lab-reset]').click();
    await expect.poll(() => svgLabel(figure)).toContain('keeps growing');
  });

  test('the LRU figure plots both caches, and explains itself when the output has no samples', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(LEAKS);
    const figure = await hydrated(page, 'cache-growth-lru');
    const label = await svgLabel(figure);
    expect(label).toMatch(/unbounded keeps growing.*lru levels off/);
    const block = page.locator('.lab[data-lab="ruby"][id="lru"]');

    await runEdited(page, block, 'puts "served 6000 requests"');
    await expect(figure.locator('[data-lab-output]')).toContainText('No samples to plot');

    await block.locator('[data-lab-reset]').click();
    await expect.poll(() => svgLabel(figure)).toBe(label);
  });
});
