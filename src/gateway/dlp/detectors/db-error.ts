import { maskAllButSpace } from '../mask.js';
import { findWithRegex, type Detector } from './detector.js';
import { LiteralGate } from './literal-gate.js';
import { pendingStartOnLastLine, prefixPattern } from './prefix-pattern.js';

/**
 * Database error messages leaked by error pages, by engine. A signature is extended to the end of
 * its line (at most 300 more characters, stopping at `<`) because the rest of such a line usually
 * quotes the failing SQL.
 *
 * - MySQL/MariaDB: `You have an error in your SQL syntax`, `Warning: mysqli_query()`,
 *   `com.mysql.cj.jdbc…`, `SQLSTATE[42000]`, `ERROR 1064 (42000)`, `Unknown column 'x' in 'field list'`
 * - PostgreSQL: `ERROR:  syntax error at or near`, `pg_query(): Query failed`, `PG::UndefinedTable`,
 *   `org.postgresql.util.PSQLException`, `psycopg2.errors.UndefinedColumn`, `relation "x" does not exist`
 * - Oracle: `ORA-00933:`, `PLS-00306:`, `oracle.jdbc…`, `quoted string not properly terminated`
 * - SQL Server: `Unclosed quotation mark after the character string`, `Incorrect syntax near`,
 *   `[Microsoft][ODBC SQL Server Driver]`, `System.Data.SqlClient.SqlException`, `Msg 102, Level 15, State 1`
 * - SQLite: `SQLITE_ERROR`, `sqlite3.OperationalError`, `SQLite3::SQLException`, `near "x": syntax error`,
 *   `unrecognized token: "`
 */
const SIGNATURES = [
  // MySQL / MariaDB
  String.raw`You have an error in your SQL syntax`,
  String.raw`check the manual that (?:corresponds|fits) to your (?:MySQL|MariaDB) server version`,
  String.raw`Warning(?:<\/b>)?: {1,2}mysqli?_[a-z_]{1,40}\(`,
  String.raw`\bcom\.mysql\.(?:cj\.)?jdbc\b`,
  String.raw`\bMySqlException\b`,
  String.raw`\bSQLSTATE\[[0-9A-Z]{5}\]`,
  String.raw`\bERROR \d{4} \([0-9A-Z]{5}\)`,
  String.raw`Unknown column '[^'\n]{1,100}' in '[^'\n]{1,60}'`,
  // PostgreSQL
  String.raw`\bERROR: {1,2}(?:syntax error at or near|relation "[^"\n]{1,100}" does not exist|column "[^"\n]{1,100}" does not exist)`,
  String.raw`\bpg_(?:query|exec|prepare|execute)\(\): Query failed`,
  String.raw`\bPG::[A-Z][A-Za-z]{1,40}\b`,
  String.raw`\borg\.postgresql\.util\.PSQLException\b`,
  String.raw`\bpsycopg2?\.(?:errors\.)?[A-Z][A-Za-z]{1,40}(?:Error|Exception|Column|Table|Function)\b`,
  String.raw`unterminated quoted string at or near`,
  // Oracle
  String.raw`\bORA-\d{5}: `,
  String.raw`\bPLS-\d{5}: `,
  String.raw`\boracle\.jdbc\.[a-z]`,
  String.raw`quoted string not properly terminated`,
  // SQL Server
  String.raw`Unclosed quotation mark after the character string`,
  String.raw`Incorrect syntax near '`,
  String.raw`Microsoft OLE DB Provider for (?:SQL Server|ODBC Drivers)`,
  String.raw`\[Microsoft\]\[(?:ODBC|SQL Server)[^\]\n]{0,60}\]`,
  String.raw`\b(?:System|Microsoft)\.Data\.SqlClient\.SqlException\b`,
  String.raw`\bMsg \d{1,6}, Level \d{1,2}, State \d{1,3}`,
  // SQLite
  String.raw`\bSQLITE_(?:ERROR|CONSTRAINT|MISMATCH|BUSY|LOCKED|CORRUPT)\b`,
  String.raw`\bsqlite3\.(?:OperationalError|IntegrityError|DatabaseError|ProgrammingError)\b`,
  String.raw`\bSQLite3::SQLException\b`,
  String.raw`\bSQLiteException\b`,
  String.raw`near "[^"\n]{1,60}": syntax error`,
  String.raw`unrecognized token: "`,
];

const PATTERN = new RegExp(`(?:${SIGNATURES.join('|')})[^\\n<]{0,300}`, 'g');
/** Where a match could start that more data might complete (time-based flushes). */
const PATTERN_PREFIX = prefixPattern(PATTERN, { singleLine: true });

/**
 * Literals one of which every signature contains; windows without any skip the full pattern.
 */
export const DB_ERROR_GATE = new LiteralGate([
  'SQL',
  'y[Ss][Qq][Ll]',
  'MariaDB',
  'ERROR',
  'Query failed',
  'PG::',
  'ycopg',
  'quoted string',
  'ORA-',
  'PLS-',
  'jdbc',
  'Unclosed quotation',
  'Incorrect syntax',
  'OLE DB',
  String.raw`\[Microsoft\]`,
  'SqlException',
  String.raw`Msg \d`,
  'qlite',
  'yntax error',
  'zed token',
  'Unknown column',
]);

export const dbErrorDetector: Detector = {
  name: 'dbError',
  priority: 70,
  maxLength: 800,
  defaultKeep: { prefix: 0, suffix: 0 },
  find(text, from, ctx, emit) {
    if (DB_ERROR_GATE.present(text, from, ctx.gates)) findWithRegex(PATTERN, text, from, emit, () => true);
  },
  pendingFrom(text, from) {
    // No alternative matches a line break: only the last line can hold a pending match.
    return pendingStartOnLastLine(PATTERN_PREFIX, text, Math.max(from, text.length - this.maxLength));
  },
  mask(value) {
    return maskAllButSpace(value);
  },
};
