/**
 * In-process runs of the CLI for tests: `runCli(['validate', 'x.yaml'], { cwd })` returns the
 * exit code and everything written to stdout and stderr. Used by every command's tests.
 */
import { Readable } from 'node:stream';
import { main, runCommand, type CliIO } from './main.js';
import type { CommandSpec } from './types.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface FakeIO {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  stdinIsTTY?: boolean;
  /** Lines typed at prompts (each followed by a newline), or raw text. */
  stdin?: string[] | string;
}

function fakeIO(options: FakeIO, out: string[], err: string[]): CliIO {
  const input = options.stdin;
  return {
    cwd: options.cwd,
    // A clean environment by default, so the developer's NO_COLOR or FORCE_COLOR never changes a test.
    env: options.env ?? {},
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    ...(options.stderrIsTTY !== undefined ? { stderrIsTTY: options.stderrIsTTY } : {}),
    stdinIsTTY: options.stdinIsTTY ?? false,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    ...(input !== undefined ? { stdin: () => Readable.from([typeof input === 'string' ? input : input.map((l) => `${l}\n`).join('')]) } : {}),
  };
}

export async function runCli(argv: string[], options: FakeIO): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, fakeIO(options, out, err));
  return { code, stdout: out.join(''), stderr: err.join('') };
}

/** Runs a command spec that is not in the registry (for testing the framework itself). */
export async function runSpec(command: CommandSpec, argv: string[], options: FakeIO): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCommand(command, argv, fakeIO(options, out, err));
  return { code, stdout: out.join(''), stderr: err.join('') };
}
