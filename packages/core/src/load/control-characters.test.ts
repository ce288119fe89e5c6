/** Control characters and NUL in names and ids load as a clean value or a clear, located issue. */
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/index.js';
import { load, model } from './test-helpers.js';

describe('control characters in names and ids', () => {
  it('keeps them in names, and analyses the model', () => {
    const r = load(model('components:\n  - { id: C1, name: "A\\u0000B\\u001b[2J", kind: process }\n  - { id: C2, name: "\\u202eevil\\u0007", kind: datastore }\nflows:\n  - { id: F1, from: C1, to: C2, label: "x\\ry" }\n'));
    expect(r.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(r.model?.components?.[0]?.name).toBe('A\u0000B\u001b[2J');
    if (!r.model) throw new Error('the model did not load');
    expect(analyze(r.model).threats.length).toBeGreaterThanOrEqual(0);
  });

  it('refuses them in ids, at the id, with the characters made visible', () => {
    const r = load(model('components:\n  - { id: "C\\u00001", name: A, kind: process }\n  - { id: "C\\u001b2", name: B, kind: process }\n'));
    expect(r.model).toBeUndefined();
    expect(r.issues.map((i) => `${i.code} ${i.location?.line ?? 0}:${i.location?.column ?? 0}`)).toEqual(['invalid-id 4:11', 'invalid-id 5:11']);
    for (const i of r.issues) expect(Array.from({ length: i.message.length }, (_, k) => i.message.charCodeAt(k)).some((c) => c < 32)).toBe(false);
  });

  it('refuses a raw NUL in the text as a binary file, at its place', () => {
    const r = load(model('components:\n  - { id: C1, name: "A\u0000B", kind: process }\n'));
    expect(r.issues.map((i) => `${i.code} ${i.location?.line ?? 0}:${i.location?.column ?? 0}`)).toEqual(['binary-file 4:23']);
  });
});
