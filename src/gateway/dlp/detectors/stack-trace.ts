import { maskAllButSpace } from '../mask.js';
import { findWithRegex, type Detector } from './detector.js';
import { LiteralGate } from './literal-gate.js';
import { pendingStartOnLastLine, prefixPattern } from './prefix-pattern.js';

/**
 * Stack traces leaked by error pages. Each alternative recognises one *frame* or header line of a
 * runtime's trace; every quantifier is bounded and the pieces it repeats cannot overlap, so the work
 * per start position is bounded and the scan is linear.
 *
 * - Java/Kotlin/Scala: `at com.example.Foo.bar(Foo.java:42)`, `(Native Method)`, `(Unknown Source)`,
 *   `Exception in thread "main"`, `Caused by: java.lang.IllegalStateException`
 * - Python: `Traceback (most recent call last):`, `File "/app/x.py", line 12, in handler`
 * - Node.js: `at handler (/srv/app.js:10:15)`, `at file:///srv/app.mjs:3:9`, `at node:internal/…:1:2`
 *   (paths ending in .js, .mjs, .cjs, .ts, .tsx, .jsx)
 * - PHP: `#0 /var/www/index.php(12): run()`, `in /var/www/index.php on line 12`, `PHP Fatal error:`
 * - .NET: `at Shop.Cart.Add(Int32 id) in C:\src\Cart.cs:line 42`, `System.NullReferenceException: `,
 *   `Server Error in '/' Application`, `--- End of stack trace from previous location`
 * - Go: `goroutine 1 [running]:`, `/src/app/main.go:42 +0x1d`
 */
const PATTERN = new RegExp(
  [
    // Java / JVM frames and headers
    String.raw`\bat (?:[A-Za-z_$][\w$]{0,80}\.){1,30}[\w$<>]{1,80}\((?:[\w$.-]{1,80}\.(?:java|kt|scala|groovy|clj):\d{1,6}|Native Method|Unknown Source)\)`,
    String.raw`Exception in thread "[^"\n]{0,80}" [a-z][\w$.]{0,150}(?:Exception|Error)`,
    String.raw`Caused by: [a-z][\w$]{0,40}\.(?:[\w$]{1,60}\.){0,20}[\w$]{0,60}(?:Exception|Error)\b`,
    // Python
    String.raw`Traceback \(most recent call last\):`,
    String.raw`File "[^"\n]{1,300}", line \d{1,6}, in [\w<>.]{1,100}`,
    // Node.js
    String.raw`\bat (?:(?:async |new )?[\w$.<>\[\]]{1,120}(?: \[as [\w$]{1,60}\])? \()?(?:node:[\w/.-]{1,200}|(?:file:\/\/|\/|[A-Za-z]:\\)[^\s()'"<>]{0,300}\.(?:[mc]?js|tsx?|jsx)):\d{1,7}:\d{1,7}\)?`,
    // PHP
    String.raw`#\d{1,3} (?:\/|[A-Za-z]:\\)[^\s(<]{1,300}\.php\(\d{1,6}\): `,
    String.raw`\bin (?:<b>)?(?:\/|[A-Za-z]:\\)[^\s<]{1,300}\.php(?:<\/b>)? on line (?:<b>)?\d{1,6}`,
    String.raw`PHP (?:Fatal error|Parse error|Warning|Notice|Deprecated):`,
    // .NET
    String.raw`\bat (?:[\w\x60]{1,80}\.){1,30}[\w\x60<>|]{1,80}\([^()\n]{0,200}\) in [^\n<]{1,300}?:line \d{1,6}`,
    String.raw`\bSystem\.(?:[A-Za-z]{1,40}\.){0,5}[A-Za-z]{0,60}Exception: `,
    String.raw`Server Error in '[^'\n]{0,100}' Application`,
    String.raw`--- End of (?:inner exception )?stack trace(?: from previous location)?`,
    // Go
    String.raw`goroutine \d{1,7} \[[a-z ,0-9]{1,60}\]:`,
    String.raw`(?:\/|[A-Za-z]:\/)[^\s:()'"<>]{1,300}\.go:\d{1,6} \+0x[0-9a-f]{1,8}`,
  ].join('|'),
  'g',
);
/** Where a match could start that more data might complete (time-based flushes). */
const PATTERN_PREFIX = prefixPattern(PATTERN, { singleLine: true });

/**
 * Literals at least one of which every alternative contains: windows without any of them (almost
 * all of them) skip the full pattern.
 */
export const STACK_TRACE_GATE = new LiteralGate([
  ...['java', 'kt', 'scala', 'groovy', 'clj', 'js', '[mc]js', 'ts', 'tsx', 'jsx', 'go'].map((ext) => String.raw`\.${ext}:\d`),
  'Native Method',
  'Unknown Source',
  'Exception',
  'Caused by',
  String.raw`, line \d`,
  'node:',
  String.raw`\.php`,
  'PHP ',
  String.raw`:line \d`,
  'Server Error',
  '--- End',
  'goroutine',
  'Traceback',
]);

export const stackTraceDetector: Detector = {
  name: 'stackTrace',
  priority: 60,
  maxLength: 1100,
  defaultKeep: { prefix: 0, suffix: 0 },
  find(text, from, ctx, emit) {
    if (STACK_TRACE_GATE.present(text, from, ctx.gates)) findWithRegex(PATTERN, text, from, emit, () => true);
  },
  pendingFrom(text, from) {
    // No alternative matches a line break: only the last line can hold a pending match.
    return pendingStartOnLastLine(PATTERN_PREFIX, text, Math.max(from, text.length - this.maxLength));
  },
  mask(value) {
    return maskAllButSpace(value);
  },
};
