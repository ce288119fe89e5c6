/**
 * Loading a model for the risk commands (check, verify, adopt): load and validate, analyze,
 * read test evidence (a verification record next to the model, or JUnit files given now),
 * then assess. Everything after the file reads is core's pure code.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  analyze,
  hasErrors,
  locateIssues,
  parseJUnit,
  freshVerification,
  parseVerificationRecord,
  verificationPathFor,
  verifyMitigations,
  type AnalysisResult,
  type Assessment,
  type Issue,
  type LoadResult,
  type MitigationVerification,
  type Model,
  type TestCaseResult,
} from '@threatwright/core';
import { UserError } from '../../errors.js';
import { ExitCode } from '../../exit-codes.js';
import { displayPath, resolveModelPath } from '../../files.js';
import { loadModelFile } from '../../model-file.js';
import { issueText, terminalLine } from '../../terminal.js';

export { verificationPathFor };

/** Parses `--today YYYY-MM-DD` (for reproducible gates in CI and tests); default: now. */
export function parseToday(value: string | undefined): Date {
  if (value === undefined) return new Date();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new UserError(`--today must be a date as YYYY-MM-DD (got "${value}")`, ExitCode.invalid);
  }
  return new Date(`${value}T12:00:00Z`);
}

export interface LoadedModel {
  /** As shown to the user. */
  file: string;
  abs: string;
  loaded: LoadResult;
  model: Model;
}

export async function loadValidModel(given: string | undefined, cwd: string): Promise<LoadedModel> {
  const abs = await resolveModelPath(cwd, given);
  const file = displayPath(cwd, abs);
  const loaded = await loadModelFile(file, cwd);
  if (!loaded.model || hasErrors(loaded.issues)) {
    const errors = loaded.issues.filter((i) => i.severity === 'error');
    throw new UserError(`${file} has ${String(errors.length)} error${errors.length === 1 ? '' : 's'}:\n${errors.map((i) => `  ${issueText(i)}`).join('\n')}`, ExitCode.invalid, `Fix them (\`threatwright validate ${file}\` lists every problem), then run this again.`);
  }
  return { file, abs, loaded, model: loaded.model };
}

/** Reads JUnit files; a missing or malformed file is a user error naming the file and position. */
export async function readJUnitFiles(files: readonly string[], cwd: string): Promise<TestCaseResult[]> {
  const tests: TestCaseResult[] = [];
  for (const given of files) {
    const shown = displayPath(cwd, path.resolve(cwd, given));
    let text: string;
    try {
      text = await readFile(path.resolve(cwd, given), 'utf8');
    } catch {
      throw new UserError(`cannot read JUnit results ${shown}: no such file`, ExitCode.invalid, 'Give the XML file your test runner wrote (e.g. vitest --reporter=junit --outputFile=results.xml, pytest --junitxml=results.xml).');
    }
    const parsed = parseJUnit(text, shown);
    if (parsed.error) {
      const at = parsed.error.line !== undefined ? `:${String(parsed.error.line)}:${String(parsed.error.column ?? 1)}` : '';
      throw new UserError(`${shown}${at}: ${terminalLine(parsed.error.message)}`, ExitCode.invalid, 'Give a JUnit XML report (a <testsuites> or <testsuite> document) as your test runner writes it.');
    }
    // One by one: a spread passes every test as an argument, and a long list overflows the call stack.
    for (const t of parsed.tests) tests.push(t);
  }
  return tests;
}

export interface Evidence {
  verification: MitigationVerification[] | undefined;
  /** Where it came from, for the output: "results.xml" or "threatmodel.verification.json (2026-11-20T…)". */
  from: string | undefined;
}

/** Evidence from JUnit files given now, else from the saved record (when there is one). */
export async function readEvidence(m: LoadedModel, junit: readonly string[], recordFile: string | undefined, cwd: string): Promise<Evidence> {
  if (junit.length > 0) {
    const tests = await readJUnitFiles(junit, cwd);
    return { verification: verifyMitigations(m.model, tests), from: junit.map((j) => displayPath(cwd, path.resolve(cwd, j))).join(', ') };
  }
  const file = recordFile !== undefined ? path.resolve(cwd, recordFile) : verificationPathFor(m.abs);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    if (recordFile !== undefined) throw new UserError(`cannot read verification record ${displayPath(cwd, file)}: no such file`, ExitCode.invalid, 'Run `threatwright verify --junit <results.xml>` first, or leave out --verification.');
    return { verification: undefined, from: undefined };
  }
  const parsed = parseVerificationRecord(text);
  if ('error' in parsed) throw new UserError(`${displayPath(cwd, file)}: ${parsed.error}`, ExitCode.invalid, 'Run `threatwright verify --junit <results.xml>` again to rewrite it, or delete it.');
  const fresh = freshVerification(parsed.record, m.model);
  return { verification: fresh, from: `${displayPath(cwd, file)} (tests read ${parsed.record.checked_at})` };
}

export interface Assessed {
  analysis: AnalysisResult;
  assessment: Assessment;
  /** Load warnings, analysis and assessment issues, located in the files where possible. */
  issues: Issue[];
}

export function assessModel(m: LoadedModel, now: Date, verification: readonly MitigationVerification[] | undefined): Assessed {
  const analysis = analyze(m.model, { now, ...(verification ? { verification } : {}) });
  const assessment = analysis.risk;
  // analysis.issues already holds the assessment's issues.
  const issues = locateIssues(m.loaded, [...m.loaded.issues.filter((i) => i.severity !== 'error'), ...analysis.issues]);
  return { analysis, assessment, issues };
}
