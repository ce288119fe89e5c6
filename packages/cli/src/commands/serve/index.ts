import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_HOST, HttpError, isLoopback, startServer, type RunningServer } from '@threatwright/server';
import { flagOption, stringOption } from '../../args.js';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { displayPath, resolveModelPath } from '../../files.js';
import { packagedFile } from '../../packaged.js';
import type { CommandContext, CommandSpec } from '../../types.js';

export const DEFAULT_PORT = 7411;

/**
 * The built web app: the copy an installed package carries in dist/web, or else packages/web/dist
 * in a clone, found by walking up from this module (from the sources and from the bundle alike),
 * so no workspace package is resolved at run time.
 */
export function findWebRoot(from = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  const packaged = packagedFile(path.join('web', 'index.html'), from);
  if (packaged !== undefined) return path.dirname(packaged);
  let dir = from;
  for (let i = 0; i < 8; i++) {
    const dist = path.join(dir, 'packages', 'web', 'dist');
    if (existsSync(path.join(dist, 'index.html'))) return dist;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isInteger(port) || port > 65535) {
    throw new UserError(`--port must be a number from 0 to 65535 (got "${raw}")`, ExitCode.invalid, 'Use --port 0 to pick any free port.');
  }
  return port;
}

function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // Opening a browser is a convenience; the URL is printed anyway.
  }
}

/** Starts the editor and prints where to open it. Resolves once it listens. */
export async function startEditor(ctx: CommandContext): Promise<RunningServer> {
  const file = await resolveModelPath(ctx.cwd, ctx.positionals[0]);
  if (!existsSync(file)) {
    throw new UserError(`cannot read ${displayPath(ctx.cwd, file)}: no such file`, ExitCode.invalid, 'Give the path of a model file, or run `threatwright init` to create one.');
  }
  const host = stringOption(ctx.values, 'host') ?? DEFAULT_HOST;
  const port = parsePort(stringOption(ctx.values, 'port'));
  const webRoot = findWebRoot();
  let server: RunningServer;
  try {
    server = await startServer({ file, host, port, webRoot, folders: [ctx.cwd] });
  } catch (err) {
    if (err instanceof HttpError) throw new UserError(err.message, ExitCode.invalid, 'Give the path of a model file, or run `threatwright init` to create one.');
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UserError(`port ${port} is already in use`, ExitCode.unavailable, `Stop the other program, or choose another port: --port ${port + 1} (or --port 0 for any free port).`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UserError(`cannot listen on ${host}: no such address on this machine`, ExitCode.invalid, 'Leave out --host to use 127.0.0.1.');
    if (code === 'EACCES') throw new UserError(`not allowed to listen on port ${port}`, ExitCode.unavailable, 'Ports below 1024 need special rights; choose --port 7411 or --port 0.');
    throw err;
  }
  const s = ctx.errStyle;
  if (!isLoopback(host)) {
    ctx.stderr(`${s.yellow('⚠')} listening on ${host}, not only on this machine: anyone who can reach it and learns the token can read and change ${displayPath(ctx.cwd, file)}.\n`);
  }
  if (webRoot === undefined) {
    ctx.stderr(`${s.yellow('⚠')} the web app is not built, so the page will only say so. Run \`npm run build\` in the repository.\n`);
  }
  const c = ctx.style;
  ctx.print(`${c.green('✔')} Editing ${c.bold(displayPath(ctx.cwd, file))}\n\n  Open ${c.cyan(server.url)}\n\n  The address carries this session's access token; keep it to yourself. Press Ctrl+C to stop.\n`);
  if (flagOption(ctx.values, 'open')) openBrowser(server.url);
  return server;
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
}

/** Runs the editor until `until` settles (Ctrl+C in the terminal). */
export async function runServe(ctx: CommandContext, until: () => Promise<void>): Promise<number> {
  const server = await startEditor(ctx);
  await until();
  await server.close();
  ctx.print('Stopped.\n');
  return ExitCode.ok;
}

export const command: CommandSpec = {
  name: 'serve',
  group: 'Editor',
  summary: 'Open the model in the local web editor (diagram, threats, triage)',
  description:
    'Starts a local server with the diagram editor for one model file and prints the address to open. Edits are written back into the same YAML file, keeping its comments and formatting; diagram positions go to its `layout` section. If the file changes on disk meanwhile, the editor shows it and offers to reload or merge — it never overwrites silently. The server listens on 127.0.0.1 only, and every request needs the random token in the printed address.',
  arguments: [{ name: 'model', description: 'The model file or its folder (default: the model in the current folder).', optional: true }],
  options: {
    port: { type: 'string', short: 'p', valueName: 'number', description: `Port to listen on (default ${DEFAULT_PORT}; 0 picks a free one).` },
    host: { type: 'string', valueName: 'address', description: 'Interface to listen on (default 127.0.0.1). Anything else exposes the editor to your network: a warning is printed.' },
    open: { type: 'boolean', description: 'Open the editor in the default browser.' },
  },
  examples: [
    { command: 'threatwright serve', description: 'edit the model in the current folder' },
    { command: 'threatwright serve examples/web-login/threatmodel.yaml --open', description: 'open an example in the browser' },
    { command: 'threatwright serve --port 0', description: 'any free port' },
  ],
  exitCodes: {
    0: 'Stopped with Ctrl+C.',
    2: 'No model file, or a bad option.',
    4: 'The port is in use or not allowed.',
  },
  run: (ctx) => runServe(ctx, untilInterrupted),
};
