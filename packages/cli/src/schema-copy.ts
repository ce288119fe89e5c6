/**
 * The JSON Schema a model's `# yaml-language-server: $schema=` line points at, kept in the user's own
 * repository: a path into this tool's installation breaks for every teammate who clones their
 * repository, and a URL needs the network. `threatwright schema --write`, `init` and `import` write
 * the schema of this version beside the model (`.threatwright/`), and the line points at it
 * relatively; `validate` says when the line points at nothing, or at a copy older than the tool.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { INCLUDE_SCHEMA_ID, includeJsonSchema, MODEL_SCHEMA_ID, modelJsonSchema, serializeJsonSchema, type Issue } from '@threatwright/core';
import { writeFileAtomic } from './files.js';
import { VERSION } from './version.js';

/** Where the copies go, relative to the model's folder. */
export const SCHEMA_DIR = '.threatwright';
export const MODEL_SCHEMA_FILE = 'threatwright.schema.json';
export const INCLUDE_SCHEMA_FILE = 'threatwright-include.schema.json';

const MODELINE = /^#\s*yaml-language-server:\s*\$schema=(\S+)\s*$/u;

const stamp = (schema: Record<string, unknown>) => ({ ...schema, $comment: `Written by threatwright ${VERSION}. Refresh with \`threatwright schema --write\` after upgrading.` });

/** The schema texts this version writes, each stamped with the version that wrote it. */
export function schemaTexts(): { model: string; include: string } {
  return { model: serializeJsonSchema(stamp(modelJsonSchema())), include: serializeJsonSchema(stamp(includeJsonSchema())) };
}

declare const __THREATWRIGHT_SCHEMA_DIGESTS__: Readonly<Record<string, string>> | undefined;
/** The bundle's digests of this version's schemas, by `$id` (absent when run from the sources). */
const DIGESTS = typeof __THREATWRIGHT_SCHEMA_DIGESTS__ === 'object' ? __THREATWRIGHT_SCHEMA_DIGESTS__ : undefined;

/** Whether `schema` (a copy without its stamp) is this version's schema for `id`: by digest in the bundle, else generated. */
function isCurrentSchema(id: string, schema: Record<string, unknown>): boolean {
  const text = JSON.stringify(schema);
  const digest = DIGESTS?.[id];
  if (digest !== undefined) return createHash('sha256').update(text).digest('hex') === digest;
  return text === currentSchema(id);
}

/** This version's schema for `id`, as data without the stamp: generated (tens of milliseconds) at most once per process. */
const current = new Map<string, string>();
function currentSchema(id: string): string {
  let text = current.get(id);
  if (text === undefined) {
    text = JSON.stringify(JSON.parse(serializeJsonSchema(id === MODEL_SCHEMA_ID ? modelJsonSchema() : includeJsonSchema())));
    current.set(id, text);
  }
  return text;
}

/** The schema line's value for a model at `modelFile` whose copies are in `dir` (both absolute). */
export function modelineValue(modelFile: string, schemaFile: string): string {
  const rel = path.relative(path.dirname(modelFile), schemaFile).split(path.sep).join('/');
  return rel.startsWith('./') || rel.startsWith('../') ? rel : `./${rel}`;
}

export interface WrittenSchemas {
  readonly model: string;
  readonly include: string;
  /** Which of the two files changed (absolute paths). */
  readonly changed: readonly string[];
}

/** Writes (or refreshes) both copies in `dir`; files that already hold this version's text are left alone. */
export async function writeSchemaCopies(dir: string, cwd: string): Promise<WrittenSchemas> {
  const texts = schemaTexts();
  const model = path.join(dir, MODEL_SCHEMA_FILE);
  const include = path.join(dir, INCLUDE_SCHEMA_FILE);
  const changed: string[] = [];
  for (const [file, text] of [[model, texts.model], [include, texts.include]] as const) {
    const now = await readFile(file, 'utf8').catch(() => undefined);
    if (now === text) continue;
    await writeFileAtomic(file, text, { force: true, cwd, mkdir: true });
    changed.push(file);
  }
  return { model, include, changed };
}

/** The `$schema=` value of a model text's schema line (in its first lines), with where it is. */
export function findModeline(text: string): { value: string; line: number; column: number } | undefined {
  const lines = text.split(/\r?\n/u, 20);
  for (let i = 0; i < lines.length; i++) {
    const m = MODELINE.exec(lines[i] ?? '');
    if (m?.[1] !== undefined) return { value: m[1], line: i + 1, column: (lines[i] ?? '').indexOf(m[1]) + 1 };
  }
  return undefined;
}

/** Replaces (or adds, as the first line) the schema line of a model text. */
export function withModeline(text: string, value: string): string {
  const line = `# yaml-language-server: $schema=${value}`;
  const found = findModeline(text);
  if (!found) return `${line}\n${text}`;
  const lines = text.split('\n');
  lines[found.line - 1] = (lines[found.line - 1] ?? '').endsWith('\r') ? `${line}\r` : line;
  return lines.join('\n');
}

/**
 * What `validate` says about a model's schema line: nothing for a URL or a copy that matches this
 * version; a warning when it points at a file that is not there (or not readable), or at a
 * Threatwright schema other than this version's.
 */
export async function schemaLineIssues(modelFile: string, shown: string, text: string): Promise<Issue[]> {
  const found = findModeline(text);
  if (!found || /^[a-z][a-z0-9+.-]*:\/\//iu.test(found.value)) return [];
  const location = { file: shown, line: found.line, column: found.column };
  const target = path.resolve(path.dirname(modelFile), found.value);
  const hint = `Run \`threatwright schema --write ${shown}\`: it writes this version's schema to ${SCHEMA_DIR}/ beside the model and points the line at it, so every clone of the repository resolves it.`;
  const copy = await readFile(target, 'utf8').catch(() => undefined);
  if (copy === undefined) {
    return [{ code: 'schema-line-unresolved', severity: 'warning', message: `the schema line points at ${found.value}, which does not exist here: editors get no completion or checking`, path: [], location, hint }];
  }
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(copy) as Record<string, unknown>;
  } catch {
    return [{ code: 'schema-line-unresolved', severity: 'warning', message: `the schema line points at ${found.value}, which is not JSON`, path: [], location, hint }];
  }
  const id = data['$id'];
  if (id !== MODEL_SCHEMA_ID && id !== INCLUDE_SCHEMA_ID) return [];
  const by = /threatwright (\S+)\./u.exec(typeof data['$comment'] === 'string' ? data['$comment'] : '')?.[1];
  // A copy this version wrote is this version's schema; any other (unstamped, or another version's) is compared.
  if (by === VERSION) return [];
  const { $comment: _stamp, ...schema } = data;
  if (isCurrentSchema(id, schema)) return [];
  return [{ code: 'schema-copy-outdated', severity: 'warning', message: `the schema at ${found.value} is not this version's (${by !== undefined ? `written by threatwright ${by}` : 'written by another version'}; this is ${VERSION}): editors may complete keys this version refuses, or miss new ones`, path: [], location, hint }];
}
