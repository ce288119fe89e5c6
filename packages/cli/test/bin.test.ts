/**
 * The packaged CLI: builds the bundle the way `npm ci` does (scripts/build.mjs, without the
 * web app) and runs `node packages/cli/bin/threatwright.js` as a user would.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MODEL_SCHEMA_ID } from '@threatwright/core';
import { runCli } from '../src/testing.js';
import { runAction } from './action-runner.js';

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

  it('tells a schema copy of this version from another by the digest built into the bundle', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tw-schema-digest-'));
    try {
      const model = readFileSync(path.join(root, 'examples/web-login/threatmodel.yaml'), 'utf8').replace(/^# yaml-language-server: .*$/mu, '# yaml-language-server: $schema=./copy.json');
      writeFileSync(path.join(dir, 'threatmodel.yaml'), model);
      // An unstamped copy of this version's schema, keys in the generator's order: current.
      const schema = readFileSync(path.join(root, 'schema/threatwright.schema.json'), 'utf8');
      writeFileSync(path.join(dir, 'copy.json'), schema);
      const same = run(['validate', 'threatmodel.yaml'], dir);
      expect(same.stdout).not.toContain('schema-copy-outdated');
      expect(same.stdout).not.toContain('is not this version');
      writeFileSync(path.join(dir, 'copy.json'), schema.replace('"title": "Threatwright threat model"', '"title": "An older schema"'));
      const older = run(['validate', 'threatmodel.yaml'], dir);
      expect(older.stdout).toContain('the schema at ./copy.json is not this version');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
  let tarballPath = '';
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
    tarballPath = path.join(packDir, tarball);
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
    expect(files).toEqual(expect.arrayContaining(['bin/threatwright.js', 'dist/threatwright.js', 'dist/web/index.html', 'dist/schema/threatwright.schema.json', 'dist/schema/threatwright-include.schema.json', 'dist/lib/core.js', 'dist/types/core/index.d.ts', 'README.md', 'CHANGELOG.md', 'LICENSE']));
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

  it('exports core as a typed library, threatwright/core, for tools built on it', ({ skip }) => {
    if (unavailable !== undefined) skip(unavailable);
    const dir = installDir ?? '';
    writeFileSync(path.join(dir, 'threatmodel.yaml'), 'threatwright: 1\nsystem:\n  name: Shop\ncomponents:\n  - id: C1\n    name: Visitor\n    kind: external-entity\n  - id: C2\n    name: Web\n    kind: process\nflows:\n  - id: F1\n    from: C1\n    to: C2\n    encrypted: false\n');
    const script = [
      "import { readFileSync } from 'node:fs';",
      "import { loadModel, analyze, evaluateGate } from 'threatwright/core';",
      "const loaded = loadModel({ file: 'threatmodel.yaml', text: readFileSync('threatmodel.yaml', 'utf8') });",
      "if (!loaded.model) throw new Error('the model did not load');",
      'const result = analyze(loaded.model);',
      "const gate = evaluateGate(result.risk, 'high');",
      'console.log(JSON.stringify({ threats: result.threats.length, open: gate.posture.open.total, passed: gate.passed }));',
    ].join('\n');
    writeFileSync(path.join(dir, 'use-core.mjs'), script);
    const r = spawnSync(process.execPath, ['use-core.mjs'], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { threats: number; open: number; passed: boolean };
    expect(out.threats).toBeGreaterThan(0);
    // The same analysis the CLI makes.
    const cli = JSON.parse(runInstalled(['check', '--fail-on', 'high', '--format', 'json']).stdout) as { posture: { open: { total: number } }; passed: boolean };
    expect(out).toEqual({ threats: out.threats, open: cli.posture.open.total, passed: cli.passed });
    // The declarations type-check a consumer in strict mode, and catch a misuse.
    writeFileSync(path.join(dir, 'use-core.ts'), `${script.replace("JSON.stringify({", "JSON.stringify({ first: result.threats[0]?.title.toUpperCase(),")}\nexport {};\n`);
    writeFileSync(path.join(dir, 'misuse.ts'), "import { analyze } from 'threatwright/core';\nanalyze('not a model');\n");
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    const flags = ['--strict', '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', '--typeRoots', path.join(root, 'node_modules/@types')];
    const good = spawnSync(process.execPath, [tsc, ...flags, 'use-core.ts'], { cwd: dir, encoding: 'utf8' });
    expect(good.stdout + good.stderr).toBe('');
    const bad = spawnSync(process.execPath, [tsc, ...flags, 'misuse.ts'], { cwd: dir, encoding: 'utf8' });
    expect(bad.stdout).toMatch(/misuse\.ts\(2,9\): error TS2345/);
  }, 180_000);

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

  it('is what the GitHub Action installs when given the tarball, with npm, outside the user\'s project', ({ skip }) => {
    if (unavailable !== undefined) skip(unavailable);
    const temp = mkdtempSync(path.join(tmpdir(), 'tw-action-install-'));
    try {
      const output = path.join(temp, 'output');
      const env = { ...npmEnv, GITHUB_OUTPUT: output, RUNNER_TEMP: temp, INPUT_VERSION: tarballPath, INPUT_WORKING_DIRECTORY: '.' };
      writeFileSync(output, '');
      const plan = spawnSync('bash', [path.join(root, 'action/install.sh'), 'plan'], { cwd: temp, env, encoding: 'utf8' });
      expect(plan.status, plan.stderr).toBe(0);
      const planned = Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
      expect(planned['cache-key']).toMatch(/^threatwright-cli-Linux-tarball-[0-9a-f]{32}$/);
      expect(planned['prefix']?.startsWith(temp)).toBe(true);
      writeFileSync(output, '');
      const install = spawnSync('bash', [path.join(root, 'action/install.sh'), 'install'], { cwd: temp, env: { ...env, TW_PREFIX: planned['prefix'] ?? '' }, encoding: 'utf8', timeout: 240_000 });
      expect(install.status, install.stdout + install.stderr).toBe(0);
      const bin = /^bin=(.+)$/m.exec(readFileSync(output, 'utf8'))?.[1] ?? '';
      expect(bin).toBe(path.join(planned['prefix'] ?? '', 'node_modules/threatwright/bin/threatwright.js'));
      expect(install.stdout).toContain(`Using threatwright ${version} from ${bin}`);
      // Installed again from the restored folder (as actions/cache restores it): npm is not asked.
      mkdirSync(path.join(temp, 'no-npm'));
      writeFileSync(path.join(temp, 'no-npm', 'npm'), '#!/bin/sh\necho "npm was run" >&2\nexit 99\n', { mode: 0o755 });
      writeFileSync(output, '');
      const again = spawnSync('bash', [path.join(root, 'action/install.sh'), 'install'], { cwd: temp, env: { ...env, TW_PREFIX: planned['prefix'] ?? '', PATH: `${path.join(temp, 'no-npm')}:${process.env['PATH'] ?? ''}` }, encoding: 'utf8' });
      expect(again.status, again.stderr).toBe(0);
      expect(readFileSync(output, 'utf8')).toBe(`bin=${bin}\n`);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  });
});

/**
 * The GitHub Action (action.yml at the repository's root), its steps run as a runner runs them,
 * on a workspace whose project has Threatwright installed (node_modules/threatwright, as npm links
 * a dev dependency), in folders with spaces in their names.
 */
