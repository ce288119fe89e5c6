/**
 * The fuzzing harness: each target is a property over generated inputs (fast-check) with one
 * contract, checked for every input: the code under test answers (a valid model, or a clear
 * error), never throws an unexpected exception, never takes longer than `MAX_INPUT_MS`, and never
 * grows the heap by more than `MAX_INPUT_BYTES`. `npm test` runs every target for a short budget
 * (fuzz/fuzz.test.ts); `npm run fuzz -- --seconds N` runs them for longer (scripts/fuzz.ts).
 *
 * Inputs that once broke a contract live in `fuzz/regressions/<target>/`, one file each, and are
 * replayed first on every run.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpus');
export const REGRESSIONS = path.join(ROOT, 'fuzz', 'regressions');

/** Longest one input may take, in milliseconds. */
export const MAX_INPUT_MS = 5_000;
/** Most one input may grow the heap by, in bytes. */
export const MAX_INPUT_BYTES = 512 * 1024 * 1024;

export interface FuzzTarget<T = string> {
  /** Short and stable: it names the folder of the target's regression fixtures. */
  name: string;
  /** Built when the target runs (seeds are read then). */
  arbitrary: () => fc.Arbitrary<T>;
  /** Runs one input; throws an Error saying which contract broke. */
  check: (input: T) => void | Promise<void>;
  /** A regression fixture's text as an input (default: the text itself). */
  fromFixture?: (text: string) => T;
  /** An input as a fixture's text (default: the input itself when it is a string, else JSON). */
  toFixture?: (input: T) => string;
}

/** Declares a target; keeps the input type tied to its functions. */
export function target<T>(t: FuzzTarget<T>): FuzzTarget<T> {
  return t;
}

export class ContractError extends Error {
  override name = 'ContractError';
}

/** Fails the input when `ok` is false. */
export function expect(ok: unknown, message: string): asserts ok {
  if (!ok) throw new ContractError(message);
}

/** Seed texts: files under `../shared/corpus/<folder>` (when present) and under the repository's own folders. */
export function seeds(options: { corpus?: readonly string[]; repo?: readonly string[]; ext?: RegExp }): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && e.name !== 'README.md' && (!options.ext || options.ext.test(e.name))) out.push(readFileSync(p, 'utf8'));
    }
  };
  for (const c of options.corpus ?? []) walk(path.join(CORPUS, c));
  for (const r of options.repo ?? []) walk(path.join(ROOT, r));
  return out;
}

/** Strings that break naive code: prototype keys, control and bidirectional characters, markup, huge numbers. */
export const HOSTILE = [
  'constructor', '__proto__', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
  '\u0000', '\u001b[31m', '\u001b]8;;http://x\u0007', '\r', '\n::error ::x', '\u2028', '\u2029', '\u202e', '\u2066', '\ufeff',
  '<script>alert(1)</script>', '"><img src=x onerror=1>', ']]>', '<!ENTITY x "y">', '&amp;', '{{x}}', '${x}', '`', '|', '"', "'", '\\',
  '@everyone', '@org/team', '[x](javascript:alert(1))', '-->', '*a', '&a', '!!js/function', '? ', ': ', '- ', '#', '%YAML 1.2',
  '-1', '0', '1e309', 'NaN', '9007199254740993', 'true', 'null', '~', '', ' ', '\t',
  '\ud800', '😀', 'Ａ', 'İ', 'ß',
];

/** A hostile string: one of `HOSTILE`, any unicode text, or a mixture of both. */
export function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constantFrom(...HOSTILE),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ maxLength: 8 })), { maxLength: 6 }).map((a) => a.join('')),
  );
}

type Edit =
  | { kind: 'replace'; at: number; len: number; with: string }
  | { kind: 'duplicate'; at: number; len: number }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'nest'; at: number; depth: number; open: string };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), len: fc.nat({ max: 12 }), with: hostileString() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), len: fc.nat({ max: 400 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat({ max: 200 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('nest' as const), at: fc.nat(), depth: fc.integer({ min: 1, max: 400 }), open: fc.constantFrom('[', '{', '- ', '<a>', '  ') }) },
);

