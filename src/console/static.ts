import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { BulwarkError } from '../core/errors.js';

/** The built single-page app (`vite build` of web/), beside dist/ and src/ alike. */
export const WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
};

async function fileIn(root: string, rel: string): Promise<string | undefined> {
  const path = normalize(join(root, rel));
  if (!path.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  try {
    return (await stat(path)).isFile() ? path : undefined;
  } catch {
    return undefined;
  }
}

/** Serves web/dist at /console/: files as they are (hashed assets cached for good), any other path the SPA's index.html. */
export function consoleStatic(app: FastifyInstance, root = WEB_DIST): void {
  const send = async (reply: FastifyReply, path: string, immutable: boolean) => {
    void reply.headers(SECURITY_HEADERS).header('content-type', TYPES[extname(path)] ?? 'application/octet-stream').header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    return reply.send(await readFile(path));
  };
  app.get('/console', async (_req, reply) => reply.redirect('/console/'));
  app.get('/console/*', async (req, reply) => {
    const rel = decodeURIComponent((req.params as { '*': string })['*'].split('?')[0] ?? '');
    if (rel === 'api' || rel.startsWith('api/')) throw new BulwarkError('InvalidAction.NotFound', { action: `${req.method} ${req.url.split('?')[0]}` });
    const file = rel && (await fileIn(root, rel));
    if (file) return send(reply, file, rel.startsWith('assets/'));
    const index = await fileIn(root, 'index.html');
    if (!index) return reply.status(503).type('text/plain; charset=utf-8').send('The web console is not built: run `npm run build`.');
    return send(reply, index, false);
  });
}
