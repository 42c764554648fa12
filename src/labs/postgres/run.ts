/**
 * Runs a block of SQL the way psql does, on any PGlite (Node at build, a worker in the browser):
 * statement by statement (so VACUUM and friends run outside a transaction block), through the raw
 * wire protocol so the page shows exactly what PostgreSQL sent — values as PostgreSQL formats them,
 * full command tags ("INSERT 0 5"), notices (VACUUM VERBOSE's INFO lines) in order with the rows,
 * and errors with their DETAIL and HINT. Stops at the first error, like psql's ON_ERROR_STOP.
 */
import type { PGlite } from '@electric-sql/pglite';
import { protocol } from '@electric-sql/pglite';
import { postgreSplitterOptions, splitQuery } from 'dbgate-query-splitter';
import { errorText, type SqlItem, type SqlMessage, type SqlResult } from './result.ts';

export type { SqlItem, SqlResult } from './result.ts';

/** The statements of a block, comments and blank lines dropped between them. */
export function splitStatements(sql: string): string[] {
  return (splitQuery(sql, postgreSplitterOptions) as string[]).map((s) => s.trim()).filter((s) => s.replace(/--[^\n]*/g, '').trim() !== '');
}

type Backend = { name: string } & Record<string, unknown>;

function message(m: Backend): SqlMessage {
  const out: SqlMessage = { severity: String(m['severity'] ?? 'ERROR'), message: String(m['message'] ?? '') };
  if (m['detail']) out.detail = String(m['detail']);
  if (m['hint']) out.hint = String(m['hint']);
  return out;
}


export async function runSql(db: PGlite, sql: string): Promise<SqlResult> {
  const items: SqlItem[] = [];
  for (const statement of splitStatements(sql)) {
    let columns: string[] | undefined;
    let rows: (string | null)[][] = [];
    let failed: SqlMessage | undefined;
    const { messages } = await db.execProtocol(protocol.serialize.query(statement), {
      throwOnError: false,
      onNotice: (n) => items.push({ kind: 'notice', ...message(n as unknown as Backend) }),
    });
    for (const m of messages as unknown as Backend[]) {
      if (m.name === 'rowDescription') {
        columns = (m['fields'] as { name: string }[]).map((f) => f.name);
        rows = [];
      } else if (m.name === 'dataRow') {
        rows.push(m['fields'] as (string | null)[]);
      } else if (m.name === 'commandComplete') {
        const tag = String(m['text']);
        items.push(columns ? { kind: 'rows', columns, rows, tag } : { kind: 'tag', tag });
        columns = undefined;
      } else if (m.name === 'error') {
        failed = message(m);
      }
    }
    if (failed) {
      items.push({ kind: 'error', ...failed });
      return { items, error: errorText(failed) };
    }
  }
  return { items };
}
