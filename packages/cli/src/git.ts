/**
 * The git command line, the one way the CLI reads a repository (never `.git` by hand): synchronous
 * for the revision readers, asynchronous where independent calls can run at once.
 */
import { execFile, execFileSync } from 'node:child_process';

export interface GitOptions {
  /** Bytes of output allowed (default 1 MiB synchronously, 64 MiB asynchronously). */
  readonly maxBuffer?: number;
  /** Text for the command's standard input (`git cat-file --batch`). */
  readonly input?: string;
  /** Milliseconds before the command is stopped. */
  readonly timeout?: number;
}

/** A git command's output; throws when it fails. */
export function gitSync(args: readonly string[], cwd: string, options: GitOptions = {}): Buffer {
  return execFileSync('git', args, {
    cwd,
    maxBuffer: options.maxBuffer ?? 1024 * 1024,
    stdio: [options.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
    windowsHide: true,
    ...(options.input !== undefined ? { input: options.input } : {}),
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
  });
}

/** A git command's output, or undefined when it fails. */
export function tryGitSync(args: readonly string[], cwd: string, options: GitOptions = {}): Buffer | undefined {
  try {
    return gitSync(args, cwd, options);
  } catch {
    return undefined;
  }
}

/** A git command's output as text, or undefined when it fails. */
export function gitText(args: readonly string[], cwd: string, options: GitOptions = {}): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: options.maxBuffer ?? 64 * 1024 * 1024, windowsHide: true, ...(options.timeout !== undefined ? { timeout: options.timeout } : {}) }, (err, stdout) => {
      resolve(err ? undefined : stdout);
    });
  });
}
