/** Starts the editor's server on a local port. */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { createApp } from './app.js';
import { ModelStore } from './model-store.js';

export interface StartOptions {
  /** The model file to serve. */
  file: string;
  /** Interface to bind; 127.0.0.1 unless the user asks otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Folder of the built web app. */
  webRoot?: string | undefined;
  /** Folders includes may come from besides the model's own (the working folder, as for the CLI). */
  folders?: readonly string[];
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
  maxBodyBytes?: number;
}

export interface RunningServer {
  /** The address to open, token included (in the fragment, so it never reaches a log or a Referer). */
  url: string;
  origin: string;
  token: string;
  port: number;
  close: () => Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';

export function isLoopback(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1' || host.startsWith('127.');
}

function formatHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** The Host header values the server answers to. */
export function acceptedHosts(host: string, port: number): string[] {
  const names = isLoopback(host) ? ['127.0.0.1', 'localhost', '[::1]'] : [formatHost(host), '127.0.0.1', 'localhost'];
  if (!isLoopback(host) && !names.includes(formatHost(host))) names.push(formatHost(host));
  return names.map((n) => `${n}:${port}`.toLowerCase());
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const store = new ModelStore(options.file, { folders: options.folders ?? [] });
  await store.read();
  let port = options.port ?? 0;
  const shutdown = new AbortController();
  const app = createApp({ store, token, hosts: () => acceptedHosts(host, port), webRoot: options.webRoot, shutdown: shutdown.signal, ...(options.maxBodyBytes ? { maxBodyBytes: options.maxBodyBytes } : {}) });
  const server = createAdaptorServer({ fetch: app.fetch });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const shown = isLoopback(host) ? '127.0.0.1' : formatHost(host);
  const origin = `http://${shown}:${port}`;
  return {
    url: `${origin}/#token=${token}`,
    origin,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        shutdown.abort();
        if ('closeAllConnections' in server) server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
