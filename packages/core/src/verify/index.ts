/**
 * Verification from evidence: a mitigation names the tests that prove it
 * (`verification.test`); test results decide whether it is verified, failed or unverified.
 */
import { z } from 'zod';
import type { Mitigation, Model } from '../model/types.js';
import type { TestCaseResult, TestOutcome } from './junit.js';

export { parseJUnit, MAX_JUNIT_BYTES, type JUnitParseResult, type TestCaseResult, type TestOutcome } from './junit.js';

/**
 * - verified: every named test ran and passed;
 * - failed: at least one named test failed;
 * - unverified: a named test did not run (none of them, or only some, passed);
 * - no-tests: the mitigation names no test.
 */
export type VerificationState = 'verified' | 'failed' | 'unverified' | 'no-tests';

export interface TestVerdict {
  /** The test as the mitigation names it. */
  readonly test: string;
  readonly outcome: TestOutcome | 'not-run';
  /** The results file it was found in. */
  readonly source?: string;
  readonly message?: string;
}

export interface MitigationVerification {
  readonly mitigation: string;
  readonly state: VerificationState;
  readonly tests: readonly TestVerdict[];
  /** One line: "2 of 2 tests passed", "auth.spec > … failed: expected 429, got 200". */
  readonly summary: string;
}

/** Version of the verification record's JSON shape. */
export const VERIFICATION_FORMAT_VERSION = 1;

/** What `threatwright verify` records, and `analyze`, `check` and reports read back. */
export interface VerificationRecord {
  readonly version: typeof VERIFICATION_FORMAT_VERSION;
  /** When the tests were read (ISO date-time). */
  readonly checked_at: string;
  /** The results files, as given. */
  readonly sources: readonly string[];
  readonly mitigations: readonly MitigationVerification[];
}

/** Checks a record read back from disk (it is input like any other file). */
export const VerificationRecordSchema = z.object({
  version: z.literal(VERIFICATION_FORMAT_VERSION),
  checked_at: z.string(),
  sources: z.array(z.string()),
  mitigations: z.array(
    z.object({
      mitigation: z.string(),
      state: z.enum(['verified', 'failed', 'unverified', 'no-tests']),
      tests: z.array(z.object({ test: z.string(), outcome: z.enum(['passed', 'failed', 'skipped', 'not-run']), source: z.string().optional(), message: z.string().optional() })),
      summary: z.string(),
    }),
  ),
});

/** Reads a verification record from its JSON text; undefined with a reason when it is not one. */
export function parseVerificationRecord(text: string): { record: VerificationRecord } | { error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { error: `not JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const parsed = VerificationRecordSchema.safeParse(data);
  if (!parsed.success) return { error: `not a verification record: ${z.prettifyError(parsed.error).split('\n')[0] ?? ''}` };
  const r = parsed.data;
  return {
    record: {
      version: r.version,
      checked_at: r.checked_at,
      sources: r.sources,
      mitigations: r.mitigations.map((m) => ({
        mitigation: m.mitigation,
        state: m.state,
        summary: m.summary,
        tests: m.tests.map((t) => ({ test: t.test, outcome: t.outcome, ...(t.source !== undefined ? { source: t.source } : {}), ...(t.message !== undefined ? { message: t.message } : {}) })),
      })),
    },
  };
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The names one testcase answers to: its name alone, or qualified by class, suite or file as runners print them. */
export function namesOf(t: TestCaseResult): string[] {
  const names = new Set<string>([squash(t.name)]);
  for (const q of [t.classname, t.suite, t.file]) {
    if (q === undefined || q === '') continue;
    for (const sep of [' > ', '.', '::', ' ', '#', '/']) names.add(squash(`${q}${sep}${t.name}`));
  }
  return [...names];
}

export function testsOf(m: Mitigation): string[] {
  const t = m.verification?.test;
  return t === undefined ? [] : (Array.isArray(t) ? t : [t]).map(squash).filter((x) => x !== '');
}

/**
 * The entries of a saved record that still hold for the model: an entry counts only while its
 * mitigation names the same tests, so renaming or adding a test makes the old result stale and the
 * mitigation is then simply not checked. The one reading of a record for the CLI and the server.
 */
export function freshVerification(record: VerificationRecord, model: Pick<Model, 'mitigations'>): MitigationVerification[] {
  const current = new Map((model.mitigations ?? []).map((x) => [x.id, testsOf(x).join('\n')]));
  return record.mitigations.filter((v) => current.get(v.mitigation) === v.tests.map((t) => t.test).join('\n'));
}

/** `threatmodel.yaml` -> `threatmodel.verification.json`: where `threatwright verify` saves the record, beside the model. */
export function verificationPathFor(modelFile: string): string {
  const slash = Math.max(modelFile.lastIndexOf('/'), modelFile.lastIndexOf('\\'));
  const base = modelFile.slice(slash + 1);
  const dot = base.lastIndexOf('.');
  return `${modelFile.slice(0, slash + 1)}${dot > 0 ? base.slice(0, dot) : base}.verification.json`;
}

function plural(n: number, word: string): string {
  return `${String(n)} ${word}${n === 1 ? '' : 's'}`;
}

/** Matches each mitigation's named tests against the results. A test that ran several times fails if any run failed. */
export function verifyMitigations(model: Pick<Model, 'mitigations'>, results: readonly TestCaseResult[]): MitigationVerification[] {
  const index = new Map<string, TestCaseResult[]>();
  for (const r of results) {
    for (const n of namesOf(r)) {
      const list = index.get(n) ?? [];
      list.push(r);
      index.set(n, list);
    }
  }
  return (model.mitigations ?? []).map((m) => {
    const wanted = testsOf(m);
    if (wanted.length === 0) return { mitigation: m.id, state: 'no-tests', tests: [], summary: 'names no test (verification.test)' };
    const tests: TestVerdict[] = wanted.map((test) => {
      const runs = (index.get(test) ?? []).filter((r) => r.outcome !== 'skipped');
      const failed = runs.find((r) => r.outcome === 'failed');
      const pick = failed ?? runs[0];
      if (!pick) {
        const skipped = (index.get(test) ?? [])[0];
        return { test, outcome: skipped ? 'skipped' : 'not-run', ...(skipped ? { source: skipped.source } : {}) };
      }
      return { test, outcome: pick.outcome, source: pick.source, ...(pick.message !== undefined ? { message: pick.message } : {}) };
    });
    const failed = tests.filter((t) => t.outcome === 'failed');
    const passed = tests.filter((t) => t.outcome === 'passed');
    const state: VerificationState = failed.length > 0 ? 'failed' : passed.length === tests.length ? 'verified' : 'unverified';
    const first = failed[0];
    const summary =
      state === 'failed' && first
        ? `${first.test} failed${first.message !== undefined ? `: ${first.message}` : ''}${failed.length > 1 ? ` (and ${plural(failed.length - 1, 'more test')})` : ''}`
        : state === 'verified'
          ? `${plural(passed.length, 'test')} passed`
          : passed.length === 0
            ? `none of its ${plural(tests.length, 'test')} ran`
            : `${String(passed.length)} of ${plural(tests.length, 'test')} passed; ${tests.filter((t) => t.outcome !== 'passed').map((t) => t.test).join(', ')} did not run`;
    return { mitigation: m.id, state, tests, summary };
  });
}
