/**
 * The plan viewer as the SQL result renderer sees it: JSON text in, the viewer's HTML out, or
 * undefined when the text is not a plan (then the result shows as a plain table).
 * Until the plan viewer lands this renders nothing special.
 */
export function planHtmlFromJson(_json: string): string | undefined {
  return undefined;
}