function apply(text: string, e: Edit): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  switch (e.kind) {
    case 'replace':
      return text.slice(0, at) + e.with + text.slice(at + e.len);
    case 'duplicate':
      return text.slice(0, at + e.len) + text.slice(at, at + e.len) + text.slice(at + e.len);
    case 'delete':
      return text.slice(0, at) + text.slice(at + e.len);
    case 'nest':
      return text.slice(0, at) + e.open.repeat(e.depth) + text.slice(at);
  }
}

/** Texts made from `base` (real files) by a few random edits: most stay close to valid, which reaches deep code. */
export function mutatedText(base: readonly string[]): fc.Arbitrary<string> {
  const from = base.length > 0 ? fc.constantFrom(...base) : fc.string();
  return fc.tuple(from, fc.array(edit, { minLength: 0, maxLength: 4 })).map(([text, edits]) => edits.reduce(apply, text));
}

export interface TargetRun {
  name: string;
  runs: number;
  regressions: number;
  /** Slowest input, in milliseconds. */
  slowestMs: number;
  failure?: string;
}

async function once<T>(t: FuzzTarget<T>, input: T, stats: { slowestMs: number }): Promise<void> {
  const heap = process.memoryUsage().heapUsed;
  const started = performance.now();
  await t.check(input);
  const ms = performance.now() - started;
  stats.slowestMs = Math.max(stats.slowestMs, ms);
  if (ms > MAX_INPUT_MS) throw new ContractError(`took ${Math.round(ms)} ms (limit ${MAX_INPUT_MS} ms)`);
  const grown = process.memoryUsage().heapUsed - heap;
  if (grown > MAX_INPUT_BYTES) throw new ContractError(`grew the heap by ${Math.round(grown / 2 ** 20)} MiB (limit ${MAX_INPUT_BYTES / 2 ** 20} MiB)`);
}

/** The regression fixtures of a target: [file name, input]. */
export function regressions<T>(t: FuzzTarget<T>): [string, T][] {
  const dir = path.join(REGRESSIONS, t.name);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => !f.startsWith('.') && f !== 'README.md')
    .sort()
    .map((f) => {
      const text = readFileSync(path.join(dir, f), 'utf8');
      return [f, t.fromFixture ? t.fromFixture(text) : (text as unknown as T)];
    });
}

export function fixtureText<T>(t: FuzzTarget<T>, input: T): string {
  if (t.toFixture) return t.toFixture(input);
  return typeof input === 'string' ? input : JSON.stringify(input);
}

/**
 * Replays the target's regression fixtures, then runs generated inputs for `seconds` (or until
 * `maxRuns`). Returns the counts and the first failure, shrunk, with the input as fixture text.
 */
export async function runTarget<T>(t: FuzzTarget<T>, options: { seconds: number; seed?: number; maxRuns?: number }): Promise<TargetRun & { counterexample?: string }> {
  const stats = { slowestMs: 0 };
  const fixtures = regressions(t);
  for (const [file, input] of fixtures) {
    try {
      await once(t, input, stats);
    } catch (err) {
      return { name: t.name, runs: 0, regressions: fixtures.length, slowestMs: stats.slowestMs, failure: `regression ${file}: ${describe(err)}` };
    }
  }
  let runs = 0;
  const result = await fc.check(
    fc.asyncProperty(t.arbitrary(), async (input) => {
      runs++;
      await once(t, input, stats);
    }),
    { interruptAfterTimeLimit: options.seconds * 1000, numRuns: options.maxRuns ?? Number.MAX_SAFE_INTEGER, ...(options.seed !== undefined ? { seed: options.seed } : {}), endOnFailure: false },
  );
  const base = { name: t.name, runs, regressions: fixtures.length, slowestMs: stats.slowestMs };
  if (!result.failed) return base;
  const input = result.counterexample?.[0];
  return {
    ...base,
    failure: `${describe(result.errorInstance)} (seed ${result.seed}, path ${result.counterexamplePath ?? ''})`,
    ...(input !== undefined ? { counterexample: fixtureText(t, input) } : {}),
  };
}

function describe(err: unknown): string {
  if (err instanceof ContractError) return err.message;
  if (err instanceof Error) return `threw ${err.name}: ${err.message}\n${err.stack ?? ''}`;
  return `threw ${String(err)}`;
}
