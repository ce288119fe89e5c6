import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lines, load, model } from '../test-helpers.js';

const fixture = (name: string): string => readFileSync(new URL(`../../../test/fixtures/broken/semantic/${name}`, import.meta.url), 'utf8');
const errors = (text: string): string[] => lines(load(text).issues.filter((i) => i.severity === 'error'));
const warnings = (text: string, now?: Date): string[] => lines(load(text, now ? { now } : {}).issues.filter((i) => i.severity === 'warning'));

/** Components C1 (external) and C2, asset A1, a flow F1 between them: a valid base for one mistake at a time. */
const BASE = `components:
  - { id: C1, name: Browser, kind: external-entity }
  - { id: C2, name: Web app, kind: process }
assets:
  - { id: A1, name: Session, classification: confidential }
`;
// BASE occupies lines 3-7; a section appended after it starts on line 8.

describe('references', () => {
  it('reports a flow whose target does not exist, with its id, the bad reference and the place', () => {
    const r = load(fixture('unknown-reference.yaml'));
    expect(r.model).toBeUndefined();
    expect(lines(r.issues)).toEqual(['✖ F2: flow target "C9" does not exist  → threatmodel.yaml:12:9']);
    expect(r.issues[0]).toMatchObject({ code: 'unknown-reference', path: ['flows', 1, 'to'], subject: 'F2', hint: 'Known component ids: C1, C2.' });
  });

  it('reports a reference to an object of the wrong kind', () => {
    expect(errors(fixture('wrong-kind.yaml'))).toEqual(['✖ F1: flow target "A1" is an asset, not a component  → threatmodel.yaml:8:29']);
  });

  it('checks every kind of reference in the model', () => {
    const text = model(`${BASE}boundaries:
  - { id: B1, name: Cloud, parent: B7 }
flows:
  - { id: F1, from: C0, to: C2, data: [A1, A5] }
dependencies:
  - { id: E1, name: OS }
threats:
  - { id: T1, title: Stolen session, elements: [C2, E1, F9], assets: [A9], mitigations: [R9] }
mitigations:
  - { id: R1, title: Rotate sessions, owner: web, threats: [T1, T8, csrf@C2], elements: [B1, C8] }
assumptions:
  - { id: AS1, text: TLS everywhere, links: [F1, E1, nothing] }
attack_trees:
  - id: AT1
    goal: Take over an account
    root: { title: Steal a session, or: [{ id: AT1.1, title: Sniff, threats: [T5, x@F1], mitigations: [R1, R4] }] }
`);
    expect(errors(text.replace('kind: process }', 'kind: process, boundary: B3, assets: { processed: [A1, F1], stored: [A2] } }'))).toEqual([
      '✖ C2: boundary "B3" does not exist  → threatmodel.yaml:5:55',
      '✖ C2: processed asset "F1" is a flow, not an asset  → threatmodel.yaml:5:85',
      '✖ C2: stored asset "A2" does not exist  → threatmodel.yaml:5:99',
      '✖ B1: parent boundary "B7" does not exist  → threatmodel.yaml:9:36',
      '✖ F1: flow source "C0" does not exist  → threatmodel.yaml:11:21',
      '✖ F1: carried asset "A5" does not exist  → threatmodel.yaml:11:44',
      '✖ T1: element "E1" is a dependency, not a component, flow or boundary  → threatmodel.yaml:15:53',
      '✖ T1: element "F9" does not exist  → threatmodel.yaml:15:57',
      '✖ T1: asset "A9" does not exist  → threatmodel.yaml:15:71',
      '✖ T1: mitigation "R9" does not exist  → threatmodel.yaml:15:90',
      '✖ R1: threat "T8" does not exist  → threatmodel.yaml:17:65',
      '✖ R1: element "C8" does not exist  → threatmodel.yaml:17:94',
      '✖ AS1: linked id "nothing" does not exist  → threatmodel.yaml:19:54',
      '✖ AT1.1: threat "T5" does not exist  → threatmodel.yaml:23:79',
      '✖ AT1.1: mitigation "R4" does not exist  → threatmodel.yaml:23:108',
    ]);
  });

  it('suggests a close id when the reference is long enough to be a typo', () => {
    const r = load(model('components:\n  - { id: web-app, name: Web, kind: process }\n  - { id: database, name: DB, kind: datastore }\nflows:\n  - { id: F1, from: web-app, to: databse }\n'));
    expect(r.issues.find((i) => i.code === 'unknown-reference')?.hint).toBe('Did you mean "database"?');
  });
});

