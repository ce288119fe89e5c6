/**
 * Model text on the terminal: whatever a model, a results file or a tracker says, what the CLI
 * prints for people holds no control or invisible character but its own colours and line feeds,
 * and no line a CI runner would read as a workflow command (`::error`, `::add-mask::`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { githubAnnotation } from './commands/validate/index.js';
import { runCli, runSpec } from './testing.js';
import type { CommandSpec } from './types.js';

/** The injections of the red-team report, in one string. */
const HOSTILE = 'Forged\n::error file=x.yaml,line=1::pwned\r\n::add-mask::secret\u001b]8;;http://evil.example\u0007link\u001b]8;;\u0007 \u001b[8mhidden\u001b[0m \u202Eevil\u2066x\u2069 \u2028 \u009b31m \u200b';

/** Fails with the first way `text` could act on a terminal or a CI runner. */
export function expectTerminalSafe(text: string, colours = false): void {
  // eslint-disable-next-line no-control-regex
  const withoutColours = colours ? text.replace(/\u001b\[[0-9;]*m/gu, '') : text;
  // eslint-disable-next-line no-control-regex
  expect(withoutColours).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/u);
  expect(withoutColours).not.toMatch(/(?![\u200c\u200d])\p{Cf}|[\u2028\u2029]/u);
  for (const line of withoutColours.split('\n')) expect(line.trimStart().startsWith('::'), `a line starts with "::": ${JSON.stringify(line)}`).toBe(false);
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'tw-terminal-'));
  const model = {
    threatwright: 1,
    system: { name: HOSTILE },
    boundaries: [{ id: 'B1', name: HOSTILE, trust: 'untrusted' }],
    components: [
      { id: 'C1', name: HOSTILE, kind: 'external-entity', boundary: 'B1' },
      { id: 'C2', name: HOSTILE, kind: 'process', type: 'api', description: HOSTILE },
    ],
    flows: [{ id: 'F1', from: 'C1', to: 'C2', protocol: 'http', label: HOSTILE }],
    threats: [{ id: 'T1', title: HOSTILE, description: HOSTILE, category: 'spoofing', elements: ['C2'], status: 'open', likelihood: 5, impact: 5, mitigations: ['R1'] }],
    mitigations: [{ id: 'R1', title: HOSTILE, status: 'proposed', due: '2020-01-01', owner: HOSTILE, verification: { test: HOSTILE } }],
  };
  await writeFile(path.join(dir, 'threatmodel.json'), JSON.stringify(model, null, 2));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('model text on the terminal', () => {
  it('check: a threat title cannot become a workflow command, move the cursor or hide text (I1)', async () => {
    const run = await runCli(['check', 'threatmodel.json', '--today', '2026-01-01'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('T1');
    // Folded onto the title's line, so `::error` starts no line of its own.
    expect(run.stdout).toContain('T1  Forged ⏎ ::error file=x.yaml,line=1::pwned ⏎ ::add-mask::secret⟨U+001B⟩]8;;');
    expectTerminalSafe(run.stdout);
    expectTerminalSafe(run.stderr);
  });

  it('check with colours keeps its own colour sequences and nothing else', async () => {
    const run = await runCli(['check', 'threatmodel.json', '--today', '2026-01-01', '--color'], { cwd: dir });
    expect(run.stdout).toContain('\u001b[31m');
    expect(run.stdout).not.toContain('\u001b[8m');
    expect(run.stdout).toContain('⟨U+001B⟩[8mhidden');
    expectTerminalSafe(run.stdout, true);
  });

  it('analyze: bidirectional overrides and isolates are shown, not obeyed (I3)', async () => {
    const run = await runCli(['analyze', 'threatmodel.json', '--all'], { cwd: dir });
    expect(run.stdout).toContain('⟨U+202E⟩evil⟨U+2066⟩x⟨U+2069⟩');
    expectTerminalSafe(run.stdout);
    expectTerminalSafe(run.stderr);
  });

  it.each([
    ['validate', 'threatmodel.json'],
    ['verify', 'threatmodel.json', '--junit', 'results.xml', '--dry-run'],
    ['backlog', 'threatmodel.json', '--to', 'github', '--repo', 'acme/shop'],
    ['adopt', 'threatmodel.json', '--all', '--dry-run'],
    ['export', 'threatmodel.json', '--to', 'threat-composer', '-o', 'out.tc.json', '--force'],
    ['export', 'threatmodel.json', '--to', 'threat-dragon', '-o', 'out.td.json', '--force'],
    ['report', 'threatmodel.json', '-o', 'out.md', '--force'],
    ['diagram', 'threatmodel.json', '-o', 'out.mmd', '--force'],
  ])('%s prints nothing a terminal or a CI runner would act on', async (...argv) => {
    await writeFile(path.join(dir, 'results.xml'), `<testsuite name="s"><testcase name="${HOSTILE.replace(/[<&"]/gu, '')}"><failure message="${'\u001b[2J'.replace(/[<&"]/gu, '')}"/></testcase></testsuite>`);
    const run = await runCli(argv, { cwd: dir });
    expect(run.code, run.stderr).toBeLessThan(3);
    expectTerminalSafe(run.stdout);
    expectTerminalSafe(run.stderr);
  });
});

describe('export notes', () => {
  it('show a diagram name from the model on one line, literally (I2)', async () => {
    const model = {
      threatwright: 1,
      system: { name: 'S' },
      components: [
        { id: 'C1', name: 'A', kind: 'process', tags: [`diagram:${HOSTILE}`] },
        { id: 'C2', name: 'B', kind: 'process', tags: ['diagram:other'] },
      ],
      flows: [{ id: 'F1', from: 'C1', to: 'C2' }],
    };
    await writeFile(path.join(dir, 'notes.json'), JSON.stringify(model));
    const run = await runCli(['export', 'notes.json', '--to', 'threat-dragon', '-o', 'notes.td.json', '--force'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('flow F1: goes from one diagram to another (Forged ⏎ ::error file=x.yaml,line=1::pwned ⏎ ::add-mask::secret⟨U+001B⟩]8;;');
    expectTerminalSafe(run.stderr);
  });
});

describe('the terminal filter on every command', () => {
  const spec: CommandSpec = {
    name: 'say',
    group: 'Model',
    summary: 'prints its argument',
    arguments: [{ name: 'text', description: 'what to print', optional: true }],
    options: {},
    examples: [],
    exitCodes: { 0: 'ok' },
    run: (ctx) => {
      ctx.print(`${ctx.style.red('out')} ${ctx.positionals[0] ?? ''}\n`);
      ctx.stderr(`${ctx.errStyle.yellow('note')}: ${ctx.positionals[0] ?? ''}\n`);
      ctx.stdout(ctx.positionals[0] ?? '');
      return Promise.resolve(0);
    },
  };

  it('shows control and invisible characters on stdout and stderr, and no line starts with "::" (I2)', async () => {
    const run = await runSpec(spec, [HOSTILE], { cwd: dir });
    // Data (ctx.stdout) is written byte for byte: its format's escaper answers for it.
    expect(run.stdout.endsWith(HOSTILE)).toBe(true);
    expectTerminalSafe(run.stdout.slice(0, -HOSTILE.length));
    expectTerminalSafe(run.stderr);
    expect(run.stderr).toContain('⟨U+001B⟩]8;;http://evil.example⟨U+0007⟩');
    expect(run.stderr).toContain('\n⟨U+003A⟩:error file=x.yaml');
  });

  it('keeps the CLI\'s colours when colours are on, and shows a colour sequence when they are off', async () => {
    const on = await runSpec(spec, ['x'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(on.stdout.startsWith('\u001b[31mout\u001b[39m x\n')).toBe(true);
    expect(on.stderr.startsWith('\u001b[33mnote\u001b[39m: x\n')).toBe(true);
    const off = await runSpec(spec, ['\u001b[31mred'], { cwd: dir });
    expect(off.stderr).toBe('note: ⟨U+001B⟩[31mred\n');
  });

  it('judges a line split over two writes as one line', async () => {
    const split: CommandSpec = { ...spec, run: (ctx) => { ctx.print('  :'); ctx.print(':error::x\n:'); ctx.print(': ok\n'); return Promise.resolve(0); } };
    const run = await runSpec(split, [], { cwd: dir });
    expectTerminalSafe(run.stdout);
  });
});

describe('GitHub Actions annotations', () => {
  it('escape data by the runner\'s rules and show control characters, so a message is one command', () => {
    const line = githubAnnotation({ code: 'x', severity: 'warning', message: HOSTILE, path: [], location: { file: 'a\u001b[2J,b.yaml', line: 1, column: 2 }, subject: 'C1' }, 'm.yaml');
    expect(line.startsWith('::warning file=a⟨U+001B⟩[2J%2Cb.yaml,line=1,col=2,title=threatwright x (C1)::Forged%0A::error file=x.yaml')).toBe(true);
    expect(line).not.toMatch(/[\n\r]/u);
    expectTerminalSafe(line.replace(/^::warning /u, ''));
  });
});

