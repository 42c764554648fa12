/**
 * The plan viewer as the SQL result renderer sees it: the JSON text of `EXPLAIN (…, FORMAT JSON)` in,
 * the viewer's HTML out (tree, misestimates, exclusive time, buffers, and PostgreSQL's text form
 * behind a toggle); undefined when the text is not a plan, so it shows as a plain table.
 */
import { parsePlan, PlanError } from './plan';
import { planHtml } from './plan-html';

/** A renderer for one block's result: plan ids start from the block's id, so they are unique on the page. */
export function planRenderer(prefix: string): (json: string) => string | undefined {
  let count = 0;
  return (json) => planHtmlFromJson(json, `${prefix}-plan-${++count}`);
}

export function planHtmlFromJson(json: string, id: string): string | undefined {
  if (!json.trimStart().startsWith('[')) return undefined;
  try {
    return planHtml(parsePlan(json), { id });
  } catch (e) {
    if (e instanceof PlanError) return undefined;
    throw e;
  }
}
