/**
 * /tools/explain/ in the browser: reads the pasted plan with parsePlan and swaps in planHtml's
 * fragment. Everything happens on the page; nothing is fetched or sent.
 */
import { parsePlan, PlanError } from './plan';
import { planHtml } from './plan-html';

const form = document.querySelector<HTMLFormElement>('[data-explain-form]');
const input = document.querySelector<HTMLTextAreaElement>('#explain-input');
const status = document.querySelector<HTMLElement>('[data-explain-status]');
const result = document.querySelector<HTMLElement>('[data-explain-result]');
const title = document.querySelector<HTMLElement>('[data-explain-title]');
const caption = document.querySelector<HTMLElement>('[data-explain-caption]');
const output = document.querySelector<HTMLElement>('[data-explain-output]');
const exampleButton = document.querySelector<HTMLButtonElement>('[data-explain-example]');
const example = document.querySelector<HTMLTemplateElement>('[data-explain-example-json]');

function say(message: string, error: boolean): void {
  if (!status) return;
  status.textContent = message;
  if (error) status.dataset['state'] = 'error';
  else delete status.dataset['state'];
  input?.setAttribute('aria-invalid', String(error));
}

function show(text: string, heading: string): void {
  if (!output || !result || !title) return;
  try {
    const plan = parsePlan(text);
    output.innerHTML = planHtml(plan, { id: 'explain-plan' });
    title.textContent = heading;
    caption?.remove();
    result.hidden = false;
    const flagged = plan.nodes.filter((n) => n.misestimate?.flagged).length;
    const flags = plan.analyzed ? `, ${flagged || 'no'} misestimate${flagged === 1 ? '' : 's'} of 10× or more` : ', estimates only';
    say(`Showing a plan of ${plan.nodes.length} node${plan.nodes.length === 1 ? '' : 's'}${flags}.`, false);
  } catch (error) {
    if (!(error instanceof PlanError)) throw error;
    // A plan left on screen under an error would look like the reader's own.
    result.hidden = true;
    say(error.message, true);
  }
}

form?.addEventListener('submit', (event) => {
  event.preventDefault();
  show(input?.value ?? '', 'Your plan');
});
input?.addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    form?.requestSubmit();
  }
});
exampleButton?.addEventListener('click', () => {
  if (!input || !example) return;
  input.value = example.content.textContent?.trim() ?? '';
  show(input.value, 'The example plan');
});
