/**
 * The packaged CLI: builds the bundle the way `npm ci` does (scripts/build.mjs, without the
 * web app) and runs `node packages/cli/bin/threatwright.js` as a user would.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/testing.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = path.join(root, 'packages/cli/bin/threatwright.js');
const { version } = JSON.parse(readFileSync(path.join(root, 'packages/cli/package.json'), 'utf8')) as { version: string };
let tmp: string;

function run(args: string[], cwd = root, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env['PATH'], ...env }, timeout: 20_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The address `serve` prints, token included; rejects when it exits first. */
function printedAddress(server: ChildProcessWithoutNullStreams): Promise<URL> {
  return new Promise<URL>((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const found = /http:\/\/\S+#token=\S+/.exec(out);
      if (found) resolve(new URL(found[0]));
    });
    server.on('exit', (code) => {
      reject(new Error(`serve exited with ${String(code)}: ${out}`));
    });
  });
}

beforeAll(() => {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, encoding: 'utf8', env: { ...process.env, THREATWRIGHT_SKIP_WEB: '1' } });
  if (build.status !== 0) throw new Error(`the bundle did not build:\n${build.stderr}`);
  tmp = mkdtempSync(path.join(tmpdir(), 'tw-bin-'));
}, 60_000);
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe('the threatwright bin', () => {
  it('prints the package version', () => {
    expect(run(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('prints the grouped help', () => {
    const r = run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nModel\n {2}init +Start a threat model/);
    expect(r.stdout).toMatch(/ {2}validate +Check model files/);
  });

  it('validates every bundled example cleanly', () => {
    const examples = readdirSync(path.join(root, 'examples'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => `examples/${d.name}/threatmodel.yaml`);
    expect(examples.length).toBeGreaterThanOrEqual(3);
    const r = run(['validate', ...examples]);
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('✖');
    expect(r.code).toBe(0);
  });

  it('prints no colour codes, raw or shown, when piped on a CI runner', () => {
    // Node.js leaves isTTY undefined on a pipe; colour libraries turn colours on when CI is set.
    const r = run(['check', 'examples/web-login/threatmodel.yaml'], root, { CI: 'true', GITHUB_ACTIONS: 'true' });
    expect(r.stdout).toContain('Open by residual risk: P0 critical');
    expect(r.stdout + r.stderr).not.toContain('\u001b');
    expect(r.stdout + r.stderr).not.toContain('U+001B');
  });

  it('exits 2 with the location of a bad reference, and never prints a stack trace', () => {
    const file = path.join(tmp, 'threatmodel.yaml');
    writeFileSync(file, 'threatwright: 1\nsystem:\n  name: X\ncomponents:\n  - id: C1\n    name: A\n    kind: process\nflows:\n  - id: F1\n    from: C1\n    to: C9\n');
    const r = run(['validate'], tmp);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('✖ F1: flow target "C9" does not exist  → threatmodel.yaml:11:9');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it('writes a starter model with init that then validates, without colours when piped', () => {
    const dir = path.join(tmp, 'fresh');
    const init = run(['init', path.join(dir, 'threatmodel.yaml'), '--yes'], tmp, { FORCE_COLOR: '0' });
    expect(init.code).toBe(0);
    expect(init.stdout).not.toContain('\u001b[');
    const r = run(['validate', 'fresh'], tmp);
    expect(r.stdout).toBe('✔ fresh/threatmodel.yaml is valid: 3 components, 2 flows, 2 boundaries\n');
    expect(r.code).toBe(0);
  });

  it('answers as the sources do where the bundle loads a package on first use or leaves part of one out', async () => {
    // CVSS scores (the calculator); JUnit results good and broken (the XML parser and validator);
    // schema errors (zod, whose messages the bundle keeps in English only); YAML syntax errors,
    // duplicate keys, places the line scanner leaves to the positioned document, an import written
    // as YAML and a model patched in place (the yaml library).
    const workdir = (name: string): string => {
      const dir = path.join(tmp, name);
      mkdirSync(dir);
      copyFileSync(path.join(root, 'examples/web-login/threatmodel.yaml'), path.join(dir, 'threatmodel.yaml'));
      copyFileSync(path.join(root, 'packages/cli/src/commands/verify/fixtures/web-login-junit.xml'), path.join(dir, 'results.xml'));
      writeFileSync(path.join(dir, 'broken.xml'), '<testsuite><testcase name="a"></testsuite>');
      writeFileSync(path.join(dir, 'wrong.yaml'), 'threatwright: 1\nsystem:\n  name: X\ncomponents:\n  - id: C1\n    name: A\n    kind: proces\n    tags: x\n');
      writeFileSync(path.join(dir, 'unclosed.yaml'), 'threatwright: 1\nsystem:\n  name: "Shop\n');
      writeFileSync(path.join(dir, 'twice.yaml'), 'threatwright: 1\nsystem:\n  name: A\n  name: B\n');
      writeFileSync(path.join(dir, 'anchored.yaml'), 'threatwright: 1\nsystem:\n  name: &n Shop\ncomponents:\n  - id: C1\n    name: *n\n    kind: proces\n');
      writeFileSync(path.join(dir, 'shop.yaml'), 'threagile_version: 1.0.0\ntitle: Shop\ntechnical_assets:\n  Web Shop:\n    id: shop\n    type: process\n    technology: web-application\n    internet: true\n    communication_links:\n      Save orders:\n        target: db\n        protocol: jdbc-encrypted\n  Order DB:\n    id: db\n    type: datastore\n    technology: database\n');
      return dir;
    };
    const cases = [
      ['analyze', 'threatmodel.yaml', '--format', 'json'],
      ['verify', '--junit', 'results.xml'],
      ['verify', '--junit', 'broken.xml'],
      ['validate', 'wrong.yaml', 'unclosed.yaml', 'twice.yaml', 'anchored.yaml'],
      ['import', 'shop.yaml', '--output', '-'],
      ['adopt', 'csrf@C2'],
    ];
    for (const [i, args] of cases.entries()) {
      const bundledDir = workdir(`bundled-${String(i)}`);
      const sourcesDir = workdir(`sources-${String(i)}`);
      const bundled = run(args, bundledDir);
      expect(bundled).toEqual(await runCli(args, { cwd: sourcesDir }));
      expect(readFileSync(path.join(bundledDir, 'threatmodel.yaml'), 'utf8')).toBe(readFileSync(path.join(sourcesDir, 'threatmodel.yaml'), 'utf8'));
    }
    expect(run(cases[0] ?? [], workdir('cvss')).stdout).toContain('CVSS 3.1 base score 8.1');
    const adopted = workdir('adopted');
    run(['adopt', 'csrf@C2'], adopted);
    expect(readFileSync(path.join(adopted, 'threatmodel.yaml'), 'utf8')).not.toBe(readFileSync(path.join(root, 'examples/web-login/threatmodel.yaml'), 'utf8'));
  });

  it('serves the editor, and writes an edit back into the model file keeping its comments', async () => {
    const dir = path.join(tmp, 'serve');
    mkdirSync(dir);
    const file = path.join(dir, 'threatmodel.yaml');
    writeFileSync(file, '# Our shop\nthreatwright: 1\nsystem:\n  name: Shop # the name\ncomponents:\n  - id: C1\n    name: Web\n    kind: process\n');
    const server = spawn(process.execPath, [bin, 'serve', 'threatmodel.yaml', '--port', '0'], { cwd: dir, env: { PATH: process.env['PATH'] } });
    try {
      const url = await printedAddress(server);
      const headers = { 'x-threatwright-token': url.hash.replace('#token=', ''), 'content-type': 'application/json' };
      const api = new URL('/api/model', url);
      const snapshot = (await (await fetch(api, { headers })).json()) as { version: string; data: { components: { name: string }[] } };
      expect(snapshot.data.components[0]?.name).toBe('Web');
      const model = { ...snapshot.data, components: [{ ...snapshot.data.components[0], name: 'Web shop' }] };
      const saved = await fetch(api, { method: 'PUT', headers, body: JSON.stringify({ baseVersion: snapshot.version, model }) });
      expect(saved.status).toBe(200);
      expect(readFileSync(file, 'utf8')).toBe('# Our shop\nthreatwright: 1\nsystem:\n  name: Shop # the name\ncomponents:\n  - id: C1\n    name: Web shop\n    kind: process\n');
    } finally {
      server.kill('SIGINT');
    }
  });

  it('stops on the first Ctrl+C even after event-stream clients left at once', async () => {
    const dir = path.join(tmp, 'serve-sse');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'threatmodel.yaml'), 'threatwright: 1\nsystem:\n  name: Shop\n');
    const server = spawn(process.execPath, [bin, 'serve', 'threatmodel.yaml', '--port', '0'], { cwd: dir, env: { PATH: process.env['PATH'] } });
    const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => { resolve(code); }));
    try {
      const url = await printedAddress(server);
      const headers = { 'x-threatwright-token': url.hash.replace('#token=', '') };
      // Clients that send the request and hang up at once, at slightly different moments.
      for (let i = 0; i < 20; i++) {
        await new Promise<void>((resolve) => {
          const socket = connect(Number(url.port), url.hostname, () => {
            socket.write(`GET /api/events HTTP/1.1\r\nHost: ${url.host}\r\nx-threatwright-token: ${headers['x-threatwright-token']}\r\n\r\n`);
            setTimeout(() => {
              socket.destroy();
              resolve();
            }, i % 4);
          });
          socket.on('error', () => { resolve(); });
        });
      }
      await new Promise((r) => setTimeout(r, 200));
      server.kill('SIGINT');
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => { r('still running'); }, 5000))]);
      expect(code).toBe(0);
    } finally {
      server.kill('SIGKILL');
    }
  });

  it('stops quietly when the reader of its output goes away', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" --help | head -n 1`], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
