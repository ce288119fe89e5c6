import { describe, expect, it } from 'vitest';
import { loadModel } from './index.js';
import { lines, load, model } from './test-helpers.js';

const BASE = `components:
  - { id: C1, name: Browser, kind: external-entity }
  - { id: C2, name: Web app, kind: process }
assets:
  - { id: A1, name: Session }
`;
// BASE is lines 3-7; what follows starts on line 8.

describe('schema errors and semantic errors in one pass', () => {
  it('reports a schema error and a dangling reference together', () => {
    const r = load(model(`${BASE}flows:
  - { id: F1, from: C1, to: C2, data: [A1], encrypted: yes }
  - { id: F2, from: C2, to: C9, data: [A1] }
`));
    expect(r.model).toBeUndefined();
    expect(lines(r.issues)).toEqual([
      '✖ F1: `encrypted` must be true or false, not the text "yes"  → threatmodel.yaml:9:56',
      '✖ F2: flow target "C9" does not exist  → threatmodel.yaml:10:29',
    ]);
    expect(r.issues[1]?.path).toEqual(['flows', 1, 'to']);
  });

  it('checks the rest of an item whose field the schema refused', () => {
    const r = load(model(`${BASE}flows:\n  - { id: F1, from: C1, to: C7, data: [A1], protocol: 443 }\n`));
    expect(lines(r.issues)).toEqual(['✖ F1: `protocol` must be text, not the number 443  → threatmodel.yaml:9:55', '✖ F1: flow target "C7" does not exist  → threatmodel.yaml:9:29']);
  });

  it('reports a wrong property value beside a schema error elsewhere', () => {
    const r = load(model(`components:
  - { id: C1, name: Browser, kind: external-entity, owner: [web] }
  - { id: C2, name: Web app, kind: process, properties: { rate_limiting: yes } }
flows:
  - { id: F1, from: C1, to: C2 }
`));
    expect(lines(r.issues.filter((i) => i.severity === 'error'))).toEqual([
      '✖ C1: `owner` must be text, not a list  → threatmodel.yaml:4:60',
      '✖ C2: `rate_limiting` is the text "yes": expected true or false, e.g. `rate_limiting: true`  → threatmodel.yaml:5:74',
    ]);
  });

  it('does not report references to an item the schema refused as unknown', () => {
    const r = load(model(`components:
  - { id: C1, name: Browser, kind: external-entity }
  - { id: "C 2", name: Web app, kind: process }
  - { id: C3, kind: datastore }
assets:
  - { id: A1, name: Session }
flows:
  - { id: F1, from: C1, to: "C 2", data: [A1] }
  - { id: F2, from: "C 2", to: C3, data: [A1] }
threats:
  - { id: T1, title: Stolen session, elements: ["C 2", F2, C3] }
layout:
  positions:
    "C 2": { x: 0, y: 0 }
`));
    expect(lines(r.issues)).toEqual([
      '✖ C 2: `id` "C 2" is not valid: an id starts with a letter and has only letters, digits, "_", ".", ":" or "-" (at most 64)  → threatmodel.yaml:5:11',
      '✖ C3: component has no `name`  → threatmodel.yaml:6:5',
    ]);
  });

  it('says nothing that follows only from what the schema refused', () => {
    const r = load(model(`${BASE}flows:
  - { id: F1, from: C1, to: C2, data: A1 }
  - { id: F2, from: C2, to: C1, data: [A1], out_of_scope: maybe }
threats:
  - { id: T1, title: 42 }
mitigations:
  - { id: R1, title: Rotate, owner: 7 }
`));
    // No "flow carries no data", "component has no flows", "asset is never used", "threat has no
    // title" or "mitigation has no owner": each would follow from a value set aside.
    expect(r.issues.map((i) => i.code)).toEqual(['wrong-type', 'wrong-type', 'wrong-type', 'wrong-type']);
  });

  it('keeps checking when the whole flows section is refused, without calling components unconnected', () => {
    const r = load(model(`${BASE}flows: { F1: { from: C1, to: C2 } }\nthreats:\n  - { id: T1, title: X, elements: [C8] }\n`));
    expect(lines(r.issues)).toEqual(['✖ `flows` must be a list, not a mapping  → threatmodel.yaml:8:8', '✖ T1: element "C8" does not exist  → threatmodel.yaml:10:36']);
  });

  it('checks a model whose system section is refused or missing', () => {
    expect(lines(load(`threatwright: 1\nsystem: { name: Shop, review_every: often }\n${BASE}flows:\n  - { id: F0, from: C1, to: C2, data: [A1] }\n  - { id: F1, from: C2, to: C9, data: [A1] }\n`, { now: new Date() }).issues)).toEqual([
      '✖ `review_every` "often" is not valid: an interval such as 90d, 12w, 6m or 1y  → threatmodel.yaml:2:37',
      '✖ F1: flow target "C9" does not exist  → threatmodel.yaml:10:29',
    ]);
    expect(lines(load(`threatwright: 1\n${BASE}flows:\n  - { id: F0, from: C1, to: C2, data: [A1] }\n  - { id: F1, from: C2, to: C9, data: [A1] }\n`).issues)).toEqual(['✖ the model has no `system` section  → threatmodel.yaml:1:1', '✖ F1: flow target "C9" does not exist  → threatmodel.yaml:9:29']);
  });

  it('knows the property keys of a declaration or a custom rule the schema refused', () => {
    const r = load(model(`${BASE}flows:
  - { id: F1, from: C1, to: C2, data: [A1], properties: { reconciled: true, audited: true } }
taxonomy:
  properties:
    reconciled: { type: bool }
rules:
  custom:
    - { id: audit, title: Not audited, category: repudiation, applies_to: flow, when: { lacks: audited } }
`));
    expect(r.issues.map((i) => `${i.code} ${i.path.join('.')}`)).toEqual(['unknown-value taxonomy.properties.reconciled.type', 'missing-field rules.custom.0.message']);
  });

  it('says where a semantic error is, as the files have it, after items set aside before it', () => {
    const tree: Record<string, string> = {
      'threatmodel.yaml': `threatwright: 1\nsystem: { name: Shop }\ninclude: [more.yaml]\n${BASE}flows:\n  - { id: F0, from: C1 }\n  - { id: F1, from: C1, to: C2, data: [A1] }\n  - { id: F2, from: C2, to: C8, data: [A1] }\n`,
      'more.yaml': `flows:\n  - { id: F3, from: C2, to: C1, data: 7 }\n  - { id: F4, from: C1, to: C9, data: [A1] }\n`,
    };
    const r = loadModel({ file: 'threatmodel.yaml', text: tree['threatmodel.yaml'] ?? '' }, { readFile: (ref) => (tree[ref] === undefined ? undefined : { file: ref, text: tree[ref] }) });
    expect(lines(r.issues)).toEqual([
      '✖ F0: flow has no `to`  → threatmodel.yaml:10:5',
      '✖ F3: `data` must be a list, not the number 7  → more.yaml:2:39',
      '✖ F2: flow target "C8" does not exist  → threatmodel.yaml:12:29',
      '✖ F4: flow target "C9" does not exist  → more.yaml:3:29',
    ]);
    // Paths of the merged model as written: F2 is the third flow, F4 the fifth.
    expect(r.issues.filter((i) => i.code === 'unknown-reference').map((i) => i.path)).toEqual([
      ['flows', 2, 'to'],
      ['flows', 4, 'to'],
    ]);
  });

  it('stops after the schema errors when a file could not be read', () => {
    const r = loadModel({ file: 'threatmodel.yaml', text: `threatwright: 1\nsystem: { name: Shop }\ninclude: [gone.yaml]\n${BASE}flows:\n  - { id: F1, from: C1, to: C2, data: [A1], encrypted: yes }\n  - { id: F2, from: C2, to: C9, data: [A1] }\n` }, { readFile: () => undefined });
    expect(r.issues.map((i) => i.code)).toEqual(['include-missing', 'wrong-type']);
  });
});
