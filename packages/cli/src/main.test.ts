import { describe, expect, it } from 'vitest';
import { UserError } from './errors.js';
import { ExitCode } from './exit-codes.js';
import { loadCommandSpecs, VERSION } from './main.js';
import { runCli, runSpec } from './testing.js';
import type { CommandSpec } from './types.js';

const cwd = process.cwd();
const ANSI = new RegExp(String.fromCharCode(27) + '\\[');

/** A command outside the registry, to exercise the framework. */
function spec(run: CommandSpec['run'], extra: Partial<CommandSpec> = {}): CommandSpec {
  return {
    name: 'demo',
    group: 'Model',
    summary: 'A demo command',
    arguments: [{ name: 'file', description: 'A file.', optional: true }],
    options: {
      format: { type: 'string', choices: ['text', 'json'], default: 'text', description: 'Output format.' },
      out: { type: 'string', short: 'o', valueName: 'file', description: 'Where to write.' },
      tag: { type: 'string', multiple: true, description: 'A tag.' },
      force: { type: 'boolean', short: 'f', description: 'Overwrite.' },
    },
    examples: [{ command: 'threatwright demo x.yaml', description: 'demo a file' }],
    exitCodes: { 0: 'Fine.', 2: 'Bad input.' },
    run,
    ...extra,
  };
}

