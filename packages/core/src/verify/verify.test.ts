import { describe, expect, it } from 'vitest';
import { parseJUnit, verifyMitigations } from './index.js';

// As vitest's junit reporter writes it: classname is the file, name the describe chain.
const VITEST = `<?xml version="1.0" encoding="UTF-8" ?>
<testsuites name="vitest tests" tests="4" failures="1" errors="0" time="1.2">
  <testsuite name="auth/login-rate-limit.spec.ts" tests="2" failures="1" skipped="0">
    <testcase classname="auth/login-rate-limit.spec.ts" name="blocks the 6th failed login within a minute" time="0.1"></testcase>
    <testcase classname="auth/login-rate-limit.spec.ts" name="requires a captcha after 10 failed logins on one account" time="0.2">
      <failure message="expected 429 &quot;Too Many Requests&quot;, got 200" type="AssertionError">AssertionError: expected 429
    at auth/login-rate-limit.spec.ts:40:7</failure>
    </testcase>
  </testsuite>
  <testsuite name="auth/adaptive-mfa.spec.ts" tests="2" failures="0" skipped="1">
    <testcase classname="auth/adaptive-mfa.spec.ts" name="asks for a second factor on a new device" time="0.1"/>
    <testcase classname="auth/adaptive-mfa.spec.ts" name="asks admins every time" time="0"><skipped/></testcase>
  </testsuite>
</testsuites>`;

// As pytest writes it: one <testsuite> root, dotted classnames, <error> for crashes.
const PYTEST = `<?xml version="1.0"?><testsuite name="pytest" tests="2"><testcase classname="tests.test_session" name="test_clears_legacy_cookie"/><testcase classname="tests.test_search" name="test_rejects_unknown_sort"><error message="ImportError: no module named x"/></testcase></testsuite>`;

const mitigation = (id: string, test?: string | string[]) => ({ id, title: id, ...(test !== undefined ? { verification: { test } } : {}) });

describe('parseJUnit', () => {
  it('reads passed, failed and skipped test cases with their failure message', () => {
    const r = parseJUnit(VITEST, 'results.xml');
    expect(r.error).toBeUndefined();
    expect(r.tests.map((t) => [t.name, t.outcome])).toEqual([
      ['blocks the 6th failed login within a minute', 'passed'],
      ['requires a captcha after 10 failed logins on one account', 'failed'],
      ['asks for a second factor on a new device', 'passed'],
      ['asks admins every time', 'skipped'],
    ]);
    expect(r.tests[1]).toMatchObject({ classname: 'auth/login-rate-limit.spec.ts', suite: 'auth/login-rate-limit.spec.ts', message: 'expected 429 "Too Many Requests", got 200', source: 'results.xml' });
  });

  it('reads a single <testsuite> root and counts <error> as a failure', () => {
    expect(parseJUnit(PYTEST, 'py.xml').tests.map((t) => t.outcome)).toEqual(['passed', 'failed']);
  });

  it('says where malformed XML breaks and what a non-JUnit file is', () => {
    const bad = parseJUnit('<testsuites>\n  <testsuite name="a">\n</testsuites>', 'bad.xml');
    expect(bad.tests).toEqual([]);
    expect(bad.error?.line).toBe(3);
    expect(parseJUnit('<html><body/></html>', 'page.xml').error?.message).toMatch(/not a JUnit XML report/);
  });

  it('refuses a DOCTYPE instead of expanding its entities', () => {
    const xml = '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY boom "BOOM">]><testsuite name="s"><testcase name="&boom;"/></testsuite>';
    const r = parseJUnit(xml, 'x.xml');
    expect(r.tests).toEqual([]);
    expect(r.error).toMatchObject({ line: 2, column: 1 });
    expect(r.error?.message).toMatch(/DOCTYPE/);
  });
});

describe('verifyMitigations', () => {
  const results = [...parseJUnit(VITEST, 'vitest.xml').tests, ...parseJUnit(PYTEST, 'py.xml').tests];

  it('marks one mitigation verified and one failed from one passing and one failing test', () => {
    const out = verifyMitigations(
      { mitigations: [mitigation('R1', 'auth/login-rate-limit.spec.ts > requires a captcha after 10 failed logins on one account'), mitigation('R2', 'auth/adaptive-mfa.spec.ts > asks for a second factor on a new device')] },
      results,
    );
    expect(out.map((v) => [v.mitigation, v.state])).toEqual([
      ['R1', 'failed'],
      ['R2', 'verified'],
    ]);
    expect(out[0]?.summary).toBe('auth/login-rate-limit.spec.ts > requires a captcha after 10 failed logins on one account failed: expected 429 "Too Many Requests", got 200');
    expect(out[1]?.summary).toBe('1 test passed');
  });

  it('matches tests by bare name or qualified the way runners print them', () => {
    const out = verifyMitigations({ mitigations: [mitigation('A', 'blocks the 6th failed login within a minute'), mitigation('B', 'tests.test_session.test_clears_legacy_cookie'), mitigation('C', 'tests.test_session::test_clears_legacy_cookie')] }, results);
    expect(out.map((v) => v.state)).toEqual(['verified', 'verified', 'verified']);
  });

  it('calls a mitigation unverified when none or only some of its tests ran, and names the missing ones', () => {
    const out = verifyMitigations(
      {
        mitigations: [
          mitigation('R1', ['blocks the 6th failed login within a minute', 'auth/x.spec.ts > not written yet']),
          mitigation('R2', 'auth/adaptive-mfa.spec.ts > asks admins every time'),
          mitigation('R3'),
        ],
      },
      results,
    );
    expect(out.map((v) => v.state)).toEqual(['unverified', 'unverified', 'no-tests']);
    expect(out[0]?.summary).toBe('1 of 2 tests passed; auth/x.spec.ts > not written yet did not run');
    expect(out[1]?.tests[0]?.outcome).toBe('skipped');
    expect(out[1]?.summary).toBe('none of its 1 test ran');
  });

  it('fails a test that passed in one file and failed in another', () => {
    const again = parseJUnit('<testsuite name="s"><testcase name="blocks the 6th failed login within a minute"><failure message="flaky"/></testcase></testsuite>', 'rerun.xml').tests;
    const [v] = verifyMitigations({ mitigations: [mitigation('R1', 'blocks the 6th failed login within a minute')] }, [...results, ...again]);
    expect(v).toMatchObject({ state: 'failed', tests: [{ outcome: 'failed', source: 'rerun.xml', message: 'flaky' }] });
  });
});
