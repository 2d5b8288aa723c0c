import { describe, expect, it } from 'vitest';
import { countOf, scanText } from '../test-support/scan.js';

const TRACES: Record<string, { text: string; frames: number }> = {
  java: {
    text: [
      'Exception in thread "main" java.lang.IllegalStateException: boom',
      '\tat com.example.shop.CartService.add(CartService.java:42)',
      '\tat sun.reflect.NativeMethodAccessorImpl.invoke0(Native Method)',
      '\tat org.apache.catalina.core.StandardWrapperValve.invoke(Unknown Source)',
      'Caused by: java.sql.SQLTimeoutException',
    ].join('\n'),
    frames: 5,
  },
  python: {
    text: ['Traceback (most recent call last):', '  File "/srv/app/views.py", line 12, in handler', '    do()', 'ValueError: x'].join('\n'),
    frames: 2,
  },
  node: {
    text: [
      'TypeError: Cannot read properties of undefined',
      '    at handler (/srv/app/server.js:10:15)',
      '    at async Router.dispatch (file:///srv/app/router.mjs:3:9)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      '    at /srv/app/index.js:1:2',
    ].join('\n'),
    frames: 4,
  },
  php: {
    text: [
      '<b>Fatal error</b>:  Uncaught Error: Call to undefined function foo() in /var/www/html/index.php:12',
      'Stack trace:',
      '#0 /var/www/html/index.php(30): run()',
      '#1 {main}',
      '  thrown in <b>/var/www/html/index.php</b> on line <b>12</b>',
      'PHP Warning:  Undefined variable $x',
    ].join('\n'),
    frames: 3,
  },
  dotnet: {
    text: [
      "Server Error in '/' Application.",
      'System.NullReferenceException: Object reference not set to an instance of an object.',
      '   at Shop.Web.CartController.Add(Int32 id) in C:\\src\\Shop\\CartController.cs:line 42',
      '--- End of stack trace from previous location ---',
    ].join('\n'),
    frames: 4,
  },
  go: {
    text: ['panic: runtime error: index out of range [3] with length 3', '', 'goroutine 1 [running]:', 'main.main()', '\t/home/dev/app/main.go:12 +0x1d', 'exit status 2'].join('\n'),
    frames: 2,
  },
};

describe('stackTrace detector', () => {
  for (const [runtime, { text, frames }] of Object.entries(TRACES)) {
    it(`finds ${runtime} frames and masks them (whitespace kept, same length)`, () => {
      const r = scanText(text);
      expect(r.hits).toEqual([{ detector: 'stackTrace', count: frames, action: 'mask' }]);
      expect(r.out.length).toBe(text.length);
      expect(r.out.split('\n').length).toBe(text.split('\n').length);
    });
  }

  it('blocks an error page when configured to', () => {
    expect(scanText(TRACES.java!.text, { detectors: { stackTrace: { action: 'block' } } }).blocked).toBe(true);
  });

  it('stays quiet on prose and ordinary code mentions', () => {
    for (const text of [
      'Meet us at the office (Building 3) at 10:30.',
      'at least 3 items, see main.go for details',
      'File "report.pdf" was uploaded',
      'We use System.Text.Json for serialization.',
      'at com.example (see docs)',
      'goroutines are cheap',
    ]) {
      expect(countOf(text, 'stackTrace'), text).toBe(0);
    }
  });
});
