/**
 * How a SQL block's result looks: as HTML (the page, at build and after a run in the browser) and
 * as psql-style text (what a declared ```output fence is compared with). Pure and escaped: the same
 * function draws the build's output and the reader's, so they cannot drift apart.
 */
import { errorText, type SqlItem, type SqlResult } from './result.ts';

/** Rows shown before "… N more rows": a reader's `SELECT *` on 100k rows must not freeze the page. */
export const MAX_ROWS = 50;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const rowCount = (n: number) => `(${n} row${n === 1 ? '' : 's'})`;

/** A plan renderer, set by the plan viewer when a page has one (EXPLAIN … FORMAT JSON). */
export type PlanRenderer = (json: string) => string | undefined;

function table(item: Extract<SqlItem, { kind: 'rows' }>, planHtml?: PlanRenderer): string {
  if (planHtml && item.columns.length === 1 && item.columns[0] === 'QUERY PLAN' && item.rows.length === 1) {
    const plan = planHtml(item.rows[0]?.[0] ?? '');
    if (plan) return plan;
  }
  if (item.columns[0] === 'QUERY PLAN' && item.columns.length === 1) {
    // Wide plans scroll sideways; a keyboard user scrolls them once focused.
    return `<pre class="sql-plan" tabindex="0" role="group" aria-label="Query plan">${escape(item.rows.map((r) => r[0] ?? '').join('\n'))}</pre>`;
  }
  const head = item.columns.map((c) => `<th scope="col">${escape(c)}</th>`).join('');
  const shown = item.rows.slice(0, MAX_ROWS);
  const body = shown
    .map((row) => `<tr>${row.map((v) => (v === null ? '<td class="sql-null">NULL</td>' : `<td>${escape(v)}</td>`)).join('')}</tr>`)
    .join('');
  const more = item.rows.length > shown.length ? `, ${item.rows.length - shown.length} not shown` : '';
  return (
    // A group, not a region: an article has many results with the same label, and landmarks must differ.
    `<div class="sql-table" tabindex="0" role="group" aria-label="Result, ${rowCount(item.rows.length)}">` +
    `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>` +
    `<p class="sql-count">${rowCount(item.rows.length)}${more}</p>`
  );
}

export function sqlHtml(result: SqlResult, planHtml?: PlanRenderer): string {
  const parts = result.items.map((item) => {
    switch (item.kind) {
      case 'rows':
        return table(item, planHtml);
      case 'tag':
        return `<p class="sql-tag">${escape(item.tag)}</p>`;
      case 'notice':
        return `<pre class="sql-notice">${escape(errorText(item))}</pre>`;
      case 'error':
        return `<pre class="sql-error">${escape(errorText(item))}</pre>`;
    }
  });
  return `<div class="sql-result">${parts.join('') || '<p class="sql-tag">(no statements)</p>'}</div>`;
}

/** psql's aligned format, for ```output fences and tests. */
export function sqlText(result: SqlResult): string {
  const parts = result.items.map((item) => {
    switch (item.kind) {
      case 'tag':
        return item.tag;
      case 'notice':
      case 'error':
        return errorText(item);
      case 'rows': {
        const cells = item.rows.map((r) => r.map((v) => v ?? ''));
        const width = item.columns.map((c, i) => Math.max(c.length, ...cells.map((r) => Math.max(...(r[i] ?? '').split('\n').map((l) => l.length)))));
        const line = (vals: string[]) => ` ${vals.map((v, i) => v.padEnd(width[i] ?? 0)).join(' | ')}`.trimEnd();
        return [line(item.columns), width.map((w) => '-'.repeat(w + 2)).join('+'), ...cells.map(line), rowCount(item.rows.length)].join('\n');
      }
    }
  });
  return parts.join('\n');
}
