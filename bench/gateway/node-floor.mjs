// The floor for any Node.js proxy: node:http server + undici pool, no checks, no logging.
// Started by index.mjs as a reference row (how much the gateway's features cost on top of Node).
import http from 'node:http';
import { Pool } from 'undici';

const [origin, port] = process.argv.slice(2);
const pool = new Pool(origin, { connections: 256 });
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);
http
  .createServer((req, res) => {
    pool.dispatch(
      { origin, path: req.url, method: req.method, headers: { host: req.headers.host ?? '' } },
      {
        onRequestStart() {},
        onResponseStart(_c, status, headers) {
          for (const h of HOP) delete headers[h];
          res.writeHead(status, headers);
        },
        onResponseData(_c, chunk) {
          res.write(chunk);
        },
        onResponseEnd() {
          res.end();
        },
        onResponseError() {
          res.destroy();
        },
      },
    );
  })
  .listen(Number(port), '127.0.0.1');