describe('the GitHub Action', () => {
  let workspace = '';
  let temp = '';
  let n = 0;
  const includeModel = {
    'threatmodel.yaml': 'threatwright: 1\nsystem:\n  name: Status page\ninclude:\n  - parts/components.yaml\n',
    'parts/components.yaml':
      'components:\n  - id: C1\n    name: Visitor\n    kind: external-entity\n  - id: C2\n    name: Status site\n    kind: process\n    type: static-site\n    properties:\n      csrf_protecton: true\nflows:\n  - id: F1\n    from: C1\n    to: C2\n    protocol: https\n    encrypted: true\n',
  };

  beforeAll(() => {
    workspace = mkdtempSync(path.join(tmpdir(), 'tw-action-ws-'));
    mkdirSync(path.join(workspace, 'node_modules'));
    // npm links a dependency's folder; the bundle built above is the package's.
    symlinkSync(path.join(root, 'packages/cli'), path.join(workspace, 'node_modules/threatwright'), 'dir');
    mkdirSync(path.join(workspace, 'threat model/parts'), { recursive: true });
    copyFileSync(path.join(root, 'examples/web-login/threatmodel.yaml'), path.join(workspace, 'threat model/threatmodel.yaml'));
    mkdirSync(path.join(workspace, 'status page/parts'), { recursive: true });
    for (const [file, text] of Object.entries(includeModel)) writeFileSync(path.join(workspace, 'status page', file), text);
    mkdirSync(path.join(workspace, 'test results'));
    // The project's own CLI is the one to run: an npm on the PATH that fails says so if the action ever tries to build or install one.
    mkdirSync(path.join(workspace, '.no-npm'));
    writeFileSync(path.join(workspace, '.no-npm', 'npm'), '#!/bin/sh\necho "the action ran npm $*" >&2\nexit 99\n', { mode: 0o755 });
    copyFileSync(path.join(root, 'packages/cli/src/commands/verify/fixtures/web-login-junit.xml'), path.join(workspace, 'test results/junit.xml'));
  });
  afterAll(() => {
    for (const dir of [workspace, temp]) if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  function act(inputs: Record<string, string>) {
    temp = temp === '' ? mkdtempSync(path.join(tmpdir(), 'tw-action-runner-')) : temp;
    n += 1;
    return runAction({
      actionPath: root,
      workspace,
      temp: path.join(temp, String(n)),
      inputs,
      env: { PATH: `${path.join(workspace, '.no-npm')}${path.delimiter}${process.env['PATH'] ?? ''}`, GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/shop', GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567' },
    });
  }
  const step = (r: ReturnType<typeof runAction>, id: string) => r.steps.find((s) => s.id === id);

  it('fails on a model with open P1 risks: annotations on the model lines, a summary, outputs, SARIF for code scanning', () => {
    const r = act({ 'working-directory': 'threat model', model: 'threatmodel.yaml', 'fail-on': 'P1', today: '2026-12-01', junit: '../test results/junit.xml', 'upload-sarif': 'true' });
    // The project's node_modules is at the workspace's root, above the working directory.
    expect(step(r, 'install')?.stdout).toContain(`Using threatwright ${version} from ${path.join(workspace, 'node_modules/threatwright/bin/threatwright.js')}`);
    expect(step(r, 'validate')?.outcome).toBe('success');
    expect(step(r, 'verify')?.outcome).toBe('success');
    expect(step(r, 'check')?.outputs['exit-code']).toBe('1');
    // The job fails, at the end: SARIF was still written and uploaded.
    expect(r.failed).toBe(true);
    expect(step(r, 'result')?.exitCode).toBe(1);
    expect(r.outputs['passed']).toBe('false');
    expect(r.outputs['exit-code']).toBe('1');

    // The same numbers as `check --format json` on the same model and day.
    const json = JSON.parse(run(['check', 'threatmodel.yaml', '--fail-on', 'P1', '--today', '2026-12-01', '--format', 'json'], path.join(workspace, 'threat model')).stdout) as { posture: { open: Record<string, number>; baseline: { total: number } }; items: unknown[] };
    for (const band of ['critical', 'high', 'medium', 'low', 'unrated']) expect(r.outputs[band], band).toBe(String(json.posture.open[band]));
    expect(r.outputs['open']).toBe(String(json.posture.open['total']));
    expect(r.outputs['items']).toBe(String(json.items.length));
    expect(r.outputs['baseline']).toBe(String(json.posture.baseline.total));
    expect(Number(r.outputs['critical'])).toBeGreaterThan(0);

    // Each failing item annotates the line that declares it, in the file as the repository names it.
    const model = readFileSync(path.join(workspace, 'threat model/threatmodel.yaml'), 'utf8').split('\n');
    const t1 = r.annotations.find((a) => a.includes('(T1)'));
    expect(t1).toMatch(/^::error file=threat model\/threatmodel\.yaml,line=\d+,col=\d+,title=threatwright check%3A P0 critical risk \(T1\)::Credential stuffing against the login%0Aopen: likelihood 4/);
    const line = Number(/line=(\d+)/.exec(t1 ?? '')?.[1]);
    expect(model[line - 1]).toMatch(/- id: T1\b/);
    expect(r.annotations.filter((a) => a.startsWith('::error')).length).toBe(json.items.length);

    // The job summary: verdict, open risks by band, failing items linked to their lines.
    expect(r.summary).toContain('### ❌ Threatwright: threat model/threatmodel.yaml fails the gate at P1 high');
    expect(r.summary).toContain(`| P0 critical | ${String(json.posture.open['critical'])} |`);
    expect(r.summary).toContain(`(https://github.com/acme/shop/blob/0123456789abcdef0123456789abcdef01234567/threat%20model/threatmodel.yaml#L${String(line)})`);

    // SARIF, uploaded through code scanning's action.
    const sarif = r.outputs['sarif'] ?? '';
    expect(sarif).toBe(path.join(workspace, 'threat model/threatwright.sarif'));
    expect((JSON.parse(readFileSync(sarif, 'utf8')) as { version: string }).version).toBe('2.1.0');
    const upload = r.steps.find((s) => s.uses?.action.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.uses?.with).toEqual({ sarif_file: sarif, category: 'threatwright' });
    // Node.js was there already, and the project's own CLI needs no cache.
    expect(r.steps.find((s) => s.uses?.action.startsWith('actions/setup-node@'))?.outcome).toBe('skipped');
    expect(r.steps.find((s) => s.uses?.action.startsWith('actions/cache@'))?.outcome).toBe('skipped');
  });

  it('passes a model split with include:, and annotates warnings in the included file', () => {
    const r = act({ 'working-directory': 'status page', 'fail-on': 'critical', report: 'out/threat model.html' });
    expect(r.failed, r.steps.map((s) => `${s.name}: ${s.outcome}\n${s.stdout}${s.stderr}`).join('\n')).toBe(false);
    expect(r.outputs).toMatchObject({ passed: 'true', 'exit-code': '0', critical: '0', items: '0', sarif: path.join(workspace, 'status page/threatwright.sarif') });
    expect(r.annotations).toContainEqual(expect.stringMatching(/^::warning file=status page\/parts\/components\.yaml,line=10,col=7,title=threatwright unknown-property \(C2\)::unknown property `csrf_protecton`/));
    expect(r.summary).toContain('### ✅ Threatwright: status page/threatmodel.yaml passes the gate at P0 critical');
    expect(r.steps.find((s) => s.uses?.action.startsWith('github/codeql-action/upload-sarif@'))?.outcome).toBe('skipped');
    expect(readFileSync(path.join(workspace, 'status page/out/threat model.html'), 'utf8')).toMatch(/^<!doctype html>/i);
  });

  it('fails validation with strict on warnings', () => {
    const r = act({ 'working-directory': 'status page', strict: 'true' });
    expect(step(r, 'validate')?.outcome).toBe('failure');
    expect(step(r, 'validate')?.stdout).toContain('has 2 warnings (--strict makes warnings fail)');
    expect(r.outputs).toMatchObject({ passed: 'false', 'exit-code': '2' });
  });

  it('fails with the CLI\'s own message and exit code when the model is missing, and runs nothing after', () => {
    const r = act({ model: 'no such model.yaml' });
    const v = step(r, 'validate');
    expect(v?.outcome).toBe('failure');
    expect(v?.exitCode).toBe(2);
    const said = `${v?.stdout ?? ''}${v?.stderr ?? ''}`;
    expect(said).toContain('no such model.yaml');
    expect(said).not.toMatch(/\n\s+at /);
    expect(step(r, 'check')?.outcome).toBe('skipped');
    expect(step(r, 'sarif')?.outcome).toBe('skipped');
    expect(r.outputs).toMatchObject({ passed: 'false', 'exit-code': '2' });
    expect(r.failed).toBe(true);
  });

  it('fails with the CLI\'s message on a threshold it does not know', () => {
    const r = act({ 'working-directory': 'status page', 'fail-on': 'severe' });
    expect(step(r, 'check')?.exitCode).toBe(2);
    expect(step(r, 'check')?.stderr).toMatch(/fail-on/);
    expect(r.outputs).toMatchObject({ passed: 'false', 'exit-code': '2' });
  });

  it('never runs an input as shell code', () => {
    const r = act({ model: '$(touch pwned-model)`touch pwned-tick`";touch pwned-quote;"', 'fail-on': "high'; touch pwned-fail-on; '" });
    expect(r.failed).toBe(true);
    expect(readdirSync(workspace).filter((f) => f.startsWith('pwned'))).toEqual([]);
  });
});

/** The other ways into a pipeline: the workflow example, the GitLab job and the pre-commit hooks, each run as its host runs it. */
describe('the CI templates and the pre-commit hooks', () => {
  let project = '';
  let fakeBin = '';
  beforeAll(() => {
    project = mkdtempSync(path.join(tmpdir(), 'tw-ci-project-'));
    mkdirSync(path.join(project, 'node_modules/.bin'), { recursive: true });
    symlinkSync(path.join(root, 'packages/cli'), path.join(project, 'node_modules/threatwright'), 'dir');
    symlinkSync('../threatwright/bin/threatwright.js', path.join(project, 'node_modules/.bin/threatwright'));
    copyFileSync(path.join(root, 'examples/web-login/threatmodel.yaml'), path.join(project, 'threatmodel.yaml'));
    mkdirSync(path.join(project, 'status page/parts'), { recursive: true });
    writeFileSync(path.join(project, 'status page/status.threatwright.yaml'), 'threatwright: 1\nsystem:\n  name: Status page\ninclude:\n  - parts/components.yaml\n');
    writeFileSync(path.join(project, 'status page/parts/components.yaml'), 'components:\n  - id: C1\n    name: Visitor\n    kind: external-entity\n  - id: C2\n    name: Status site\n    kind: process\n    properties:\n      csrf_protecton: true\n');
    writeFileSync(path.join(project, 'unrelated.yaml'), 'name: not a model\n');
    // npm as the job calls it, writing down its arguments: the project is installed already.
    fakeBin = path.join(project, '.fake-bin');
    mkdirSync(fakeBin);
    writeFileSync(path.join(fakeBin, 'npm'), '#!/bin/sh\necho "$*" >> "$NPM_LOG"\n', { mode: 0o755 });
    spawnSync('git', ['init', '-q'], { cwd: project });
    spawnSync('git', ['add', '-A'], { cwd: project });
  });
  afterAll(() => {
    if (project !== '') rmSync(project, { recursive: true, force: true });
  });

  it('the workflow example uses the action with inputs and outputs it declares', () => {
    const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
    const workflow = parse(readFileSync(path.join(root, 'docs/ci/github-actions.yml'), 'utf8')) as { jobs: Record<string, { steps: { id?: string; uses?: string; with?: Record<string, unknown>; env?: Record<string, string> }[] }> };
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const ours = steps.find((s) => s.uses?.startsWith('threatwright/threatwright@'));
    expect(ours?.id).toBeDefined();
    expect(Object.keys(ours?.with ?? {}).filter((k) => !(k in action.inputs))).toEqual([]);
    const used = steps.flatMap((s) => Object.values(s.env ?? {})).flatMap((v) => [...v.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)]);
    expect(used.length).toBeGreaterThan(0);
    for (const m of used) {
      expect(m[1]).toBe(ours?.id);
      expect(Object.keys(action.outputs)).toContain(m[2]);
    }
  });

  it('the workflow example comments the model diff on a pull request, and edits its comment on the next push', () => {
    const workflow = parse(readFileSync(path.join(root, 'docs/ci/github-actions.yml'), 'utf8')) as { permissions: Record<string, string>; jobs: Record<string, { steps: { name?: string; if?: string; run?: string; env?: Record<string, string> }[] }> };
    const step = Object.values(workflow.jobs).flatMap((j) => j.steps).find((s) => s.name === 'Comment the model diff');
    expect(step?.if).toContain("github.event_name == 'pull_request'");
    expect(workflow.permissions['pull-requests']).toBe('write');
    const repo = mkdtempSync(path.join(tmpdir(), 'tw-ci-pr-'));
    try {
      mkdirSync(path.join(repo, 'node_modules/.bin'), { recursive: true });
      symlinkSync(path.join(root, 'packages/cli'), path.join(repo, 'node_modules/threatwright'), 'dir');
      symlinkSync('../threatwright/bin/threatwright.js', path.join(repo, 'node_modules/.bin/threatwright'));
      writeFileSync(path.join(repo, '.gitignore'), 'node_modules\n.fake-bin\n');
      const git = (...args: string[]) => spawnSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=CI', ...args], { cwd: repo, encoding: 'utf8' }).stdout.trim();
      git('init', '-q');
      copyFileSync(path.join(root, 'examples/web-login/threatmodel.yaml'), path.join(repo, 'threatmodel.yaml'));
      git('add', '-A');
      git('commit', '-qm', 'base');
      const base = git('rev-parse', 'HEAD');
      const text = readFileSync(path.join(repo, 'threatmodel.yaml'), 'utf8').replace(/^components:\n/mu, 'components:\n  - id: C99\n    name: Partner API\n    kind: process\n    type: api\n');
      writeFileSync(path.join(repo, 'threatmodel.yaml'), text);
      git('commit', '-qam', 'partner api');
      // gh as the runner has it: the first push has no comment to edit yet.
      const ghBin = path.join(repo, '.fake-bin');
      mkdirSync(ghBin);
      const log = path.join(repo, 'gh.log');
      writeFileSync(path.join(ghBin, 'gh'), `#!/bin/sh\necho "$*" >> "${log}"\ncase "$*" in *--edit-last*) [ -f "${log}.posted" ] || exit 1 ;; esac\ntouch "${log}.posted"\n`, { mode: 0o755 });
      const runStep = () => spawnSync('bash', ['-eo', 'pipefail', '-c', step?.run ?? 'false'], { cwd: repo, encoding: 'utf8', env: { PATH: `${ghBin}${path.delimiter}${process.env['PATH'] ?? ''}`, HOME: process.env['HOME'], BASE: base, PR: '7', GH_TOKEN: 'token' } });
      const first = runStep();
      expect(first.status, first.stderr).toBe(0);
      const comment = readFileSync(path.join(repo, 'threat-model-diff.md'), 'utf8');
      expect(comment).toMatch(/^### Threat model: threatmodel\.yaml, [0-9a-f]{7} → HEAD \([0-9a-f]{7}\)\n/u);
      expect(comment).toContain('| added | component | `C99` | Partner API |');
      expect(comment).toContain('```mermaid');
      const second = runStep();
      expect(second.status, second.stderr).toBe(0);
      expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([
        'pr comment 7 --body-file threat-model-diff.md --edit-last',
        'pr comment 7 --body-file threat-model-diff.md',
        'pr comment 7 --body-file threat-model-diff.md --edit-last',
      ]);
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });

  it('the GitLab job validates, gates and keeps the report, with the gate\'s exit code', () => {
    const job = (parse(readFileSync(path.join(root, 'docs/ci/gitlab-ci.yml'), 'utf8')) as Record<string, { script: string[]; variables: Record<string, string>; artifacts: { when: string; paths: string[] } }>)['threatwright'];
    expect(job).toBeDefined();
    // GitLab runs the script's lines in one shell that stops at the first failing one.
    const script = path.join(project, 'job.sh');
    writeFileSync(script, `set -eo pipefail\n${(job?.script ?? []).join('\n')}\n`);
    const runJob = (variables: Record<string, string>) =>
      spawnSync('bash', [script], { cwd: project, encoding: 'utf8', env: { PATH: `${fakeBin}${path.delimiter}${process.env['PATH'] ?? ''}`, NPM_LOG: path.join(project, 'npm.log'), CI_PROJECT_DIR: project, ...job?.variables, ...variables } });
    const failing = runJob({});
    expect(failing.status, failing.stderr).toBe(1);
    expect(readFileSync(path.join(project, 'npm.log'), 'utf8')).toMatch(/^ci /);
    expect(failing.stdout).toContain('### ❌ Threatwright: threatmodel.yaml fails the gate at P1 high');
    for (const artifact of job?.artifacts.paths ?? []) expect(readdirSync(project)).toContain(artifact);
    expect(job?.artifacts.when).toBe('always');
    const passing = runJob({ THREATWRIGHT_MODEL: 'status page/status.threatwright.yaml', THREATWRIGHT_FAIL_ON: 'critical' });
    expect(passing.status, passing.stdout + passing.stderr).toBe(0);
    expect(passing.stdout).toContain('### ✅ Threatwright: status page/status.threatwright.yaml passes the gate at P0 critical');
    const invalid = runJob({ THREATWRIGHT_MODEL: 'unrelated.yaml' });
    expect(invalid.status).toBe(2);
    expect(invalid.stdout + invalid.stderr).not.toMatch(/\n\s+at /);
  });

  it('the pre-commit hooks take the models among the changed files, and a model through a file it includes', () => {
    const hooks = parse(readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; stages?: string[] }[];
    expect(hooks.map((h) => h.id)).toEqual(['threatwright-validate', 'threatwright-check']);
    expect(hooks.find((h) => h.id === 'threatwright-check')?.stages).toEqual(['pre-push', 'manual']);
    // pre-commit runs `entry` from the hook repository's root, with args and then the changed files, in the user's repository.
    const hook = (id: string, args: string[]) => {
      const spec = hooks.find((h) => h.id === id);
      const [entry, ...fixed] = (spec?.entry ?? '').split(' ');
      const files = args.filter((a) => new RegExp(spec?.files ?? '$^').test(a));
      const options = args.filter((a) => !files.includes(a));
      return spawnSync(path.join(root, entry ?? ''), [...fixed, ...options, ...files], { cwd: project, encoding: 'utf8', env: { PATH: process.env['PATH'] } });
    };
    const nothing = hook('threatwright-validate', ['unrelated.yaml']);
    expect(nothing.status).toBe(0);
    expect(nothing.stdout).toBe('');
    const included = hook('threatwright-validate', ['--strict', 'status page/parts/components.yaml']);
    expect(included.status).toBe(1);
    expect(included.stdout).toContain('unknown property `csrf_protecton`');
    expect(included.stdout).toContain('status page/status.threatwright.yaml has 3 warnings (--strict makes warnings fail)');
    const fine = hook('threatwright-validate', ['threatmodel.yaml', 'unrelated.yaml']);
    expect(fine.status, fine.stdout).toBe(0);
    expect(fine.stdout).toContain('threatmodel.yaml is valid');
    // validate never analyses: no risk in its output.
    expect(fine.stdout).not.toContain('residual');
    const gate = hook('threatwright-check', ['--fail-on', 'high', 'threatmodel.yaml']);
    expect(gate.status).toBe(1);
    expect(gate.stdout).toContain('fails the gate at P1 high');
  });
});
