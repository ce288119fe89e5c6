/**
 * RuleTester: each rule is tested with models where it must fire (invalid) and must not (valid).
 * It rejects duplicate cases, unknown message ids, fixtures that are not valid models, findings
 * without facts and messages with unresolved placeholders.
 *
 *   new RuleTester().run(rule, {
 *     valid: [{ name: 'CSRF protection stated', model: build()….model() }],
 *     invalid: [{ name: 'no CSRF protection', model, findings: [{ messageId: 'default', elements: ['W'] }] }],
 *   });
 */
import { describe, expect, it } from 'vitest';
import { ModelSchema } from '../model/schema.js';
import type { Model } from '../model/types.js';
import { buildGraph } from '../graph/index.js';
import { checkRuleMeta } from './meta-check.js';
import { runRules } from './run.js';
import type { AnyRule, Finding } from './types.js';

export interface ValidCase {
  readonly name: string;
  readonly model: Model;
}
export interface ExpectedFinding {
  readonly messageId: string;
  readonly elements: readonly string[];
  /** `<element id>.<property>` of the questions this finding raises; checked when given. */
  readonly unstated?: readonly string[];
}
export interface InvalidCase extends ValidCase {
  readonly findings: readonly ExpectedFinding[];
}

export function findingsOf(rule: AnyRule, model: Model): Finding[] {
  const { findings, issues } = runRules(buildGraph(model), [rule]);
  if (issues.length > 0) throw new Error(issues.map((i) => i.message).join('\n'));
  return findings;
}

export class RuleTester {
  run(rule: AnyRule, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
    const problems: string[] = [];
    if (cases.valid.length === 0) problems.push('needs at least one valid case (a model where it must not fire)');
    if (cases.invalid.length === 0) problems.push('needs at least one invalid case (a model where it fires)');
    const names = new Set<string>();
    const models = new Map<string, string>();
    for (const c of [...cases.valid, ...cases.invalid]) {
      if (names.has(c.name)) problems.push(`duplicate case name "${c.name}"`);
      names.add(c.name);
      const key = JSON.stringify(c.model);
      const other = models.get(key);
      if (other !== undefined) problems.push(`case "${c.name}" has the same model as "${other}"`);
      models.set(key, c.name);
      const parsed = ModelSchema.safeParse(c.model);
      if (!parsed.success) problems.push(`case "${c.name}" is not a valid model: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    const messageIds = new Set(Object.keys(rule.messages));
    for (const c of cases.invalid) {
      if (c.findings.length === 0) problems.push(`invalid case "${c.name}" expects no findings: make it a valid case`);
      for (const f of c.findings) if (!messageIds.has(f.messageId)) problems.push(`case "${c.name}" expects unknown messageId "${f.messageId}" (known: ${[...messageIds].join(', ')})`);
    }
    if (problems.length > 0) throw new Error(`RuleTester(${rule.id}):\n  ${problems.join('\n  ')}`);

    describe(rule.id, () => {
      it('has complete metadata', () => {
        expect(checkRuleMeta(rule)).toEqual([]);
      });
      for (const c of cases.valid) {
        it(`does not fire: ${c.name}`, () => {
          expect(findingsOf(rule, c.model).map((f) => f.fingerprint)).toEqual([]);
        });
      }
      for (const c of cases.invalid) {
        it(`fires: ${c.name}`, () => {
          const findings = findingsOf(rule, c.model);
          const actual = findings.map((f) => ({ messageId: f.messageId, elements: [...f.elements] }));
          const expected = [...c.findings].map((f) => ({ messageId: f.messageId, elements: [...f.elements] }));
          const order = (a: { elements: string[] }, b: { elements: string[] }) => a.elements.join('+').localeCompare(b.elements.join('+'));
          expect(actual.sort(order)).toEqual(expected.sort(order));
          for (const f of findings) {
            expect(f.facts.length, `${f.fingerprint} must name the facts it used`).toBeGreaterThan(0);
            expect(f.message, `${f.fingerprint} has an unresolved placeholder`).not.toMatch(/\{\{/);
          }
          for (const e of c.findings) {
            if (!e.unstated) continue;
            const f = findings.find((x) => x.elements.join('+') === e.elements.join('+'));
            expect(f?.unstated.map((u) => `${u.subject}.${u.key}`).sort()).toEqual([...e.unstated].sort());
          }
        });
      }
    });
  }
}

