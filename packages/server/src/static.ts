/** Serves the built web app from one folder, and nothing outside it. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'hono';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export async function serveStatic(c: Context, root: string | undefined): Promise<Response> {
  if (root === undefined) return notBuilt(c);
  let rel: string;
  try {
    rel = decodeURIComponent(new URL(c.req.url).pathname);
  } catch {
    return c.text('bad path', 400);
  }
  if (rel.includes('\0')) return c.text('bad path', 400);
  const base = path.resolve(root);
  let file = path.resolve(base, `.${rel}`);
  if (file !== base && !file.startsWith(base + path.sep)) return c.text('not found', 404);
  const ext = path.extname(file);
  if (file === base || ext === '') file = path.join(base, 'index.html');
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    if (path.basename(file) === 'index.html') return notBuilt(c);
    return c.text('not found', 404);
  }
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  const immutable = file.includes(`${path.sep}assets${path.sep}`);
  return c.body(new Uint8Array(body), 200, { 'Content-Type': type, 'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-store' });
}

function notBuilt(c: Context): Response {
  return c.text('The editor is not built yet. Run `npm run build` in the Threatwright repository, then start `threatwright serve` again.', 503);
}
