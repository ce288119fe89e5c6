/**
 * The editor's HTTP app: a typed JSON API over one model file (and its includes) and the built
 * web app. An app factory, so tests drive it in-process with `app.request`.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import type { AnalysisResponse, ConflictResponse, ModelSnapshot, SaveRequest, ServerEvent, VerificationResponse } from './api.js';
import { HttpError } from './errors.js';
import type { ModelStore } from './model-store.js';
import { hostCheck, originCheck, securityHeaders, tokenCheck } from './security.js';
import { serveStatic } from './static.js';

export interface AppDeps {
  store: ModelStore;
  /** The per-run secret every API call must carry. */
  token: string;
  /** `host:port` values accepted in the Host header (and as `http://host:port` origins). */
  hosts: () => readonly string[];
  /** Folder of the built web app. */
  webRoot?: string | undefined;
  /** Largest accepted request body, in bytes (default 8 MiB). */
  maxBodyBytes?: number;
  /** Aborted when the server stops: open event streams end and the file watch stops. */
  shutdown?: AbortSignal;
}

export const DEFAULT_MAX_BODY = 8 * 1024 * 1024;

function isSaveRequest(v: unknown): v is SaveRequest {
  return typeof v === 'object' && v !== null && typeof (v as { baseVersion?: unknown }).baseVersion === 'string' && typeof (v as { model?: unknown }).model === 'object' && (v as { model?: unknown }).model !== null;
}

export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const listeners = new Set<(e: ServerEvent) => void>();
  let unwatch: (() => void) | undefined;
  const subscribe = (fn: (e: ServerEvent) => void) => {
    listeners.add(fn);
    unwatch ??= deps.store.watch((version) => {
      for (const l of listeners) l({ type: 'changed', version });
    });
    return () => {
      listeners.delete(fn);
      if (listeners.size === 0) {
        unwatch?.();
        unwatch = undefined;
      }
    };
  };

  app.use('*', securityHeaders());
  app.use('*', hostCheck(deps.hosts));
  app.use('*', originCheck(deps.hosts));
  app.use('/api/*', tokenCheck(deps.token));
  app.use(
    '/api/*',
    bodyLimit({ maxSize: deps.maxBodyBytes ?? DEFAULT_MAX_BODY, onError: (c) => c.json({ error: `the request is larger than ${Math.round((deps.maxBodyBytes ?? DEFAULT_MAX_BODY) / 1024)} KiB` }, 413) }),
  );

  app.onError((err, c) => {
    if (err instanceof HttpError) return c.json({ error: err.message, ...err.body }, err.status);
    return c.json({ error: 'internal error in the Threatwright server; please report it' }, 500);
  });

  app.get('/api/model', async (c) => c.json<ModelSnapshot>(await deps.store.read()));

  app.get('/api/analysis', async (c) => {
    const analysis = await deps.store.analysis();
    return c.json<AnalysisResponse>(analysis, 'valid' in analysis ? 422 : 200);
  });

  app.get('/api/verification', (c) => c.json<VerificationResponse>({ record: deps.store.verificationRecord() }));

  app.put('/api/model', async (c) => {
    if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
      throw new HttpError(415, 'send the model as application/json');
    }
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new HttpError(400, 'the request body is not valid JSON');
    }
    if (!isSaveRequest(body)) throw new HttpError(400, 'expected { baseVersion: string, model: object }');
    try {
      return c.json<ModelSnapshot>(await deps.store.save(body.baseVersion, body.model));
    } catch (err) {
      if (err instanceof HttpError && err.status === 409) {
        return c.json<ConflictResponse>({ error: err.message, current: err.body?.['current'] as ModelSnapshot }, 409);
      }
      throw err;
    }
  });

  app.get('/api/events', (c) =>
    streamSSE(c, async (stream) => {
      // Listen for the end first: a client that disconnects while this handler is still starting
      // must not leave its subscription (and the file watch behind it) running.
      const ended = new Promise<void>((resolve) => {
        stream.onAbort(resolve);
        if (deps.shutdown?.aborted) resolve();
        deps.shutdown?.addEventListener('abort', () => { resolve(); }, { once: true });
      });
      const over = () => stream.aborted || deps.shutdown?.aborted === true;
      const send = (e: ServerEvent) => stream.writeSSE({ event: e.type, data: JSON.stringify(e) });
      const version = (await deps.store.read().catch(() => undefined))?.version ?? '';
      if (over()) return;
      await send({ type: 'hello', version });
      if (over()) return;
      const stop = subscribe((e) => void send(e));
      const ping = setInterval(() => void stream.write(': ping\n\n'), 20_000);
      ping.unref();
      await ended;
      clearInterval(ping);
      stop();
    }),
  );

  app.all('/api/*', (c) => c.json({ error: 'no such API' }, 404));
  app.get('*', (c) => serveStatic(c, deps.webRoot));
  return app;
}
