/**
 * User text used as a key or looked up in a table ("constructor", "toString", "__proto__", …) must
 * find only what the model or the table itself holds, never what every object inherits.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/index.js';
import { assetSensitivity } from '../graph/index.js';
import { currentFingerprint } from '../triage/index.js';
import { loadModel } from './index.js';
import { load, model } from './test-helpers.js';

const INHERITED = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];
const NATIVE = /native code|function |\[object /;

describe.each(INHERITED)('"%s" as user text', (word) => {
  it('is an unknown rule when disabled, and a decision about it matches no finding', () => {
    const r = load(model(`components:\n  - { id: C1, name: Web, kind: process }\nrules: { disable: [${word}] }\nthreats:\n  - { fingerprint: "${word === '__proto__' ? 'constructor' : word}@C1", status: accepted }\n`));
    if (!r.model) throw new Error('the model did not load');
    const issues = analyze(r.model).issues;
    const messages = issues.map((i) => i.message);
    expect(messages.join('\n')).not.toMatch(NATIVE);
    expect(issues.find((i) => i.code === 'unknown-rule')?.message).toBe(`there is no rule "${word}" to disable`);
    const fp = `${word === '__proto__' ? 'constructor' : word}@C1`;
    const why = word === '__proto__' ? 'there is no rule named "constructor"' : `rule ${word} is disabled for this model`;
    expect(issues.find((i) => i.code === 'stale-decision')?.message).toBe(`decision about ${fp} matches no finding: ${why}`);
  });

  it('follows no inherited rename', () => {
    expect(currentFingerprint(`${word}@C1`, {})).toBe(`${word}@C1`);
  });

  it('gives an asset of that type its classification, not a number from nowhere', () => {
    expect(assetSensitivity({ id: 'A1', name: 'Data', type: word })).toBe(-1);
    expect(assetSensitivity({ id: 'A1', name: 'Data', type: word, personal_data: true })).toBe(2);
  });

  it('stays literal as a placeholder in a custom rule message', () => {
    const r = load(
      model(`components:\n  - { id: C1, name: Web, kind: process }\nrules:\n  custom:\n    - { id: ph, title: T, category: tampering, applies_to: component, message: "{{${word}}} in {{element}}", when: { attribute: kind, equals: process } }\n`),
    );
    expect(r.issues).toEqual([expect.objectContaining({ code: 'component-without-flows' })]);
    if (!r.model) throw new Error('the model did not load');
    expect(JSON.stringify(analyze(r.model).threats.filter((x) => x.ruleId === 'ph'))).toContain(`{{${word}}} in Web (C1)`);
  });

  it('is a layout position merged from an included file like any other id', () => {
    const root = model(`include: [more.yaml]\ncomponents:\n  - { id: C1, name: Web, kind: process }\nlayout:\n  positions:\n    C1: { x: 1, y: 1 }\n`);
    const more = `layout:\n  positions:\n    "${word}": { x: 2, y: 2 }\n`;
    const files = new Map([['more.yaml', more]]);
    const r = loadModel({ file: 'threatmodel.yaml', text: root }, { readFile: (ref) => (files.has(ref) ? { file: ref, text: files.get(ref) ?? '' } : undefined) });
    if (word === '__proto__') {
      // A key that JavaScript would take as the object's prototype is refused where it is written.
      expect(r.issues).toEqual([expect.objectContaining({ code: 'reserved-key', location: { file: 'more.yaml', line: 3, column: 5 } })]);
      return;
    }
    expect(r.issues.map((i) => i.code)).toEqual(['component-without-flows', 'stale-layout']);
    expect(r.issues[1]?.message).toBe(`layout position for "${word}", which does not exist`);
    const positions = r.model?.layout?.positions ?? {};
    expect(Object.getPrototypeOf(positions)).toBe(Object.prototype);
    expect(Object.keys(positions)).toEqual(['C1', word]);
  });

  it('is an unknown key or value in every place the schema names its choices', () => {
    const places = [
      `components:\n  - { id: C1, name: Web, kind: ${word} }\n`,
      `components:\n  - { id: C1, name: Web, kind: process, ${word}: 1 }\n`,
      `assets:\n  - { id: A1, name: D, classification: ${word} }\n`,
      `boundaries:\n  - { id: B1, name: B, trust: ${word} }\n`,
      `threats:\n  - { id: T1, title: X, status: ${word} }\n`,
      `threats:\n  - { id: T1, title: X, likelihood: ${word} }\n`,
      `${word}: 1\n`,
    ];
    for (const text of places) {
      const r = load(model(text));
      expect(r.model).toBeUndefined();
      const errors = r.issues.filter((i) => i.severity === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]?.message).toContain(word);
      expect(errors[0]?.message).not.toMatch(NATIVE);
      expect(errors[0]?.location?.line).toBe(text.startsWith(word) ? 3 : 4);
    }
  });
});
