// Deterministic test documents for bench/dlp: a realistic HTML page with a few sensitive values per
// 100 KB, and adversarial inputs that stress the detectors' worst cases.

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua at the shop with fast delivery'.split(' ');
const HAN = ['商品', '订单', '价格', '配送', '客服', '会员', '优惠', '库存', '评价', '收藏'];

function luhnComplete(body) {
  for (let d = 0; d <= 9; d++) {
    const s = body + d;
    let sum = 0;
    for (let i = 0; i < s.length; i++) {
      let x = s.charCodeAt(s.length - 1 - i) - 48;
      if (i % 2 === 1) { x *= 2; if (x > 9) x -= 9; }
      sum += x;
    }
    if (sum % 10 === 0) return s;
  }
  return body;
}

function idCard(next) {
  const first = `1101051${980 + Math.floor(next() * 20)}0${1 + Math.floor(next() * 9)}1${Math.floor(next() * 9)}${100 + Math.floor(next() * 899)}`;
  const W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first.charCodeAt(i) - 48) * W[i];
  return first + '10X98765432'[sum % 11];
}

/** An HTML product/order page of about `size` bytes with ~`perHundredKb` sensitive values per 100 KB. */
export function realisticHtml(size, perHundredKb = 5, seed = 1) {
  const next = rng(seed);
  const parts = ['<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>订单详情 - Shop</title><script>window.__STATE__={"user":{"id":123456,"level":"gold"},"ts":1701158400000}</script></head><body>\n'];
  let bytes = parts[0].length;
  let sinceValue = 0;
  const valueEvery = Math.floor((100 * 1024) / Math.max(1, perHundredKb));
  let values = 0;
  while (bytes < size) {
    const words = Array.from({ length: 12 + Math.floor(next() * 20) }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
    const han = Array.from({ length: 4 }, () => HAN[Math.floor(next() * HAN.length)]).join('');
    const order = `2023${String(1000000000000 + Math.floor(next() * 8999999999999))}`;
    let row =
      `<div class="item" data-sku="SKU-${Math.floor(next() * 1e6)}"><a href="/p/${Math.floor(next() * 1e5)}?ref=list&amp;page=2">${han} ${words}</a>` +
      `<span class="price">¥${(next() * 1000).toFixed(2)}</span><time datetime="2023-11-${10 + Math.floor(next() * 18)}T12:34:56Z">2023-11-28 12:34</time>` +
      `<span class="order">订单号 ${order}</span></div>\n`;
    sinceValue += row.length;
    if (sinceValue >= valueEvery) {
      sinceValue = 0;
      const kind = values++ % 4;
      const v = kind === 0 ? `13${Math.floor(next() * 9)}${String(Math.floor(next() * 1e8)).padStart(8, '0')}` : kind === 1 ? idCard(next) : kind === 2 ? luhnComplete(`622202${String(Math.floor(next() * 1e9)).padStart(9, '0')}`) : `138 ${String(1000 + Math.floor(next() * 8999))} ${String(1000 + Math.floor(next() * 8999))}`;
      row += `<p class="contact">联系方式 ${v}</p>\n`;
    }
    parts.push(row);
    bytes += Buffer.byteLength(row);
  }
  parts.push('</body></html>\n');
  return { buffer: Buffer.from(parts.join('')), values };
}

/** Worst cases: long digit runs, dense '@', long alphanumeric runs, dense "at ", long base64. */
export function adversarial(size) {
  const pieces = [
    '1'.repeat(4096),
    '1 '.repeat(2048),
    'a@'.repeat(2048),
    'x'.repeat(4096),
    'at '.repeat(1365),
    'at com.'.repeat(585),
    'A'.repeat(4096) + '/+=',
    '-----BEGIN PRIVATE KEY-----'.repeat(150),
    'ERROR '.repeat(682),
  ].join('\n');
  const n = Math.ceil(size / pieces.length);
  return Buffer.from(pieces.repeat(n).slice(0, size), 'latin1');
}
