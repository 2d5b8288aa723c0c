import { describe, expect, it } from 'vitest';
import { countOf, scanText } from '../test-support/scan.js';

const ERRORS: Record<string, string[]> = {
  mysql: [
    "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '' at line 1",
    '<b>Warning</b>: mysqli_fetch_assoc() expects parameter 1 to be mysqli_result',
    "SQLSTATE[42S22]: Column not found: 1054 Unknown column 'pwd' in 'field list'",
    'ERROR 1146 (42S02): Table shop.users doesn\'t exist',
    'com.mysql.cj.jdbc.exceptions.CommunicationsException: Communications link failure',
  ],
  postgres: [
    'ERROR:  syntax error at or near "WHERE"',
    'Warning: pg_query(): Query failed: ERROR: relation "users" does not exist',
    'PG::UndefinedTable: ERROR:  relation "accounts" does not exist',
    'org.postgresql.util.PSQLException: ERROR: column "x" does not exist',
    'psycopg2.errors.UndefinedColumn: column "pwd" does not exist',
  ],
  oracle: ['ORA-00933: SQL command not properly ended', 'ORA-01756: quoted string not properly terminated', 'PLS-00306: wrong number or types of arguments'],
  sqlserver: [
    "Unclosed quotation mark after the character string 'abc'.",
    "Incorrect syntax near 'FROM'.",
    '[Microsoft][ODBC SQL Server Driver][SQL Server]Invalid object name',
    'System.Data.SqlClient.SqlException (0x80131904): Invalid column name',
    'Msg 102, Level 15, State 1, Line 1',
  ],
  sqlite: ['SQLITE_ERROR: no such table: users', 'sqlite3.OperationalError: near "FROM": syntax error', 'SQLite3::SQLException: no such column', 'unrecognized token: "\'abc"'],
};

describe('dbError detector', () => {
  for (const [engine, lines] of Object.entries(ERRORS)) {
    it(`finds ${engine} errors and masks the rest of their line`, () => {
      for (const line of lines) {
        const r = scanText(`<p>${line}</p>\nnext line`);
        expect(r.hits.find((h) => h.detector === 'dbError')?.count, line).toBeGreaterThanOrEqual(1);
        expect(r.out.endsWith('</p>\nnext line') || r.out.endsWith('\nnext line'), line).toBe(true);
        expect(r.out).not.toContain(line);
      }
    });
  }

  it('does not fire on ordinary text about databases', () => {
    for (const text of ['We run MySQL and PostgreSQL in production.', 'Oracle Database 19c', 'ORA-123 is not an error code', 'an error occurred near the station', 'SQLite is a library']) {
      expect(countOf(text, 'dbError'), text).toBe(0);
    }
  });
});