describe('structure', () => {
  it('reports an id used twice, across sections, at the second use and names the first', () => {
    const r = load(fixture('duplicate-id.yaml'));
    const dup = r.issues.find((i) => i.code === 'duplicate-id');
    expect(dup && lines([dup])).toEqual(['✖ C2: id "C2" is already used by a component  → threatmodel.yaml:7:11']);
    expect(dup?.hint).toContain('First declared at threatmodel.yaml:5:11.');
  });

  it('reports a boundary cycle once, with the whole cycle', () => {
    expect(errors(fixture('boundary-cycle.yaml'))).toEqual(['✖ B1: boundary is nested inside itself: B1 → B3 → B2 → B1  → threatmodel.yaml:4:36']);
    expect(errors(model('boundaries:\n  - { id: B1, name: Loop, parent: B1 }\n'))).toEqual(['✖ B1: boundary is its own parent  → threatmodel.yaml:4:35']);
  });

  it('accepts nested boundaries without a cycle', () => {
    expect(errors(model('boundaries:\n  - { id: B1, name: Cloud }\n  - { id: B2, name: VPC, parent: B1 }\n  - { id: B3, name: Subnet, parent: B2 }\n'))).toEqual([]);
  });

  it('reports a flow from an element to itself', () => {
    expect(errors(fixture('self-flow.yaml'))).toEqual(['✖ F1: flow goes from "C1" to itself  → threatmodel.yaml:8:29']);
  });

  it('reports a threat entry that is neither a manual threat nor a decision', () => {
    expect(errors(fixture('threat-entry.yaml'))).toEqual([
      '✖ Someone steals sessions: threat entry is neither a manual threat (`id` + `title`) nor a decision about a derived finding (`fingerprint`)  → threatmodel.yaml:4:5',
    ]);
    expect(errors(model('threats:\n  - { id: T1, category: spoofing }\n'))).toEqual(['✖ T1: threat has no `title`  → threatmodel.yaml:4:5']);
  });

  it('checks decisions: the fingerprint form, and one decision per finding', () => {
    expect(errors(model('threats:\n  - { fingerprint: csrf, status: accepted }\n  - { fingerprint: csrf@C2, status: accepted }\n  - { fingerprint: csrf@C2, status: mitigated }\n'))).toEqual([
      '✖ csrf: fingerprint "csrf" is not of the form <rule-id>@<element ids joined by +>  → threatmodel.yaml:4:20',
      '✖ csrf@C2: there is already a decision about "csrf@C2"  → threatmodel.yaml:6:20',
    ]);
  });

  it('does not check fingerprints in a mitigation\'s threats: the analysis does', () => {
    expect(errors(model(`${BASE}flows:\n  - { id: F1, from: C1, to: C2, data: [A1] }\nmitigations:\n  - { id: R1, title: Tokens, owner: web, threats: [csrf@C2, unencrypted-flow@F1+C2] }\n`))).toEqual([]);
  });
});

describe('warnings', () => {
  it('warns about a component with no flows, an unused asset, a flow without data and a mitigation without owner', () => {
    const text = model(`components:
  - { id: C1, name: Browser, kind: external-entity }
  - { id: C2, name: Web app, kind: process }
  - { id: C3, name: Orphan, kind: process }
  - { id: C4, name: Mainframe, kind: process, out_of_scope: true, reason: not ours }
assets:
  - { id: A1, name: Session }
  - { id: A2, name: Logs }
flows:
  - { id: F1, from: C1, to: C2, data: [A1] }
  - { id: F2, from: C2, to: C1 }
mitigations:
  - { id: R1, title: Rotate sessions }
  - { id: R2, title: Short sessions, owner: web-team }
`);
    expect(warnings(text)).toEqual([
      '⚠ C3: component has no flows  → threatmodel.yaml:6:5',
      '⚠ A2: asset is never used: no flow carries it and no component processes or stores it  → threatmodel.yaml:10:5',
      '⚠ F2: flow carries no data  → threatmodel.yaml:13:5',
      '⚠ R1: mitigation has no owner  → threatmodel.yaml:15:5',
    ]);
    expect(load(text).model).toBeDefined(); // warnings alone keep the model
  });

  it('warns when the review is overdue, only when today is known', () => {
    const text = 'threatwright: 1\nsystem:\n  name: Shop\n  reviewed_at: 2025-01-31\n  review_every: 1m\n';
    expect(warnings(text, new Date('2025-03-01T00:00:00Z'))).toEqual(['⚠ system: review overdue: last reviewed 2025-01-31, due every 1m, so by 2025-02-28 (1 day ago)  → threatmodel.yaml:4:16']);
    expect(warnings(text, new Date('2025-02-15T00:00:00Z'))).toEqual([]);
    expect(warnings(text)).toEqual([]);
    expect(warnings('threatwright: 1\nsystem:\n  name: Shop\n  reviewed_at: 2024-01-01\n  review_every: 90d\n', new Date('2024-06-01T00:00:00Z'))).toEqual([
      '⚠ system: review overdue: last reviewed 2024-01-01, due every 90d, so by 2024-03-31 (62 days ago)  → threatmodel.yaml:4:16',
    ]);
    expect(warnings('threatwright: 1\nsystem:\n  name: Shop\n  review_every: 1y\n', new Date('2024-06-01T00:00:00Z'))).toEqual([
      '⚠ system: the model must be reviewed every 1y but has no `reviewed_at` date  → threatmodel.yaml:4:17',
    ]);
  });

  it('warns about layout positions of elements that no longer exist', () => {
    expect(warnings(model(`${BASE}flows:\n  - { id: F1, from: C1, to: C2, data: [A1] }\nlayout:\n  positions:\n    C1: { x: 0, y: 0 }\n    C7: { x: 10, y: 0 }\n`))).toEqual([
      '⚠ C7: layout position for "C7", which does not exist  → threatmodel.yaml:13:9',
    ]);
  });
});
