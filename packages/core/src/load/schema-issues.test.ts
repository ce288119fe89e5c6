import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lines, load, model } from './test-helpers.js';

const fixture = (name: string): string => readFileSync(new URL(`../../test/fixtures/broken/schema/${name}`, import.meta.url), 'utf8');

describe('schema errors', () => {
  it.each([
    ['unknown-key.yaml', '✖ F1: unknown key `encrypt` in flow; did you mean `encrypted`?  → threatmodel.yaml:13:5'],
    ['unknown-enum.yaml', '✖ C1: unknown kind "proccess"; did you mean "process"?  → threatmodel.yaml:6:11'],
    ['missing-name.yaml', '✖ C3: component has no `name`  → threatmodel.yaml:6:5'],
    ['wrong-type.yaml', '✖ F1: `encrypted` must be true or false, not the text "yes"  → threatmodel.yaml:7:44'],
    ['missing-version.yaml', '✖ this is not a Threatwright model: `threatwright: 1` is missing  → threatmodel.yaml:1:1'],
    ['bad-id.yaml', '✖ 1st: `id` "1st" is not valid: an id starts with a letter and has only letters, digits, "_", ".", ":" or "-" (at most 64)  → threatmodel.yaml:4:11'],
    ['bad-date.yaml', '✖ `reviewed_at` "2025-13-45" is not a date  → threatmodel.yaml:4:16'],
  ])('%s gives exactly one located error', (file, expected) => {
    const r = load(fixture(file));
    expect(r.model).toBeUndefined();
    // The semantic checks run too, over what the schema let through: warnings about the rest may come with it.
    expect(lines(r.issues.filter((i) => i.severity === 'error'))).toEqual([expected]);
  });

  it('lists the allowed keys and values in the hint', () => {
    const [unknownKey] = load(fixture('unknown-key.yaml')).issues;
    expect(unknownKey?.hint).toContain('Allowed keys: id, from, to, label');
    expect(unknownKey?.path).toEqual(['flows', 0, 'encrypt']);
    const [unknownEnum] = load(fixture('unknown-enum.yaml')).issues;
    expect(unknownEnum?.hint).toBe('Allowed: process, datastore, external-entity.');
    expect(load(fixture('wrong-type.yaml')).issues[0]?.hint).toMatch(/YAML 1\.2 reads yes\/no\/on\/off as text/);
  });

  it('suggests section names at the top level, ignoring case and separators', () => {
    const r = load(model('Components:\n  - { id: C1, name: A, kind: process }\n'));
    expect(lines(r.issues)).toEqual(['✖ unknown key `Components` in the model; did you mean `components`?  → threatmodel.yaml:3:1']);
    const camel = load('threatwright: 1\nsystem: { name: Shop, reviewedAt: 2025-01-01 }\n');
    expect(lines(camel.issues)).toEqual(['✖ unknown key `reviewedAt` in system; did you mean `reviewed_at`?  → threatmodel.yaml:2:23']);
  });

  it('says nothing it cannot back up: no suggestion for an unrelated key', () => {
    const r = load(model('components:\n  - { id: C1, name: A, kind: process, colour: red }\n'));
    expect(lines(r.issues)).toEqual(['✖ C1: unknown key `colour` in component  → threatmodel.yaml:4:39']);
  });

  it('suggests a threat category over STRIDE and LINDDUN at once', () => {
    const r = load(model('threats:\n  - { id: T1, title: t, category: idenitfying }\n'));
    expect(lines(r.issues)).toEqual(['✖ T1: unknown category "idenitfying"; did you mean "identifying"?  → threatmodel.yaml:4:35']);
  });

  it('explains a value that fits neither side of a union, and the enum side when it is text', () => {
    const r = load(model('boundaries:\n  - { id: B1, name: a, trust: hihg }\n  - { id: B2, name: b, trust: [1] }\n  - { id: B3, name: c, trust: 140 }\n'));
    expect(lines(r.issues)).toEqual([
      '✖ B1: unknown trust "hihg"; did you mean "high"?  → threatmodel.yaml:4:31',
      '✖ B2: `trust` must be a number or one of untrusted, low, medium, high, trusted, not a list  → threatmodel.yaml:5:31',
      '✖ B3: `trust` must be at most 100, not the number 140  → threatmodel.yaml:6:31',
    ]);
  });

  it('names nested places: a list entry, an attack-tree node, a section that is missing', () => {
    const r = load(
      'threatwright: 1\nsystem: { name: Shop }\nflows:\n  - { id: F1, from: C1, to: C2, data: [A1, 7] }\nattack_trees:\n  - id: AT1\n    goal: g\n    root: { title: t, or: [{ title: x, skil: low }] }\n',
    );
    expect(lines(r.issues)).toEqual([
      '✖ F1: `data[1]` must be text, not the number 7  → threatmodel.yaml:4:44',
      '✖ AT1: unknown key `skil` in attack-tree node; did you mean `skill`?  → threatmodel.yaml:8:40',
      // The semantic checks run over the rest in the same pass: the flow's ends are not in the model.
      '✖ F1: flow source "C1" does not exist  → threatmodel.yaml:4:21',
      '✖ F1: flow target "C2" does not exist  → threatmodel.yaml:4:29',
    ]);
    expect(lines(load('threatwright: 1\n').issues)).toEqual(['✖ the model has no `system` section  → threatmodel.yaml:1:1']);
  });

  it('explains that YAML merge keys are not supported', () => {
    const r = load(model('components:\n  - &web { id: C1, name: A, kind: process }\n  - { <<: *web, id: C2 }\n'));
    expect(lines(r.issues.filter((i) => i.severity === 'error'))).toEqual([
      '✖ C2: component has no `name`  → threatmodel.yaml:5:5',
      '✖ C2: component has no `kind`  → threatmodel.yaml:5:5',
      '✖ C2: YAML merge keys (`<<`) are not supported, in component  → threatmodel.yaml:5:7',
    ]);
  });

  it('refuses another format version', () => {
    expect(lines(load('threatwright: 2\nsystem: { name: Shop }\n').issues)).toEqual(['✖ unsupported model version 2: this version of Threatwright reads version 1  → threatmodel.yaml:1:15']);
  });

  it('reports an empty name and a wrong type for a whole section', () => {
    const r = load('threatwright: 1\nsystem: { name: "" }\ncomponents: { id: C1 }\n');
    expect(lines(r.issues)).toEqual(['✖ `name` is empty  → threatmodel.yaml:2:17', '✖ `components` must be a list, not a mapping  → threatmodel.yaml:3:13']);
  });
});

describe('untrusted text in messages', () => {
  it('shows control and bidirectional-override characters as escapes, and cuts long text', () => {
    const r = load(JSON.stringify({ threatwright: 1, system: { name: 'S', 'x\u001b[2J': 1 }, components: [{ id: 'C1', name: 'a', kind: 'process' }], flows: [{ id: 'F1', from: 'C1', to: `C\u202e9${'z'.repeat(200)}` }] }), {}, 'm.json');
    const text = lines(r.issues).join('\n');
    expect(text).toContain('unknown key `x\\u001b[2J` in system');
    expect(text.includes("\u001b") || text.includes("\u202e")).toBe(false);
    const all = load(JSON.stringify({ threatwright: 1, system: { name: 'S' }, components: [{ id: 'C1', name: 'a', kind: 'process' }], flows: [{ id: 'F1', from: 'C1', to: `C\u202e9${'z'.repeat(200)}` }] }), {}, 'm.json');
    const message = all.issues.find((i) => i.code === 'unknown-reference')?.message ?? '';
    expect(message).toMatch(/^flow target "C\\u202e9z+…" does not exist$/);
    expect(message.length).toBeLessThan(120);
  });
});
