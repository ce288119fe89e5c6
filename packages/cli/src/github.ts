/**
 * GitHub Actions' side of the CLI: workflow commands (annotations on the lines of a pull request),
 * paths as the runner expects them (relative to the repository's workspace), and the files the
 * runner reads after a step (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT). Only the command-line shell
 * writes them; the numbers and texts come from core and render like every other output's.
 */
import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { terminalText } from '@threatwright/render/escape';
import { UserError } from './errors.js';
import { ExitCode } from './exit-codes.js';

/** Workflow-command escaping of the message part; control and invisible characters are shown first (the log is a terminal). */
export function ghData(text: string): string {
  return terminalText(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Workflow-command escaping of a property value, which also escapes `:` and `,`. */
export function ghProperty(text: string): string {
  return ghData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface AnnotationPlace {
  file: string;
  line?: number | undefined;
  column?: number | undefined;
  title?: string | undefined;
}

/** `::error file=…,line=…,col=…,title=…::message`: shown by GitHub on that line of the pull request's diff. */
export function annotation(level: AnnotationLevel, place: AnnotationPlace, message: string): string {
  const props = [`file=${ghProperty(place.file)}`];
  if (place.line !== undefined) props.push(`line=${String(place.line)}`);
  if (place.column !== undefined) props.push(`col=${String(place.column)}`);
  if (place.title !== undefined) props.push(`title=${ghProperty(place.title)}`);
  return `::${level} ${props.join(',')}::${ghData(message)}`;
}

/**
 * A file as the runner names it: relative to the repository's workspace (GITHUB_WORKSPACE) when
 * the command ran in a sub-folder, with forward slashes; as shown otherwise.
 */
export function workspacePath(file: string, cwd: string, env: NodeJS.ProcessEnv): string {
  const workspace = env['GITHUB_WORKSPACE'];
  if (workspace === undefined || workspace === '') return file.split(path.sep).join('/');
  const rel = path.relative(workspace, path.resolve(cwd, file));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return file.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}

/** A link to a line of a file at the commit being built, when the runner says which one. */
export function blobLink(file: string, line: number, env: NodeJS.ProcessEnv): string | undefined {
  const server = env['GITHUB_SERVER_URL'];
  const repo = env['GITHUB_REPOSITORY'];
  const sha = env['GITHUB_SHA'];
  if (!server || !repo || !sha || !/^[0-9a-f]{7,64}$/iu.test(sha) || !/^[\w.-]+\/[\w.-]+$/u.test(repo) || !/^https?:\/\/[^\s()<>]+$/u.test(server)) return undefined;
  const encoded = file.split('/').map(encodeURIComponent).join('/');
  return `${server.replace(/\/+$/u, '')}/${repo}/blob/${sha}/${encoded}#L${String(line)}`;
}

/**
 * Appends to a file the runner named in an environment variable (GITHUB_STEP_SUMMARY,
 * GITHUB_OUTPUT); nothing when it is not set. Returns whether it wrote.
 */
export async function appendToRunnerFile(env: NodeJS.ProcessEnv, name: 'GITHUB_STEP_SUMMARY' | 'GITHUB_OUTPUT', text: string): Promise<boolean> {
  const file = env[name];
  if (file === undefined || file === '') return false;
  try {
    await appendFile(file, text, 'utf8');
  } catch (e) {
    const why = e instanceof Error && 'code' in e ? String((e as NodeJS.ErrnoException).code) : 'unknown error';
    throw new UserError(`cannot append to ${name} (${file}): ${why}`, ExitCode.invalid, `${name} must name a file this step may write; the runner sets it, so unset it outside GitHub Actions.`);
  }
  return true;
}

/** Step outputs in the runner's `name=value` form; values are words and numbers, never model text. */
export function outputLines(values: Readonly<Record<string, string>>): string {
  let out = '';
  for (const [k, v] of Object.entries(values)) {
    if (/[\r\n]/u.test(v)) throw new Error(`output ${k} spans lines`);
    out += `${k}=${v}\n`;
  }
  return out;
}
