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
import { MODEL_SCHEMA_ID } from '@threatwright/core';
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

/**
 * The published package: `npm pack` in packages/cli (its prepack copies in the web app, the schemas,
 * README and CHANGELOG), installed with npm into an empty folder outside the repository, and every
 * kind of command run from that install — so nothing may reach back into the clone. One install
 * serves all the checks; without the npm registry (the declared dependencies come from it) they are
 * skipped, and say so.
 */
describe('the package as npm installs it', () => {
  let installDir: string | undefined;
  let packDir: string | undefined;
  let installedBin = '';
  let unavailable: string | undefined;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // npm run from `npm test` hands its own settings down; the nested npm must not take this
  // repository for its project.
  const npmEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_package_|npm_lifecycle_|npm_config_local_prefix$|init_cwd$)/i.test(key)));

  function npmRun(args: string[], cwd: string, timeout: number) {
    return spawnSync(npm, args, { cwd, encoding: 'utf8', env: npmEnv, timeout, shell: process.platform === 'win32' });
  }

  function runInstalled(args: string[]) {
    const r = spawnSync(process.execPath, [installedBin, ...args], { cwd: installDir, encoding: 'utf8', env: { PATH: process.env['PATH'] }, timeout: 20_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  beforeAll(() => {
    const ping = npmRun(['ping'], tmp, 10_000);
    if (ping.status !== 0) {
      const said = (ping.stderr || '').split('\n').filter((line) => /err/i.test(line)).pop();
      unavailable = `the npm registry cannot be reached (npm ping: ${ping.status === null ? 'no answer within 10 s' : (said ?? `exit ${String(ping.status)}`).trim()})`;
      console.warn(`skipping the installed-package checks: ${unavailable}`);
      return;
    }
    packDir = mkdtempSync(path.join(tmpdir(), 'tw-pack-'));
    const pack = npmRun(['pack', '--pack-destination', packDir], path.join(root, 'packages/cli'), 60_000);
    if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stdout}\n${pack.stderr}`);
    const tarball = readdirSync(packDir).find((f) => f.endsWith('.tgz'));
    if (tarball === undefined) throw new Error(`npm pack wrote no tarball:\n${pack.stdout}`);
    installDir = mkdtempSync(path.join(tmpdir(), 'tw-install-'));
    expect(path.relative(root, installDir).startsWith('..')).toBe(true);
    writeFileSync(path.join(installDir, 'package.json'), '{ "name": "uses-threatwright", "private": true }\n');
    const install = npmRun(['install', '--no-audit', '--no-fund', path.join(packDir, tarball)], installDir, 240_000);
    if (install.status !== 0) throw new Error(`npm install of the packed tarball failed:\n${install.stdout}\n${install.stderr}`);
    installedBin = path.join(installDir, 'node_modules/threatwright/bin/threatwright.js');
  }, 300_000);
  afterAll(() => {
    // npm runs postpack only when pack succeeds; take the copied files out of packages/cli in any case.
    spawnSync(process.execPath, ['scripts/pack-assets.mjs', 'remove'], { cwd: root });
    for (const dir of [installDir, packDir]) if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it('ships the bundle, the web app and the schemas, and only the dependencies the bundle leaves out', ({ skip }) => {
    if (unavailable !== undefined) skip(unavailable);
    const pkg = path.join(installDir ?? '', 'node_modules/threatwright');
    const files = readdirSync(pkg, { recursive: true, encoding: 'utf8' }).map((f) => f.split(path.sep).join('/'));
    expect(files).toEqual(expect.arrayContaining(['bin/threatwright.js', 'dist/threatwright.js', 'dist/web/index.html', 'dist/schema/threatwright.schema.json', 'dist/schema/threatwright-include.schema.json', 'README.md', 'CHANGELOG.md']));
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('test/') || f.endsWith('.map'))).toEqual([]);
    const bundle = files.filter((f) => f.endsWith('.js') && f.startsWith('dist/') && !f.startsWith('dist/web/')).map((f) => readFileSync(path.join(pkg, f), 'utf8')).join('\n');
    expect(bundle).not.toMatch(/@threatwright\//);
    expect(runInstalled(['--version'])).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('runs init, validate, analyze, check and report from the install', ({ skip }) => {
    if (unavailable !== undefined) skip(unavailable);
    const init = runInstalled(['init', '--yes']);
    expect(init.code, init.stderr).toBe(0);
    const model = readFileSync(path.join(installDir ?? '', 'threatmodel.yaml'), 'utf8');
    // The schema line points at a copy in the project itself, not into node_modules: a teammate's clone resolves it.
    expect(model.split('\n')[0]).toBe('# yaml-language-server: $schema=./.threatwright/threatwright.schema.json');
    expect((JSON.parse(readFileSync(path.join(installDir ?? '', '.threatwright', 'threatwright.schema.json'), 'utf8')) as { $id: string }).$id).toBe(MODEL_SCHEMA_ID);
    const validate = runInstalled(['validate']);
    expect(validate.code, validate.stderr).toBe(0);
    expect(validate.stdout).toContain('threatmodel.yaml is valid');
    expect(validate.stdout + validate.stderr).not.toContain('schema line');
    const analyze = runInstalled(['analyze', '--format', 'json']);
    expect(analyze.code, analyze.stderr).toBe(0);
    expect(analyze.stdout.length).toBeGreaterThan(100);
    const check = runInstalled(['check']);
    expect([0, 1], check.stderr).toContain(check.code);
    expect(check.stdout).toContain('Open by residual risk');
    expect(check.stderr).not.toMatch(/please report|Error:/);
    const report = runInstalled(['report', '--format', 'html', '-o', 'report.html']);
    expect(report.code, report.stderr).toBe(0);
    expect(readFileSync(path.join(installDir ?? '', 'report.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('serves the editor from the install', async ({ skip }) => {
    if (unavailable !== undefined) skip(unavailable);
    const server = spawn(process.execPath, [installedBin, 'serve', '--port', '0'], { cwd: installDir, env: { PATH: process.env['PATH'] } });
    let errors = '';
    server.stderr.on('data', (chunk: Buffer) => { errors += chunk.toString(); });
    try {
      const url = await printedAddress(server);
      const page = await fetch(new URL('/', url));
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<title>Threatwright</title>');
      const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      expect((await fetch(new URL(script ?? '', url))).status).toBe(200);
      expect(errors).toBe('');
    } finally {
      server.kill('SIGINT');
    }
  });
});