describe('threatwright (top level)', () => {
  it('lists the commands grouped, with global options and exit codes, on --help', async () => {
    const r = await runCli(['--help'], { cwd });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`threatwright ${VERSION} — threat modeling as code`);
    expect(r.stdout).toMatch(/Model\n(?: {2}\S.*\n)* {2}validate +Check model files/);
    expect(r.stdout).toMatch(/\nModel\n(?: {2}\S.*\n)* {2}init +Start a threat model/);
    expect(r.stdout).toMatch(/\nCI and workflow\n(?: {2}\S.*\n)* {2}completion +Print the shell completion/);
    expect(r.stdout).toContain('Global options');
    expect(r.stdout).toMatch(/\n {2}130 +Interrupted/);
    expect(r.stderr).toBe('');
  });

  it('prints the overview to stderr and exits 2 when no command is given', async () => {
    const r = await runCli([], { cwd });
    expect(r.code).toBe(ExitCode.invalid);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage\n  threatwright <command> [options]');
  });

  it('prints the version with --version and -v', async () => {
    for (const flag of ['--version', '-v']) {
      const r = await runCli([flag], { cwd });
      expect(r).toEqual({ code: 0, stdout: `${VERSION}\n`, stderr: '' });
    }
  });

  it('suggests the closest command for an unknown one and exits 2', async () => {
    const r = await runCli(['valdiate'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('✖ unknown command "valdiate"\n    Did you mean validate? Run `threatwright --help` to list the commands.\n');
  });

  it('does not suggest anything for a word far from every command', async () => {
    const r = await runCli(['xyzzy'], { cwd });
    expect(r.stderr).toBe('✖ unknown command "xyzzy"\n    Run `threatwright --help` to list the commands.\n');
  });

  it('explains that a model file given without a command needs one', async () => {
    const r = await runCli(['examples/blog/threatmodel.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^✖ "examples\/blog\/threatmodel\.yaml" is not a command\n {4}To work on a model, name the command first, e\.g\. `threatwright (analyze|validate) examples\/blog\/threatmodel\.yaml`\./);
  });

  it('suggests the closest global option for an unknown one', async () => {
    const r = await runCli(['--verison'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('✖ unknown option --verison\n    Did you mean --version? Run `threatwright --help` to list the commands.\n');
  });

  it('treats `help <command>` like `<command> --help`', async () => {
    const a = await runCli(['help', 'validate'], { cwd });
    const b = await runCli(['validate', '--help'], { cwd });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('gives every registered command a complete --help: usage, options with descriptions, examples, exit codes', async () => {
    const specs = await loadCommandSpecs();
    expect(specs.map((s) => s.name)).toContain('validate');
    for (const s of specs) {
      const r = await runCli([s.name, '--help'], { cwd });
      expect(r.code, s.name).toBe(0);
      expect(r.stdout, s.name).toContain(`Usage\n  threatwright ${s.name}`);
      expect(r.stdout, s.name).toMatch(/Options\n[\s\S]*-h, --help +Show this help\./);
      expect(r.stdout, s.name).toContain('Examples\n');
      expect(r.stdout, s.name).toContain('Exit codes\n');
      for (const [name, o] of Object.entries(s.options)) {
        expect(o.description.trim(), `${s.name} --${name}`).not.toBe('');
        expect(r.stdout, `${s.name} --${name}`).toContain(`--${name}`);
      }
      expect(s.examples.length, s.name).toBeGreaterThan(0);
    }
  });
});

describe('command framework', () => {
  it('parses options, shorts, repeated options and defaults', async () => {
    let seen: unknown;
    const r = await runSpec(spec((ctx) => { seen = { values: ctx.values, positionals: ctx.positionals }; return Promise.resolve(0); }), ['x.yaml', '-o', 'out.md', '--tag', 'a', '--tag=b', '-f'], { cwd });
    expect(r.code).toBe(0);
    expect(seen).toEqual({ values: { out: 'out.md', tag: ['a', 'b'], force: true, format: 'text' }, positionals: ['x.yaml'] });
  });

  it('renders help with aligned options, value placeholders, defaults and examples', async () => {
    const r = await runSpec(spec(() => Promise.resolve(0)), ['--help'], { cwd });
    expect(r.stdout).toBe(
      [
        'threatwright demo — A demo command',
        '',
        'Usage',
        '  threatwright demo [file] [options]',
        '',
        'Arguments',
        '  file  A file.',
        '',
        'Options',
        '      --format <text|json>  Output format. Default: text.',
        '  -o, --out <file>          Where to write.',
        '      --tag <value>         A tag. Repeatable.',
        '  -f, --force               Overwrite.',
        '  -h, --help                Show this help.',
        '',
        'Examples',
        '  # demo a file',
        '  $ threatwright demo x.yaml',
        '',
        'Exit codes',
        '  0  Fine.',
        '  2  Bad input.',
        '',
      ].join('\n'),
    );
  });

  it('rejects an unknown option with a suggestion and exit 2', async () => {
    const r = await runSpec(spec(() => Promise.resolve(0)), ['--fromat', 'json'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('✖ unknown option --fromat for `threatwright demo`\n    Did you mean --format? Run `threatwright demo --help` for its usage.\n');
  });

  it('rejects a value outside the choices with a suggestion', async () => {
    const r = await runSpec(spec(() => Promise.resolve(0)), ['--format', 'jsno'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('✖ option --format must be one of text, json (got "jsno")\n    Did you mean --format json?\n');
  });

  it('rejects a string option without a value, and a value given to a flag', async () => {
    const a = await runSpec(spec(() => Promise.resolve(0)), ['--out'], { cwd });
    expect(a.code).toBe(2);
    expect(a.stderr).toContain('✖ option --out needs a value');
    const b = await runSpec(spec(() => Promise.resolve(0)), ['--force=yes'], { cwd });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('✖ option --force takes no value (got "yes")');
  });

  it('takes an option that follows a string option as a forgotten value, not as the value', async () => {
    const r = await runSpec(spec(() => Promise.resolve(0)), ['--out', '--force'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('✖ option --out needs a value, but the next argument is the option --force\n    To give a value that starts with "-", write --out=--force.\n');
    let seen: unknown;
    const ok = await runSpec(spec((ctx) => { seen = ctx.values['out']; return Promise.resolve(0); }), ['--out=--force'], { cwd });
    expect(ok.code).toBe(0);
    expect(seen).toBe('--force');
  });

  it('rejects extra positional arguments', async () => {
    const r = await runSpec(spec(() => Promise.resolve(0)), ['a.yaml', 'b.yaml'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('✖ `threatwright demo` takes at most 1 argument; unexpected "b.yaml"');
  });

  it('asks for a required argument', async () => {
    const r = await runSpec(spec(() => Promise.resolve(0), { arguments: [{ name: 'file', description: 'A file.' }] }), [], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('✖ `threatwright demo` needs <file>');
  });

  it('prints a UserError as a message with its hint and exit code, without a stack trace', async () => {
    const r = await runSpec(spec(() => Promise.reject(new UserError('x.yaml already exists', ExitCode.conflict, 'Use --force.'))), [], { cwd });
    expect(r).toEqual({ code: 3, stdout: '', stderr: '✖ x.yaml already exists\n    Use --force.\n' });
  });

  it('maps any other error to exit 70 and asks for a bug report', async () => {
    const r = await runSpec(spec(() => Promise.reject(new TypeError('boom'))), [], { cwd });
    expect(r.code).toBe(70);
    expect(r.stderr).toContain('✖ internal error in `threatwright demo`: TypeError: boom');
    expect(r.stderr).toContain('This is a bug in Threatwright, not in your input. Please report it');
  });
});

describe('colours', () => {
  const paint = spec((ctx) => { ctx.stdout(ctx.style.red('x')); ctx.stderr(ctx.errStyle.red('y')); return Promise.resolve(0); });

  it('are off when stdout is not a terminal', async () => {
    const r = await runSpec(paint, [], { cwd });
    expect(r.stdout).toBe('x');
  });

  it('are on for a terminal', async () => {
    const r = await runSpec(paint, [], { cwd, stdoutIsTTY: true });
    expect(r.stdout).toMatch(ANSI);
  });

  it('are never used with NO_COLOR, even on a terminal or with FORCE_COLOR', async () => {
    const r = await runSpec(paint, [], { cwd, stdoutIsTTY: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
    expect(r.stdout + r.stderr).not.toMatch(ANSI);
  });

  it('ignore an empty NO_COLOR, as the convention says', async () => {
    const r = await runSpec(paint, [], { cwd, stdoutIsTTY: true, env: { NO_COLOR: '' } });
    expect(r.stdout).toMatch(ANSI);
  });

  it('are forced on by FORCE_COLOR and off by FORCE_COLOR=0', async () => {
    expect((await runSpec(paint, [], { cwd, env: { FORCE_COLOR: '1' } })).stdout).toMatch(ANSI);
    expect((await runSpec(paint, [], { cwd, stdoutIsTTY: true, env: { FORCE_COLOR: '0' } })).stdout).not.toMatch(ANSI);
  });

  it('are off on TERM=dumb', async () => {
    expect((await runSpec(paint, [], { cwd, stdoutIsTTY: true, env: { TERM: 'dumb' } })).stdout).not.toMatch(ANSI);
  });

  it('follow --no-color and --color anywhere on the command line', async () => {
    expect((await runSpec(paint, ['--no-color'], { cwd, stdoutIsTTY: true })).stdout).not.toMatch(ANSI);
    expect((await runSpec(paint, ['--color'], { cwd })).stdout).toMatch(ANSI);
    const r = await runCli(['--no-color', 'validate', '--help'], { cwd, stdoutIsTTY: true });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(ANSI);
  });

  it('are decided for stderr on its own', async () => {
    const r = await runSpec(paint, [], { cwd, stdoutIsTTY: false, stderrIsTTY: true });
    expect(r.stdout).toBe('x');
    expect(r.stderr).toMatch(ANSI);
  });
});
