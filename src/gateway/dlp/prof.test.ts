import { it } from 'vitest';
import { DETECTORS } from './detectors/registry.js';
import { DETECTOR_NAMES } from './detectors/detector.js';
it('prof', () => {
  const ID = '11010519491231002X';
  const line = `<tr><td>order 20231128123456789</td><td>13812345678</td><td>${ID}</td><td>${'lorem ipsum '.repeat(20)}</td></tr>\n`;
  const text = line.repeat(Math.floor(4e6 / line.length));
  const html = '<div class="item"><a href="/p/123">Product 123 at $45.00</a> <span>In stock, ships in 2 days</span></div>\n'.repeat(40000);
  for (const [label, t] of [['table', text], ['html', html]] as const) {
    for (const name of DETECTOR_NAMES) {
      const d = DETECTORS[name];
      const t0 = performance.now();
      let n = 0;
      d.find(t, 0, { base: 0, state: { lastAccessKeyEnd: -1 }, options: { legacy15: false } }, () => n++);
      const ms = performance.now() - t0;
      console.log(label, name, n, (t.length / 1e6 / (ms / 1000)).toFixed(1), 'MB/s');
    }
  }
});
