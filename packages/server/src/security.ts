/**
 * The local server's guards. The editor runs on the user's machine with write access to a file,
 * so every request is checked: the Host header (against DNS rebinding), the Origin (against
 * cross-site requests), a random per-run token on every API call, and a strict CSP on every answer.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { TOKEN_HEADER } from './api.js';

/**
 * No inline script or style, nothing from elsewhere. Images may be data:/blob: URLs because the
 * diagram export draws the SVG into a canvas.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('X-Frame-Options', 'DENY');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    c.res.headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    c.res.headers.set('Cross-Origin-Resource-Policy', 'same-origin');
  };
}

/** Rejects a Host header that is not one this server answers to (DNS rebinding). */
export function hostCheck(hosts: () => readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host')?.toLowerCase();
    if (host === undefined || !hosts().includes(host)) {
      return c.json({ error: `unexpected Host header ${JSON.stringify(host ?? '')}: open the editor through the address it printed` }, 403);
    }
    await next();
  };
}

/** Rejects requests made by another site: a foreign Origin, or a browser that says the request is cross-site. */
export function originCheck(hosts: () => readonly string[]): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && !hosts().some((h) => origin.toLowerCase() === `http://${h}`)) {
      return c.json({ error: `requests from ${origin} are not allowed` }, 403);
    }
    const site = c.req.header('sec-fetch-site');
    if (site === 'cross-site' || site === 'same-site') {
      return c.json({ error: 'cross-site requests are not allowed' }, 403);
    }
    await next();
  };
}

/** Every API call carries the token printed with the URL. */
export function tokenCheck(token: string): MiddlewareHandler {
  const expected = Buffer.from(token, 'utf8');
  return async (c, next) => {
    const given = Buffer.from(c.req.header(TOKEN_HEADER) ?? '', 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      return c.json({ error: 'missing or wrong token: open the editor through the address `threatwright serve` printed' }, 401);
    }
    await next();
  };
}
