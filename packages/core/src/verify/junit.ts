/**
 * JUnit XML -> test outcomes. JUnit XML is what every test runner can emit (vitest, jest-junit,
 * pytest, Maven Surefire, go-junit-report, …), so it is the one evidence format we read.
 *
 * Parsed here with fast-xml-parser rather than in the CLI so that the CLI, the server and CI get
 * the same answer from the same bytes; the parser is pure JavaScript with no I/O, and nothing is
 * evaluated: a file with a DOCTYPE (the only way to declare entities) is refused.
 */
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';

export type TestOutcome = 'passed' | 'failed' | 'skipped';

export interface TestCaseResult {
  /** The testcase's name, e.g. "login > blocks the 6th failed login within a minute". */
  readonly name: string;
  readonly classname?: string;
  /** The enclosing testsuite's name (often the file). */
  readonly suite?: string;
  readonly file?: string;
  readonly outcome: TestOutcome;
  /** The failure or error message, when it failed. */
  readonly message?: string;
  /** Which results file it came from. */
  readonly source: string;
}

export interface JUnitParseResult {
  readonly tests: readonly TestCaseResult[];
  /** Why the file could not be read as JUnit XML; the tests found are empty then. */
  readonly error?: { readonly message: string; readonly line?: number; readonly column?: number };
}

/** Files larger than this are refused rather than parsed. */
export const MAX_JUNIT_BYTES = 64 * 1024 * 1024;

type Node = Record<string, unknown>;

const asArray = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
const attr = (n: Node, name: string): string | undefined => {
  const v = n[`@_${name}`];
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined;
};

function messageOf(n: unknown): string | undefined {
  if (typeof n === 'string') return n.trim().split('\n')[0];
  if (!isNode(n)) return undefined;
  const m = attr(n, 'message') ?? (typeof n['#text'] === 'string' ? n['#text'] : undefined);
  return m?.trim().split('\n')[0];
}

export function parseJUnit(text: string, source: string): JUnitParseResult {
  if (text.length > MAX_JUNIT_BYTES) return { tests: [], error: { message: `the file is larger than ${String(MAX_JUNIT_BYTES / 1024 / 1024)} MiB` } };
  const doctype = /<!DOCTYPE/i.exec(text);
  if (doctype) {
    const before = text.slice(0, doctype.index).split('\n');
    return { tests: [], error: { message: 'the file declares a DOCTYPE, which JUnit reports never do; refused rather than expanding its entities', line: before.length, column: (before.at(-1)?.length ?? 0) + 1 } };
  }
  try {
    SyntaxValidator.validate(text, { docType: { maxEntityCount: 0, maxEntitySize: 0 } });
  } catch (err) {
    const e = err as { message?: unknown; line?: unknown; col?: unknown };
    const raw = typeof e.message === 'string' ? e.message : String(err);
    return { tests: [], error: { message: `not well-formed XML: ${raw.split('\n')[0] ?? raw}`, ...(typeof e.line === 'number' ? { line: e.line, column: typeof e.col === 'number' ? e.col : 1 } : {}) } };
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    parseTagValue: false,
    processEntities: true,
    htmlEntities: false,
    isArray: (name) => name === 'testsuite' || name === 'testcase' || name === 'failure' || name === 'error',
  });
  let doc: Node;
  try {
    doc = parser.parse(text) as Node;
  } catch (err) {
    return { tests: [], error: { message: err instanceof Error ? err.message : String(err) } };
  }
  const roots = [...asArray(doc.testsuites), ...asArray(doc.testsuite)];
  if (roots.length === 0) return { tests: [], error: { message: 'no <testsuites> or <testsuite> element: this is not a JUnit XML report' } };

  const tests: TestCaseResult[] = [];
  const walk = (suite: unknown, depth: number) => {
    if (!isNode(suite) || depth > 32) return;
    const suiteName = attr(suite, 'name');
    const suiteFile = attr(suite, 'file') ?? attr(suite, 'filepath');
    for (const tc of asArray(suite.testcase)) {
      if (!isNode(tc)) continue;
      const name = attr(tc, 'name');
      if (name === undefined) continue;
      const failure = [...asArray(tc.failure), ...asArray(tc.error)][0];
      const skipped = tc.skipped !== undefined;
      const classname = attr(tc, 'classname');
      const file = attr(tc, 'file') ?? suiteFile;
      const message = failure !== undefined ? messageOf(failure) : undefined;
      tests.push({
        name,
        outcome: failure !== undefined ? 'failed' : skipped ? 'skipped' : 'passed',
        source,
        ...(classname !== undefined ? { classname } : {}),
        ...(suiteName !== undefined ? { suite: suiteName } : {}),
        ...(file !== undefined ? { file } : {}),
        ...(message !== undefined && message !== '' ? { message } : {}),
      });
    }
    for (const child of asArray(suite.testsuite)) walk(child, depth + 1);
  };
  for (const root of roots) walk(root, 0);
  return { tests };
}
