import { beginsWith } from './begins-with.js';
import { containsWord } from './contains-word.js';
import { contains } from './contains.js';
import { detectSQLi } from './detect-sqli.js';
import { detectXSS } from './detect-xss.js';
import { endsWith } from './ends-with.js';
import { eq } from './eq.js';
import { ge } from './ge.js';
import { geoLookup } from './geo-lookup.js';
import { gt } from './gt.js';
import { ipMatchFromFile } from './ip-match-from-file.js';
import { ipMatch } from './ip-match.js';
import { le } from './le.js';
import { lt } from './lt.js';
import { noMatch } from './no-match.js';
import type { OperatorFactory } from './operator.js';
import { pmFromFile } from './pm-from-file.js';
import { pm } from './pm.js';
import { rbl } from './rbl.js';
import { rx } from './rx.js';
import { streq } from './streq.js';
import { strmatch } from './strmatch.js';
import { unconditionalMatch } from './unconditional-match.js';
import { validateByteRange } from './validate-byte-range.js';
import { validateUrlEncoding } from './validate-url-encoding.js';
import { validateUtf8Encoding } from './validate-utf8-encoding.js';
import { within } from './within.js';

/** Operators by lower-cased SecLang name. */
export const OPERATORS: ReadonlyMap<string, OperatorFactory> = new Map<string, OperatorFactory>([
  ['rx', rx],
  ['pm', pm],
  ['pmf', pmFromFile],
  ['pmfromfile', pmFromFile],
  ['detectsqli', detectSQLi],
  ['detectxss', detectXSS],
  ['validatebyterange', validateByteRange],
  ['validateurlencoding', validateUrlEncoding],
  ['validateutf8encoding', validateUtf8Encoding],
  ['eq', eq],
  ['ge', ge],
  ['gt', gt],
  ['le', le],
  ['lt', lt],
  ['within', within],
  ['endswith', endsWith],
  ['beginswith', beginsWith],
  ['contains', contains],
  ['containsword', containsWord],
  ['streq', streq],
  ['strmatch', strmatch],
  ['ipmatch', ipMatch],
  ['ipmatchf', ipMatchFromFile],
  ['ipmatchfromfile', ipMatchFromFile],
  ['unconditionalmatch', unconditionalMatch],
  ['nomatch', noMatch],
  ['geolookup', geoLookup],
  ['rbl', rbl],
]);

/** Operators whose parameter may hold macros and is therefore compiled per expanded value. */
export const MACRO_OPERATORS: ReadonlySet<string> = new Set(['eq', 'ge', 'gt', 'le', 'lt', 'within', 'endswith', 'beginswith', 'contains', 'containsword', 'streq', 'strmatch', 'rx', 'pm']);
