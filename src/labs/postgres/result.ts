/**
 * What a SQL block's run produced, as plain data: crosses the worker boundary and is drawn by
 * render.ts. Kept apart from run.ts so the page's renderer does not pull PGlite in.
 */

export interface SqlMessage {
  severity: string;
  message: string;
  detail?: string;
  hint?: string;
}

export type SqlItem =
  | { kind: 'rows'; columns: string[]; rows: (string | null)[][]; tag: string }
  | { kind: 'tag'; tag: string }
  | ({ kind: 'notice' } & SqlMessage)
  | ({ kind: 'error' } & SqlMessage);

export interface SqlResult {
  items: SqlItem[];
  /** The first error's text ("ERROR:  relation … does not exist"), when a statement failed. */
  error?: string;
}

export function errorText(e: SqlMessage): string {
  return [`${e.severity}:  ${e.message}`, e.detail && `DETAIL:  ${e.detail}`, e.hint && `HINT:  ${e.hint}`].filter(Boolean).join('\n');
}
