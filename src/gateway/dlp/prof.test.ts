import { it } from 'vitest';
import { isValidIdCard } from './detectors/id-card.js';
it('prof', () => {
  const ID = '11010519491231002X';
  const line = `<tr><td>order 20231128123456789</td><td>13812345678</td><td>${ID}</td><td>${'lorem ipsum '.repeat(20)}</td></tr>\n`;
  const text = line.repeat(Math.floor(4e6 / line.length));
  const PATTERN = /(?<![0-9A-Za-z_]|[0-9][.-])[1-9][0-9]{5}(?:(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]|[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3})(?![0-9A-Za-z_]|[.-][0-9])/g;
  const P2 = /[1-9][0-9]{5}(?:(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]|[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3})(?![0-9A-Za-z_]|[.-][0-9])/g;
  const P3 = /(?<![0-9A-Za-z_])[1-9][0-9]{16}[0-9Xx](?![0-9A-Za-z_])/g;
  const P4 = /\d{15,18}/g;
  for (const [name, p] of [['full', PATTERN], ['nolb', P2], ['simple', P3], ['digits', P4]] as const) {
    const t0 = performance.now(); let n = 0; p.lastIndex = 0;
    while (p.exec(text)) n++;
    console.log(name, n, (text.length / 1e3 / (performance.now() - t0)).toFixed(1), 'MB/s');
  }
  let t0 = performance.now();
  for (let i = 0; i < 11834; i++) isValidIdCard(ID);
  console.log('validate', ((performance.now() - t0) * 1000 / 11834).toFixed(2), 'us each');
  const gate = /\.(?:java|kt|scala|groovy|clj|m?js|cjs|tsx?|jsx|go):\d|Native Method|Unknown Source|Exception|Caused by|, line \d|node:|\.php|PHP |:line \d|Server Error|--- End|goroutine|Traceback/g;
  const html = '<div class="item"><a href="/p/123">Product 123 at $45.00</a> <span>In stock, ships in 2 days</span></div>\n'.repeat(40000);
  t0 = performance.now(); gate.lastIndex = 0; let g = 0; while (gate.exec(html)) g++;
  console.log('gate', g, (html.length / 1e3 / (performance.now() - t0)).toFixed(1), 'MB/s');
  const lits = ['.java:', '.kt:', 'Native Method', 'Unknown Source', 'Exception', 'Caused by', ', line ', '.js:', '.mjs:', '.cjs:', '.ts:', 'node:', '.php', 'PHP ', ':line ', 'Server Error', '--- End', 'goroutine', '.go:', 'Traceback'];
  t0 = performance.now(); let any = false; for (const l of lits) any = any || html.includes(l);
  console.log('indexOf', any, (html.length / 1e3 / (performance.now() - t0)).toFixed(1), 'MB/s');
});
