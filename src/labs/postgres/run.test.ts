import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contribUsed } from './contrib';
import { createPgSession, type PgSession } from './node-runner';
import { MAX_ROWS, sqlHtml, sqlText } from './render';
import { splitStatements } from './run';

// One real PostgreSQL for the file: each instance costs seconds and about half a gigabyte.
let pg: PgSession;
beforeAll(async () => {
  pg = await createPgSession(['pageinspect']);
}, 60_000);
afterAll(() => pg.close());

describe('splitStatements', () => {
  it('splits like psql: quotes, dollar quotes and comments keep their semicolons', () => {
    expect(splitStatements("SELECT ';'; CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n-- done;\n")).toEqual([
      "SELECT ';'",
      'CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql',
    ]);
  });
});

describe('runSql on PGlite', () => {
  it('answers like psql: full command tags, text values, NULL kept apart from the empty string', async () => {
    const r = await pg.run(`CREATE TABLE t (id int PRIMARY KEY, v text, n numeric);
      INSERT INTO t VALUES (1, 'a', 1.50), (2, NULL, 2), (3, '', 3);
      UPDATE t SET n = n * 2 WHERE id > 1;
      SELECT * FROM t ORDER BY id;`);
    expect(r.error).toBeUndefined();
    expect(r.items.map((i) => (i.kind === 'rows' || i.kind === 'tag' ? i.tag : i.kind))).toEqual(['CREATE TABLE', 'INSERT 0 3', 'UPDATE 2', 'SELECT 3']);
    expect(r.items[3]).toMatchObject({ columns: ['id', 'v', 'n'], rows: [['1', 'a', '1.50'], ['2', null, '4'], ['3', '', '6']] });
  });

  it('runs VACUUM outside a transaction block and keeps its INFO lines in order', async () => {
    const r = await pg.run('DELETE FROM t WHERE id = 3; VACUUM (VERBOSE) t;');
    expect(r.error).toBeUndefined();
    expect(r.items[0]).toEqual({ kind: 'tag', tag: 'DELETE 1' });
    expect(r.items.find((i) => i.kind === 'notice')).toMatchObject({ severity: 'INFO', message: expect.stringContaining('vacuuming "postgres.public.t"') });
    expect(r.items.at(-1)).toEqual({ kind: 'tag', tag: 'VACUUM' });
  });

  it('stops at the first error with PostgreSQL’s own message, detail and hint', async () => {
    const r = await pg.run("INSERT INTO t VALUES (1, 'again', 0); SELECT 'never reached';");
    expect(r.error).toBe('ERROR:  duplicate key value violates unique constraint "t_pkey"\nDETAIL:  Key (id)=(1) already exists.');
    expect(r.items.some((i) => i.kind === 'rows')).toBe(false);
  });

  it('has real lock conflicts against a prepared transaction, without ever waiting', async () => {
    const held = await pg.run("BEGIN; UPDATE t SET v = 'held' WHERE id = 1; PREPARE TRANSACTION 'holder';");
    expect(held.error).toBeUndefined();
    const nowait = await pg.run('SELECT * FROM t WHERE id = 1 FOR UPDATE NOWAIT;');
    expect(nowait.error).toBe('ERROR:  could not obtain lock on row in relation "t"');
    const skip = await pg.run('SELECT id FROM t ORDER BY id FOR UPDATE SKIP LOCKED;');
    expect(skip.items[0]).toMatchObject({ rows: [['2']] });
    expect((await pg.run("ROLLBACK PREPARED 'holder';")).error).toBeUndefined();
  });

  it('loads the contrib modules an article creates', async () => {
    const r = await pg.run('CREATE EXTENSION pageinspect; SELECT count(*) > 0 AS has_items FROM heap_page_items(get_raw_page(\'t\', 0));');
    expect(r.items.at(-1)).toMatchObject({ rows: [['t']] });
    expect(contribUsed('create extension if not exists pageinspect; CREATE EXTENSION "pg_visibility"')).toEqual(['pageinspect', 'pg_visibility']);
  });
});

describe('rendering', () => {
  const result = {
    items: [
      { kind: 'rows' as const, columns: ['id', 'name'], rows: [['1', '<b>&'], ['22', null]], tag: 'SELECT 2' },
      { kind: 'notice' as const, severity: 'WARNING', message: 'careful', hint: 'be' },
      { kind: 'tag' as const, tag: 'VACUUM' },
    ],
  };

  it('draws HTML with escaped values, NULL marked, and the row count', () => {
    const html = sqlHtml(result);
    expect(html).toContain('<td>&lt;b&gt;&amp;</td>');
    expect(html).toContain('<td class="sql-null">NULL</td>');
    expect(html).toContain('(2 rows)');
    expect(html).toContain('WARNING:  careful\nHINT:  be');
  });

  it('prints psql’s aligned text for declared outputs', () => {
    expect(sqlText(result)).toBe([' id | name', '----+------', ' 1  | <b>&', ' 22 |', '(2 rows)', 'WARNING:  careful\nHINT:  be', 'VACUUM'].join('\n'));
  });

  it('shows at most MAX_ROWS rows and says how many it left out', () => {
    const rows = Array.from({ length: MAX_ROWS + 7 }, (_, i) => [String(i)]);
    const html = sqlHtml({ items: [{ kind: 'rows', columns: ['g'], rows, tag: `SELECT ${rows.length}` }] });
    expect(html.match(/<tr>/g)).toHaveLength(MAX_ROWS + 1);
    expect(html).toContain(`(${MAX_ROWS + 7} rows), 7 not shown`);
  });
});
