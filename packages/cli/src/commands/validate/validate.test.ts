import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../testing.js';
import { githubAnnotation } from './index.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tw-validate-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const VALID = `threatwright: 1
system:
  name: Shop
assets:
  - id: A1
    name: Session cookie
boundaries:
  - id: B1
    name: Internet
components:
  - id: C1
    name: Browser
    kind: external-entity
    boundary: B1
  - id: C2
    name: Web app
    kind: process
    assets: { processed: [A1] }
flows:
  - id: F1
    from: C1
    to: C2
    data: [A1]
`;

/** Line 14, column 9 holds `C9`; C2 has no flow and F1 carries no data (two warnings). */
const MISSING_TARGET = `threatwright: 1
system:
  name: Shop
components:
  - id: C1
    name: Browser
    kind: external-entity
  - id: C2
    name: Web app
    kind: process
flows:
  - id: F1
    from: C1
    to: C9
`;

const BAD_ENUM = `threatwright: 1
system:
  name: Shop
components:
  - id: C1
    name: Browser
    kind: external-entity
    boundary: B1
  - id: C2
    name: App
    kind: process
flows:
  - id: F1
    from: C1
    to: C2
    encrypted: maybe
`;

async function write(name: string, text: string): Promise<string> {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await writeFile(path.join(dir, name), text);
  return name;
}

describe('threatwright validate', () => {
  it('validates threatmodel.yaml in the current folder by default and prints a summary with counts', async () => {
    await write('threatmodel.yaml', VALID);
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('✔ threatmodel.yaml is valid: 2 components, 1 flow, 1 boundary');
    expect(r.code).toBe(0);
  });

  it('reports a flow pointing at a missing component: flow id, bad reference, file:line:column, exit 2', async () => {
    await write('threatmodel.yaml', MISSING_TARGET);
    const r = await runCli(['validate', 'threatmodel.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('✖ F1: flow target "C9" does not exist  → threatmodel.yaml:14:9');
    expect(lines[1]).toMatch(/^ {4}\S/); // the loader's hint, indented under the issue
    expect(lines.filter((l) => l.startsWith('⚠')).length).toBe(2);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('✖ threatmodel.yaml is invalid: 1 error, 2 warnings');
  });

  it('gives the same finding as data with --format json', async () => {
    await write('threatmodel.yaml', MISSING_TARGET);
    const r = await runCli(['validate', '--format', 'json'], { cwd: dir });
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout) as { files: { issues: Record<string, unknown>[] }[] };
    expect(out.files[0]?.issues[0]).toMatchObject({ severity: 'error', subject: 'F1', file: 'threatmodel.yaml', line: 14, column: 9, path: ['flows', 0, 'to'] });
    expect(out.files[0]?.issues[0]?.['message']).toBe('flow target "C9" does not exist');
  });

  it('passes a model with only warnings, fails it with --strict (exit 1), and hides warnings with --quiet', async () => {
    const warnOnly = MISSING_TARGET.replace('to: C9', 'to: C1');
    await write('threatmodel.yaml', warnOnly.replace('from: C1', 'from: C2'));
    const plain = await runCli(['validate'], { cwd: dir });
    expect(plain.code).toBe(0);
    expect(plain.stdout.trimEnd().split('\n').at(-1)).toMatch(/^✔ threatmodel\.yaml is valid: 2 components, 1 flow, 0 boundaries \(\d+ warnings?\)$/);
    const strict = await runCli(['validate', '--strict'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout.trimEnd().split('\n').at(-1)).toMatch(/^✖ threatmodel\.yaml has \d+ warnings? \(--strict makes warnings fail\)$/);
    const quiet = await runCli(['validate', '-q'], { cwd: dir });
    expect(quiet.stdout).not.toContain('⚠');
    expect(quiet.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('reports a schema error with file:line:column and exits 2', async () => {
    await write('m.yaml', BAD_ENUM);
    const r = await runCli(['validate', 'm.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^✖ .*→ m\.yaml:16:16\n/m);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^✖ m\.yaml is invalid: \d+ errors?(, \d+ warnings?)?$/);
  });

  it('reports a YAML syntax error with its location and exits 2', async () => {
    await write('broken.yaml', 'threatwright: 1\nsystem:\n  name: [unclosed\n');
    const r = await runCli(['validate', 'broken.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^✖ .* {2}→ broken\.yaml:\d+:\d+$/m);
    expect(r.stderr).toBe('');
  });

  it('lists errors before warnings', async () => {
    await write('m.yaml', BAD_ENUM);
    const r = await runCli(['validate', 'm.yaml'], { cwd: dir });
    const symbols = r.stdout.split('\n').filter((l) => /^[✖⚠]/.test(l)).slice(0, -1).map((l) => l[0]);
    expect(symbols).toEqual([...symbols].sort((a, b) => (a === '✖' ? 0 : 1) - (b === '✖' ? 0 : 1)));
  });

  it('checks every file given, reports a missing one as an error and still checks the others', async () => {
    await write('good.yaml', VALID);
    const r = await runCli(['validate', 'missing.yaml', 'good.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('✖ cannot read missing.yaml');
    expect(r.stdout).toContain('✖ missing.yaml is invalid: 1 error');
    expect(r.stdout).toContain('✔ good.yaml is valid: 2 components, 1 flow, 1 boundary');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toMatch(/^✖ 2 files: 1 valid, 1 not valid — 1 error, \d+ warnings?$/);
  });

  it('reads a model from standard input with -', async () => {
    const ok = await runCli(['validate', '-'], { cwd: dir, stdin: VALID });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('✔ <stdin> is valid: 2 components, 1 flow, 1 boundary\n');
    const bad = await runCli(['validate', '-'], { cwd: dir, stdin: MISSING_TARGET });
    expect(bad.code).toBe(2);
    expect(bad.stdout.split('\n')[0]).toBe('✖ F1: flow target "C9" does not exist  → <stdin>:14:9');
  });

  it('reads standard input only once', async () => {
    const r = await runCli(['validate', '-', '-'], { cwd: dir, stdin: VALID });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('✖ standard input (-) can be read only once\n');
  });

  it('follows include: — counts the merged model and points at the included file that holds a mistake', async () => {
    await write('threatmodel.yaml', `threatwright: 1\nsystem:\n  name: Shop\ninclude:\n  - teams/checkout.yaml\nassets:\n  - { id: A1, name: Card }\ncomponents:\n  - { id: C1, name: Browser, kind: external-entity }\n`);
    await write('teams/checkout.yaml', `components:\n  - { id: C10, name: Checkout, kind: process, assets: { processed: [A1] } }\nflows:\n  - { id: F10, from: C1, to: C10, data: [A1] }\n`);
    const ok = await runCli(['validate'], { cwd: dir });
    expect(ok.stdout).toBe('✔ threatmodel.yaml is valid: 2 components, 1 flow, 0 boundaries\n');
    expect(ok.code).toBe(0);
    await write('teams/checkout.yaml', `components:\n  - { id: C10, name: Checkout, kind: process, assets: { processed: [A1] } }\nflows:\n  - { id: F10, from: C1, to: C99, data: [A1] }\n`);
    const bad = await runCli(['validate'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stdout.split('\n')[0]).toBe('✖ F10: flow target "C99" does not exist  → teams/checkout.yaml:4:30');
    expect(bad.stdout).toContain('✖ threatmodel.yaml is invalid: 1 error');
  });

  it('searches a folder given as argument', async () => {
    await write('svc/threatmodel.yaml', VALID);
    const r = await runCli(['validate', 'svc'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('✔ svc/threatmodel.yaml is valid');
  });

  it('explains what it looked for when the folder has no model', async () => {
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('✖ no model file in . (looked for threatmodel.yaml, threatmodel.yml, threatmodel.json and *.threatwright.yaml)\n    Give the path of a model file, or run `threatwright init` to create one.\n');
  });

  it('prints versioned, deterministic JSON with flat issue locations', async () => {
    await write('m.yaml', BAD_ENUM);
    const a = await runCli(['validate', 'm.yaml', '--format', 'json'], { cwd: dir });
    const b = await runCli(['validate', '--format=json', 'm.yaml'], { cwd: dir });
    expect(a.code).toBe(2);
    expect(a.stdout).toBe(b.stdout);
    const out = JSON.parse(a.stdout) as { version: number; valid: boolean; files: { file: string; valid: boolean; counts: unknown; issues: Record<string, unknown>[] }[] };
    expect(out.version).toBe(1);
    expect(out.valid).toBe(false);
    expect(out.files[0]?.file).toBe('m.yaml');
    expect(out.files[0]?.counts).toBeNull();
    const issue = out.files[0]?.issues.find((i) => i['line'] === 16);
    expect(issue).toMatchObject({ severity: 'error', file: 'm.yaml', line: 16, column: 16, path: ['flows', 0, 'encrypted'] });
    expect(Object.keys(issue ?? {})).toEqual(['code', 'severity', 'message', 'path', 'file', 'line', 'column', 'subject', 'hint']);
  });

  it('reports counts for a valid model in JSON', async () => {
    await write('threatmodel.yaml', VALID);
    const r = await runCli(['validate', '--format', 'json'], { cwd: dir });
    const out = JSON.parse(r.stdout) as { valid: boolean; errors: number; files: { counts: Record<string, number> }[] };
    expect(out.valid).toBe(true);
    expect(out.errors).toBe(0);
    expect(out.files[0]?.counts).toEqual({ components: 2, flows: 1, boundaries: 1, assets: 1, threats: 0, mitigations: 0 });
  });

  it('prints GitHub Actions annotations with --format github, then the summary', async () => {
    await write('threatmodel.yaml', MISSING_TARGET);
    const r = await runCli(['validate', '--format', 'github'], { cwd: dir });
    expect(r.code).toBe(2);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^::error file=threatmodel\.yaml,line=14,col=9,title=threatwright [\w-]+ \(F1\)::flow target "C9" does not exist%0A\S/);
    expect(lines.filter((l) => l.startsWith('::warning file=threatmodel.yaml,line='))).toHaveLength(2);
    expect(lines.at(-1)).toBe('✖ threatmodel.yaml is invalid: 1 error, 2 warnings');
  });

  it('escapes annotation properties and messages so model text cannot end or forge a workflow command', () => {
    const line = githubAnnotation({ code: 'x', severity: 'error', message: 'bad\n::error::forged 100%', path: [], location: { file: 'a,b:c.yaml', line: 1, column: 2 }, subject: 'C1' }, 'm.yaml');
    expect(line).toBe('::error file=a%2Cb%3Ac.yaml,line=1,col=2,title=threatwright x (C1)::bad%0A::error::forged 100%25');
    expect(line.split('\n')).toHaveLength(1);
  });

  it('never colours output that is not a terminal, and colours it on one', async () => {
    await write('m.yaml', BAD_ENUM);
    expect((await runCli(['validate', 'm.yaml'], { cwd: dir })).stdout).not.toContain('\u001b[');
    expect((await runCli(['validate', 'm.yaml'], { cwd: dir, stdoutIsTTY: true })).stdout).toContain('\u001b[31m✖');
  });
});

describe('threatwright validate: the property vocabulary', () => {
  const withProperties = (props: string) => VALID.replace("    kind: process\n", `    kind: process\n    properties: { ${props} }\n`);

  it('warns about a misspelt property with the key it meant, and --strict fails on it', async () => {
    await write('threatmodel.yaml', withProperties('csrf_protecton: true'));
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('⚠ C2: unknown property `csrf_protecton`: no rule reads it  → threatmodel.yaml:18:19');
    expect(lines[1]).toMatch(/^ {4}Did you mean `csrf_protection`\? /);
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('✔ threatmodel.yaml is valid: 2 components, 1 flow, 1 boundary (1 warning)');
    const strict = await runCli(['validate', '--strict', '--format', 'json'], { cwd: dir });
    expect(strict.code).toBe(1);
    const out = JSON.parse(strict.stdout) as { warnings: number; files: { issues: { code: string; line: number; column: number }[] }[] };
    expect(out.warnings).toBe(1);
    expect(out.files[0]?.issues[0]).toMatchObject({ code: 'unknown-property', line: 18, column: 19 });
  });

  it('fails a property value of the wrong type, with the type it needs', async () => {
    await write('threatmodel.yaml', withProperties('rate_limiting: yes'));
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n')[0]).toBe('✖ C2: `rate_limiting` is the text "yes": expected true or false, e.g. `rate_limiting: true`  → threatmodel.yaml:18:34');
  });

  it('reports a schema error and a semantic error of the same file in one run', async () => {
    await write('threatmodel.yaml', MISSING_TARGET.replace('kind: process', 'kind: process\n    owner: [web]'));
    const r = await runCli(['validate'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('✖ '))).toEqual([
      '✖ C2: `owner` must be text, not a list  → threatmodel.yaml:11:12',
      '✖ F1: flow target "C9" does not exist  → threatmodel.yaml:15:9',
      '✖ threatmodel.yaml is invalid: 2 errors, 1 warning',
    ]);
  });
});

