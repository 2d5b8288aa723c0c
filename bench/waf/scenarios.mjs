// The requests bench/waf measures (wrk sends them; equivalence.mjs runs them in-process): a benign GET,
// a 1 KB urlencoded POST and a 100 KB JSON POST, with the headers wrk sends.
const form = Array.from({ length: 40 }, (_, i) => `field${i}=value+number+${i}`).join('&').slice(0, 1024);
const item = JSON.stringify({ id: 1, name: 'product', tags: ['alpha', 'beta'], price: 1.5, note: 'plain descriptive text' });
const jsonBody = `{"items":[${Array.from({ length: Math.floor((102_400 - 12) / (item.length + 1)) }, () => item).join(',')}]}`;
const client = { 'User-Agent': 'Mozilla/5.0 (bench)', Accept: '*/*' };

export function benchScenarios() {
  return {
    get: { method: 'GET', path: '/products?page=2&sort=price', headers: client, body: undefined },
    post_form_1k: { method: 'POST', path: '/submit', headers: { ...client, 'Content-Type': 'application/x-www-form-urlencoded' }, body: form },
    post_json_100k: { method: 'POST', path: '/api/items', headers: { ...client, 'Content-Type': 'application/json' }, body: jsonBody },
  };
}
